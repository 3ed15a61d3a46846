// The KPI report and the quarterly analysis as ONE self-contained HTML file (issue 6): inline
// CSS, inline SVG charts (render/svg.ts), no script, nothing fetched — a Content-Security-
// Policy says so to the browser. It reads on screen and prints on A4 (@media print). Every
// text put into the markup is escaped; residents' data arrives already masked unless --reveal.
import type { Lang } from '../../diagnostics/catalogue.js';
import type { AnalysisReport } from '../../domain/reports/analysis.js';
import { SEVERITIES, SUBJECT_KINDS } from '../../domain/records/config.js';
import type { MessageKey } from '../../i18n/messages.js';
import {
  handlingLines, kindLabel, pct, satisfactionLabel, severityLabel, statusLabel,
  type Cell, type KpiDocument, type KpiView, type Section,
} from '../commands/report-kpi.js';
import { escapeMarkup as e, groupedColumns, horizontalBars, stackedBars, trendLine, type Bar } from './svg.js';

type T = (key: MessageKey, params?: Record<string, unknown>) => string;

const STYLE = `
:root { --good:#2e7d32; --bad:#c62828; --neutral:#1565c0; --ink:#1b1b1b; --muted:#5f6368; --line:#d9d9d9; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; color: var(--ink); margin: 2rem auto; max-width: 1120px; padding: 0 1.25rem; line-height: 1.5; }
header { border-bottom: 3px solid var(--ink); padding-bottom: .6rem; margin-bottom: 1.2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; border-left: 4px solid var(--neutral); padding-left: .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .2rem 0; }
.subtitle { color: var(--muted); }
.note { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 .8rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.good { color: var(--good); font-weight: 600; }
td.bad { color: var(--bad); font-weight: 600; }
td.good::after { content: " \\2713"; }
td.bad::after { content: " \\2717"; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .7rem .8rem; break-inside: avoid; page-break-inside: avoid; background: #fff; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-size: 12px; fill: var(--ink); }
svg.chart text.muted { fill: var(--muted); }
svg.chart text.small { font-size: 10px; }
.track { fill: #edf0f3; }
.bar-good { fill: var(--good); }
.bar-bad { fill: var(--bad); }
.bar-neutral { fill: var(--neutral); }
.series-0 { fill: #1565c0; } .series-1 { fill: #ef6c00; } .series-2 { fill: #6a1b9a; } .series-3 { fill: #00897b; }
.target { stroke: #111; stroke-width: 2; }
.dashed { stroke-dasharray: 5 4; stroke-width: 1.5; }
.line { fill: none; stroke: var(--neutral); stroke-width: 2.5; }
.grid { stroke: #e6e6e6; }
.axis { stroke: #999; }
ul.handling { margin: 0; padding-left: 1.1rem; }
.signoff { margin-top: 2rem; padding-top: .8rem; border-top: 1px solid var(--line); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .charts { grid-template-columns: 1fr 1fr; gap: 6mm; }
  figure { border-color: #bbb; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  section.charts-section { break-after: page; page-break-after: always; }
  a { color: inherit; text-decoration: none; }
}
`;

function page(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="kefu">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const NUMERIC = /^[\d.,%\s()/—–+×Σ-]+$/u;

function cellHtml(c: Cell): string {
  const cls = [NUMERIC.test(c.text) && c.text !== '' ? 'num' : '', c.status ?? ''].filter(Boolean).join(' ');
  return `<td${cls ? ` class="${cls}"` : ''}>${e(c.text)}</td>`;
}

function tableHtml(head: string[], rows: Cell[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`).join('')}</tbody></table>`;
}

function sectionHtml(s: Section): string {
  return `<section id="${e(s.id)}"><h2>${e(s.title)}</h2>${tableHtml(s.head, s.rows)}${(s.notes ?? []).map((n) => `<p class="note">${e(n)}</p>`).join('')}</section>`;
}

const figure = (id: string, caption: string, svg: string) => `<figure id="${e(id)}"><figcaption>${e(caption)}</figcaption>${svg}</figure>`;

export interface KpiHtmlInput {
  t: T;
  lang: Lang;
  property: string;
  report: KpiDocument;
  view: KpiView;
  reveal: boolean;
}

/** The KPI report: header, the six charts of issue 6, then every table of the text report. */
export function renderKpiHtml(input: KpiHtmlInput): string {
  const { t, report: r, view } = input;
  const ctx = { t };
  const noData = t('kpi.chart.noData');
  const targetLabel = t('kpi.chart.target');
  const status = (v: number | null, target: number): Bar['status'] => (v === null ? 'neutral' : v >= target - 1e-9 ? 'good' : 'bad');

  // 1. callback rate by kind against target
  const kinds = SUBJECT_KINDS.filter((k) => r.callbacks.by_kind[k].closed > 0);
  const callbackBars: Bar[] = kinds.map((k) => {
    const x = r.callbacks.by_kind[k];
    return { label: kindLabel(ctx, k), value: x.rate, display: `${pct(x.rate)} (${x.done}/${x.closed})`, target: x.target, status: status(x.rate, x.target) };
  });
  // 2. satisfaction over the earlier periods and this one
  const satPoints = [
    ...r.trend.map((p) => ({ label: p.period.label, value: p.figures['callbacks.satisfaction.rate'] ?? null })),
    { label: r.period.label, value: r.callbacks.satisfaction.rate },
  ].map((p) => ({ ...p, display: pct(p.value) }));
  // 3. complaint deadlines met, by severity and stage
  const stages = ['escalate', 'reply', 'resolve'] as const;
  const groups = SEVERITIES.map((s) => {
    const d = r.complaints.by_severity[s].deadlines;
    return {
      label: `${severityLabel(ctx, s)} (${r.complaints.by_severity[s].received})`,
      values: stages.map((st) => d[st]?.rate ?? null),
      displays: stages.map((st) => (d[st] ? pct(d[st]!.rate) : '')),
    };
  });
  // 4. time to first response
  const b = r.workorders.response_buckets;
  const bucketKeys = ['le5', 'le10', 'le30', 'le60', 'gt60', 'none'] as const;
  const bucketMax = Math.max(1, ...bucketKeys.map((k) => b[k]));
  const responseBars: Bar[] = bucketKeys.map((k) => ({
    label: t(`kpi.bucket.${k}` as MessageKey), value: b[k], display: String(b[k]),
    status: k === 'le5' || k === 'le10' ? 'good' : k === 'none' ? 'neutral' : 'bad',
  }));
  // 5. workload by staff
  const staffRows = (r.by_staff ?? [])
    .filter((s) => s.entries_logged + s.callbacks_made + s.handovers_signed > 0)
    .map((s) => ({ label: `${s.staff} ${s.name}`.trim(), values: [s.entries_logged, s.callbacks_made, s.handovers_signed] }));
  // 6. repeat hot spots by unit over the quarter: complaints and repairs repeated there
  const units = new Map<string, [number, number]>();
  for (const x of r.complaints.repeats) units.set(x.unit, [(units.get(x.unit)?.[0] ?? 0) + x.count, units.get(x.unit)?.[1] ?? 0]);
  for (const x of r.workorders.repeats) units.set(x.unit, [units.get(x.unit)?.[0] ?? 0, (units.get(x.unit)?.[1] ?? 0) + x.count]);
  const hotRows = [...units.entries()]
    .sort((a, b2) => b2[1][0] + b2[1][1] - (a[1][0] + a[1][1]) || (a[0] < b2[0] ? -1 : 1))
    .map(([unit, v]) => ({ label: unit, values: v }));

  const charts = [
    figure('chart-callbacks', t('kpi.chart.callbackRate'), horizontalBars(t('kpi.chart.callbackRate'), callbackBars, { max: 1, targetLabel, noData })),
    figure('chart-satisfaction', t('kpi.chart.satisfaction'), trendLine(t('kpi.chart.satisfaction'), satPoints, { target: r.callbacks.satisfaction.target, targetLabel: `${targetLabel} ${pct(r.callbacks.satisfaction.target)}`, noData })),
    figure('chart-complaints', t('kpi.chart.compliance'), groupedColumns(t('kpi.chart.compliance'), stages.map((s) => t(`kpi.stage.${s}` as MessageKey)), groups, { max: 1, target: 1, targetLabel: '100%', notApplicable: t('kpi.notApplicable'), noData })),
    figure('chart-response', t('kpi.chart.response'), horizontalBars(t('kpi.chart.response'), responseBars, { max: bucketMax, targetLabel, noData })),
    figure('chart-workload', t('kpi.chart.workload'), stackedBars(t('kpi.chart.workload'), [t('kpi.legend.entries'), t('kpi.legend.callbacks'), t('kpi.legend.handovers')], staffRows, { noData })),
    figure('chart-hotspots', `${t('kpi.chart.hotspots')} ${r.quarter.label}`, stackedBars(t('kpi.chart.hotspots'), [t('kpi.legend.complaints'), t('kpi.legend.repairs')], hotRows, { noData })),
  ];

  const body = [
    `<header><h1>${e(view.title)}</h1><p class="subtitle">${e(view.subtitle)}</p>${view.notes.map((n) => `<p class="note">${e(n)}</p>`).join('')}</header>`,
    `<main>`,
    sectionHtml(view.sections[0]!),
    `<section class="charts-section"><div class="charts">${charts.join('')}</div></section>`,
    ...view.sections.slice(1).map(sectionHtml),
    `</main>`,
    `<footer>${e(t('kpi.footer', { asOf: r.as_of }))}</footer>`,
  ];
  return page(input.lang, view.title, body.join('\n'));
}

export interface AnalysisHtmlInput {
  t: T;
  lang: Lang;
  property: string;
  report: AnalysisReport;
  reveal: boolean;
}

/** The quarterly analysis (seed 002 篇2 §4.6), with the records behind each line and a sign-off block. */
export function renderAnalysisHtml(input: AnalysisHtmlInput): string {
  const { t, report: r, property } = input;
  const ctx = { t };
  const title = `${property} ${t('analysis.title', { label: r.period.label })}`;
  const none = `<p>${e(t('analysis.noneFound'))}</p>`;
  const out: string[] = [
    `<header><h1>${e(title)}</h1><p class="subtitle">${e(t('kpi.subtitle', { property, from: r.period.from, to: r.period.to, asOf: r.as_of }))}</p><p class="note">${e(t(input.reveal ? 'kpi.revealed' : 'kpi.masked'))}</p></header>`,
    `<main>`,
    `<p>${e(t('analysis.intro'))}</p>`,
    `<p><strong>${e(t('analysis.summary', {
      label: r.period.label, callbacks: r.summary.callbacks, completed: r.summary.completed, rate: pct(r.summary.satisfaction_rate),
      unsatisfied: r.summary.unsatisfied, complaints: r.summary.complaints_received, repairs: r.summary.repairs_received,
    }))}</strong></p>`,
    `<section id="unsatisfied"><h2>${e(t('analysis.unsatisfied'))}</h2>`,
  ];
  if (r.unsatisfied.length === 0) out.push(none);
  else {
    out.push(`<table><thead><tr>${[t('analysis.col.callback'), t('analysis.col.subject'), t('analysis.col.satisfaction'), t('analysis.col.done')].map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const u of r.unsatisfied) {
      const said = [u.shortcomings ? t('analysis.shortcomings', { text: u.shortcomings }) : '', u.suggestions ? t('analysis.suggestions', { text: u.suggestions }) : ''].filter(Boolean);
      out.push(`<tr><td>${e(u.callback)}<br><span class="note">${e(u.at)} · ${e(u.by)}</span></td>`
        + `<td>${e(u.subject)}<br><span class="note">${e([kindLabel(ctx, u.subject_kind), u.unit, u.category].filter(Boolean).join(' · '))}</span></td>`
        + `<td class="bad">${e(satisfactionLabel(ctx, u.satisfaction))}${said.map((s) => `<br><span class="note">${e(s)}</span>`).join('')}</td>`
        + `<td class="${u.handled === 'resolved' ? 'good' : 'bad'}"><ul class="handling">${handlingLines(ctx, u).map((l) => `<li>${e(l)}</li>`).join('')}</ul></td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  out.push(`<section id="repeated-complaints"><h2>${e(t('analysis.complaints', { threshold: r.thresholds.complaints }))}</h2>`);
  if (r.repeated_complaints.length === 0) out.push(none);
  for (const g of r.repeated_complaints) {
    out.push(`<h3>${e(`${g.unit} · ${g.category} × ${g.count}`)}</h3>`);
    out.push(tableHtml(
      [t('analysis.col.id'), t('analysis.col.received'), t('analysis.col.severity'), t('analysis.col.status'), t('analysis.col.summary')],
      g.records.map((c) => [{ text: c.id }, { text: c.received_at }, { text: severityLabel(ctx, c.severity) }, { text: statusLabel(ctx, c.status) }, { text: [c.summary, c.complainant].filter(Boolean).join(' — ') }]),
    ));
  }
  out.push('</section>');

  out.push(`<section id="repeated-repairs"><h2>${e(t('analysis.repairs', { threshold: r.thresholds.repairs }))}</h2>`);
  if (r.repeated_repairs.length === 0) out.push(none);
  for (const g of r.repeated_repairs) {
    out.push(`<h3>${e(`${g.unit} · ${g.category} × ${g.count}`)}</h3>`);
    out.push(tableHtml(
      [t('analysis.col.id'), t('analysis.col.received'), t('analysis.col.item'), t('analysis.col.status'), t('analysis.col.completed'), t('analysis.col.callbackResult')],
      g.records.map((w) => [{ text: w.id }, { text: w.received_at }, { text: w.item }, { text: statusLabel(ctx, w.status) }, { text: w.completed_at ?? '—' }, { text: w.callback ? `${w.callback.id} ${w.callback.satisfaction ? satisfactionLabel(ctx, w.callback.satisfaction) : ''}`.trim() : '—' }]),
    ));
  }
  out.push('</section>');
  out.push(`<p class="signoff">${e(t('analysis.signoff'))}</p>`, '</main>', `<footer>${e(t('kpi.footer', { asOf: r.as_of }))}</footer>`);
  return page(input.lang, title, out.join('\n'));
}
