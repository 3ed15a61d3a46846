// Small inline SVG charts for the self-contained HTML reports (issue 6): drawn here, no
// chart library and nothing fetched, so the file works offline and prints. Every text
// that goes into the markup is escaped. Colours come from the page's stylesheet classes
// (bar-good, bar-bad, bar-neutral, series-0…3, target), so print styles apply.
import { visibleLines } from './terminal-text.js';

/**
 * Escapes text for HTML and SVG, in element content and in quoted attributes. Control and
 * bidi characters are written visibly (terminal-text.ts): a browser would reorder text at a
 * U+202E, and a terminal shown the file would obey an ESC.
 */
export function escapeMarkup(text: string): string {
  return visibleLines(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeMarkup;
const n = (x: number) => String(Math.round(x * 10) / 10);
/** Rough width of a label at 12px: CJK characters are about twice as wide as Latin ones. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2E80-\uFFEF]/u.test(c) ? 12 : 7), 0);

export type BarStatus = 'good' | 'bad' | 'neutral';

export interface Bar {
  label: string;
  value: number | null;
  /** the text printed after the bar */
  display: string;
  target?: number;
  status?: BarStatus;
}

function svgOpen(width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="100%" role="img" aria-label="${e(title)}" class="chart"><title>${e(title)}</title>`;
}

/** One horizontal bar per item against `max`, with a target tick where given. */
export function horizontalBars(title: string, bars: Bar[], opts: { max: number; targetLabel: string; noData: string }): string {
  const width = 560;
  const labelW = 150;
  const valueW = 110;
  const area = width - labelW - valueW;
  const rowH = 26;
  const top = 8;
  const height = top + Math.max(1, bars.length) * rowH + 24;
  const out = [svgOpen(width, height, title)];
  if (bars.length === 0) out.push(`<text x="${width / 2}" y="${top + 16}" text-anchor="middle" class="muted">${e(opts.noData)}</text>`);
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" class="label">${e(b.label)}</text>`);
    out.push(`<rect x="${labelW}" y="${y + 4}" width="${area}" height="${rowH - 8}" class="track"/>`);
    if (b.value !== null && opts.max > 0) {
      const w = Math.max(0, Math.min(1, b.value / opts.max)) * area;
      out.push(`<rect x="${labelW}" y="${y + 4}" width="${n(w)}" height="${rowH - 8}" class="bar-${b.status ?? 'neutral'}"/>`);
    }
    if (b.target !== undefined && opts.max > 0) {
      const x = labelW + Math.min(1, b.target / opts.max) * area;
      out.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${y + 1}" y2="${y + rowH - 1}" class="target"/>`);
    }
    out.push(`<text x="${labelW + area + 8}" y="${y + 17}" class="value">${e(b.display)}</text>`);
  });
  if (bars.some((b) => b.target !== undefined)) {
    const y = height - 10;
    out.push(`<line x1="${labelW}" x2="${labelW}" y1="${y - 10}" y2="${y + 2}" class="target"/><text x="${labelW + 6}" y="${y}" class="muted">${e(opts.targetLabel)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export interface StackedRow {
  label: string;
  values: number[];
}

/** Horizontal stacked bars (one colour per series), with a legend. */
export function stackedBars(title: string, series: string[], rows: StackedRow[], opts: { noData: string }): string {
  const width = 560;
  const labelW = 150;
  const valueW = 60;
  const area = width - labelW - valueW;
  const rowH = 24;
  const top = 30;
  const height = top + Math.max(1, rows.length) * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const out = [svgOpen(width, height, title)];
  let lx = labelW;
  series.forEach((s, k) => {
    out.push(`<rect x="${lx}" y="6" width="12" height="12" class="series-${k}"/><text x="${lx + 16}" y="16" class="muted">${e(s)}</text>`);
    lx += 28 + textWidth(s);
  });
  if (rows.length === 0) out.push(`<text x="${width / 2}" y="${top + 16}" text-anchor="middle" class="muted">${e(opts.noData)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="label">${e(r.label)}</text>`);
    let x = labelW;
    r.values.forEach((v, k) => {
      const w = (v / max) * area;
      if (w > 0) out.push(`<rect x="${n(x)}" y="${y + 3}" width="${n(w)}" height="${rowH - 6}" class="series-${k}"><title>${e(`${series[k] ?? ''}: ${v}`)}</title></rect>`);
      x += w;
    });
    out.push(`<text x="${n(x + 6)}" y="${y + 16}" class="value">${r.values.reduce((a, b) => a + b, 0)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

export interface Group {
  label: string;
  /** one value per series; null: not applicable */
  values: (number | null)[];
  displays: string[];
}

/** Vertical bars grouped by category (series side by side), 0…max, with an optional target line. */
export function groupedColumns(title: string, series: string[], groups: Group[], opts: { max: number; target?: number; targetLabel: string; notApplicable: string; noData: string }): string {
  const width = 560;
  const height = 250;
  const left = 40;
  const bottom = 40;
  const top = 34;
  const plotH = height - top - bottom;
  const plotW = width - left - 10;
  const out = [svgOpen(width, height, title)];
  let lx = left;
  series.forEach((s, k) => {
    out.push(`<rect x="${lx}" y="6" width="12" height="12" class="series-${k}"/><text x="${lx + 16}" y="16" class="muted">${e(s)}</text>`);
    lx += 28 + textWidth(s);
  });
  const y = (v: number) => top + plotH - (Math.min(v, opts.max) / opts.max) * plotH;
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" class="axis"/>`);
  if (groups.length === 0) out.push(`<text x="${width / 2}" y="${top + plotH / 2}" text-anchor="middle" class="muted">${e(opts.noData)}</text>`);
  const gw = plotW / Math.max(1, groups.length);
  const bw = Math.min(36, (gw - 16) / Math.max(1, series.length));
  groups.forEach((g, i) => {
    const gx = left + i * gw + (gw - bw * series.length) / 2;
    g.values.forEach((v, k) => {
      const x = gx + k * bw;
      if (v === null) {
        out.push(`<text x="${n(x + bw / 2)}" y="${top + plotH - 4}" text-anchor="middle" class="muted small">${e(opts.notApplicable)}</text>`);
        return;
      }
      out.push(`<rect x="${n(x + 2)}" y="${n(y(v))}" width="${n(bw - 4)}" height="${n(top + plotH - y(v))}" class="series-${k}"><title>${e(`${g.label} · ${series[k] ?? ''}: ${g.displays[k] ?? ''}`)}</title></rect>`);
      out.push(`<text x="${n(x + bw / 2)}" y="${n(y(v) - 4)}" text-anchor="middle" class="value small">${e(g.displays[k] ?? '')}</text>`);
    });
    out.push(`<text x="${n(left + i * gw + gw / 2)}" y="${top + plotH + 18}" text-anchor="middle" class="label">${e(g.label)}</text>`);
  });
  if (opts.target !== undefined) {
    const ty = y(opts.target);
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${n(ty)}" y2="${n(ty)}" class="target dashed"/><text x="${left - 4}" y="${n(ty + 4)}" text-anchor="end" class="muted small">${e(opts.targetLabel)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export interface Point {
  label: string;
  value: number | null;
  display: string;
}

/** A line over periods on a 0…1 scale, with the target as a dashed line; gaps where a value is null. */
export function trendLine(title: string, points: Point[], opts: { target: number; targetLabel: string; noData: string }): string {
  const width = 560;
  const height = 220;
  const left = 44;
  const right = 70;
  const top = 24;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  // zoom in on the band that matters, but always show the target and 100%
  const lo = Math.max(0, Math.floor((Math.min(opts.target, ...values, 1) - 0.1) * 10) / 10);
  const y = (v: number) => top + plotH - ((v - lo) / (1 - lo || 1)) * plotH;
  const x = (i: number) => left + 24 + (points.length <= 1 ? (plotW - 48) / 2 : (i / (points.length - 1)) * (plotW - 48));
  const out = [svgOpen(width, height, title)];
  for (const tick of [lo, (lo + 1) / 2, 1]) {
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${n(y(tick))}" y2="${n(y(tick))}" class="grid"/><text x="${left - 6}" y="${n(y(tick) + 4)}" text-anchor="end" class="muted small">${e(`${Math.round(tick * 100)}%`)}</text>`);
  }
  const ty = y(opts.target);
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${n(ty)}" y2="${n(ty)}" class="target dashed"/><text x="${left + plotW + 4}" y="${n(ty + 4)}" class="muted small">${e(opts.targetLabel)}</text>`);
  if (values.length === 0) out.push(`<text x="${width / 2}" y="${top + plotH / 2}" text-anchor="middle" class="muted">${e(opts.noData)}</text>`);
  // a null value breaks the line: each run of known values is its own sub-path
  const parts: string[] = [];
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    parts.push(`${pen ? 'L' : 'M'}${n(x(i))},${n(y(p.value))}`);
    pen = true;
  });
  if (parts.length > 0) out.push(`<path d="${parts.join(' ')}" class="line"/>`);
  points.forEach((p, i) => {
    if (p.value !== null) {
      const cls = p.value >= opts.target - 1e-9 ? 'bar-good' : 'bar-bad';
      out.push(`<circle cx="${n(x(i))}" cy="${n(y(p.value))}" r="5" class="${cls}"/><text x="${n(x(i))}" y="${n(y(p.value) - 10)}" text-anchor="middle" class="value small">${e(p.display)}</text>`);
    }
    out.push(`<text x="${n(x(i))}" y="${height - 12}" text-anchor="middle" class="label">${e(p.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
