#!/usr/bin/env node
// Regenerates src/domain/calendar/cn-statutory.ts — China's statutory holidays
// (法定节假日) and make-up workdays (调休上班) — from the npm package
// `chinese-days` (vsme/chinese-days, MIT), which transcribes the State Council
// notices 国务院办公厅关于20XX年部分节假日安排的通知.
//
// The package is NOT a dependency of kefu: this script fetches its tarball with
// `npm pack` into a temporary folder, reads dist/chinese-days.json out of it with
// `tar`, and writes the dates as a plain TS module that is committed. Nothing is
// installed into node_modules and package.json is not touched.
//
//   node scripts/update-holidays.mjs                       (latest chinese-days, years 2023 → its last year)
//   node scripts/update-holidays.mjs --version 1.5.7 --from 2024 --to 2026
//
// Then review the diff against the new notice (gov.cn publishes it each
// November for the next year), run the calendar tests
// (npx vitest run tests/domain/calendar.test.ts) and commit.
//
// Deterministic: the same package version and year range give the same bytes.
// It stops (exit 1) rather than writing data that fails the sanity checks:
// a year with no holidays, a make-up workday that is not a Saturday or Sunday,
// a date that is both a holiday and a workday, or a malformed date.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'chinese-days';
const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../src/domain/calendar/cn-statutory.ts');

// The package's short names → the names the notices use.
const NOTICE_NAMES = new Map([
  ['元旦', '元旦'],
  ['春节', '春节'],
  ['清明', '清明节'],
  ['劳动节', '劳动节'],
  ['端午', '端午节'],
  ['中秋', '中秋节'],
  ['国庆节', '国庆节'],
]);

function parseArgs(argv) {
  const opts = { version: 'latest', from: 2023, to: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--version' && value) opts.version = value;
    else if (key === '--from' && value) opts.from = Number(value);
    else if (key === '--to' && value) opts.to = Number(value);
    else throw new Error(`usage: node scripts/update-holidays.mjs [--version X.Y.Z] [--from YYYY] [--to YYYY] (got ${key})`);
    i++;
  }
  return opts;
}

/** npm pack → tar → the package's JSON data and its exact version. */
function fetchPackage(version) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-holidays-'));
  try {
    const tgz = execFileSync('npm', ['pack', `${PACKAGE}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir, 'package/package.json', 'package/dist/chinese-days.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(dir, 'package/dist/chinese-days.json'), 'utf8'));
    return { version: pkg.version, license: pkg.license, data };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isDate = (d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const weekday = (d) => new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** "National Day,国庆节,3" → 国庆节 (as the notices name it). */
function festivalName(value, date) {
  const short = String(value).split(',')[1];
  const name = NOTICE_NAMES.get(short);
  if (!name) throw new Error(`${date}: unknown festival "${value}" — add it to NOTICE_NAMES`);
  return name;
}

/** One year's festivals in date order, each with its days off and its make-up workdays. */
function yearFestivals(data, year) {
  const festivals = new Map();
  const festival = (name) => {
    if (!festivals.has(name)) festivals.set(name, { name, holidays: [], workdays: [] });
    return festivals.get(name);
  };
  const inYear = (table) => Object.entries(table).filter(([d]) => d.startsWith(`${year}-`)).sort(([a], [b]) => a.localeCompare(b));
  for (const [date, value] of inYear(data.holidays)) festival(festivalName(value, date)).holidays.push(date);
  for (const [date, value] of inYear(data.workdays)) festival(festivalName(value, date)).workdays.push(date);
  const first = (f) => f.holidays[0] ?? f.workdays[0];
  return [...festivals.values()].sort((a, b) => first(a).localeCompare(first(b)));
}

function checkYear(year, festivals) {
  const problems = [];
  const holidays = festivals.flatMap((f) => f.holidays);
  const workdays = festivals.flatMap((f) => f.workdays);
  if (holidays.length === 0) problems.push(`${year}: no holidays in the package`);
  for (const d of [...holidays, ...workdays]) if (!isDate(d)) problems.push(`${d}: not a YYYY-MM-DD date`);
  for (const d of workdays) if (![0, 6].includes(weekday(d))) problems.push(`${d}: a make-up workday that is not a Saturday or Sunday`);
  for (const d of workdays) if (holidays.includes(d)) problems.push(`${d}: both a holiday and a make-up workday`);
  if (new Set(holidays).size !== holidays.length) problems.push(`${year}: a holiday listed twice`);
  return problems;
}

const list = (dates) => `[${dates.map((d) => `'${d}'`).join(', ')}]`;

function render({ version, license }, years) {
  const lines = [
    '// GENERATED by scripts/update-holidays.mjs — do not edit by hand; rerun the script.',
    '//',
    "// China's statutory holidays (法定节假日) and make-up workdays (调休上班), as",
    '// published each year by the State Council: 国务院办公厅关于20XX年部分节假日安排的通知',
    ...years.map((y) => `//   ${y.year}: 国务院办公厅关于${y.year}年部分节假日安排的通知`),
    `// Source: npm package ${PACKAGE}@${version} (github.com/vsme/chinese-days, ${license}),`,
    '// vendored here as data: kefu does not depend on the package at run time.',
    '// Dates are local dates in China (Asia/Shanghai). A desk adds years or overrides',
    "// single days with kefu.yaml's `holidays` and `workdays` lists (SPEC §3.1, §5).",
    '',
    'export interface StatutoryFestival {',
    '  /** as the notice names it, e.g. 国庆节 */',
    '  name: string;',
    '  /** the days off (放假) */',
    '  holidays: readonly string[];',
    '  /** the weekend days worked instead (调休上班) */',
    '  workdays: readonly string[];',
    '}',
    '',
    'export interface StatutoryYear {',
    '  year: number;',
    '  notice: string;',
    '  festivals: readonly StatutoryFestival[];',
    '}',
    '',
    `export const CN_STATUTORY_SOURCE = { package: '${PACKAGE}', version: '${version}' } as const;`,
    '',
    'export const CN_STATUTORY: readonly StatutoryYear[] = [',
  ];
  for (const y of years) {
    lines.push('  {', `    year: ${y.year},`, `    notice: '国务院办公厅关于${y.year}年部分节假日安排的通知',`, '    festivals: [');
    for (const f of y.festivals) {
      lines.push(`      { name: '${f.name}', holidays: ${list(f.holidays)}, workdays: ${list(f.workdays)} },`);
    }
    lines.push('    ],', '  },');
  }
  lines.push('];', '');
  return lines.join('\n');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pkg = fetchPackage(opts.version);
  const lastYear = Math.max(...Object.keys(pkg.data.holidays).map((d) => Number(d.slice(0, 4))));
  const to = opts.to ?? lastYear;
  if (!(opts.from <= to) || to > lastYear) throw new Error(`${PACKAGE}@${pkg.version} covers up to ${lastYear}; asked for ${opts.from}–${to}`);
  const years = [];
  const problems = [];
  for (let year = opts.from; year <= to; year++) {
    const festivals = yearFestivals(pkg.data, year);
    problems.push(...checkYear(year, festivals));
    years.push({ year, festivals });
  }
  if (problems.length > 0) {
    console.error(`not written — ${PACKAGE}@${pkg.version} fails the sanity checks:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  writeFileSync(OUT, render(pkg, years));
  console.log(`wrote ${OUT}: ${PACKAGE}@${pkg.version}, ${opts.from}–${to}`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
