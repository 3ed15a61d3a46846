#!/usr/bin/env node
// Writes a synthetic desk of a chosen size for the benchmarks (issue 7, item 1): a
// large residential property's customer-service center over N years — rosters per
// month, a duty-log file per duty day (busy mornings, night patrols, handovers, the
// supervisor's review with its digest), complaints, work orders and callback months,
// with seasonal peaks (summer leaks, winter quiet, the Spring Festival dip), repeat
// units, late and missed deadlines, and what is still open on the last morning.
//
//   npm run build && npm run gen -- --size large --years 3 --seed 1 DIR
//
// Deterministic: a seeded PRNG and no clock — the same options give byte-identical
// files (and, with git, the same commit: author and dates are fixed). It writes with
// kefu's own serializer and schema modelines (dist/, so build first), the layout of
// SPEC §2, and it is a git repository with one commit so that write commands work.
//
// Options: --size small|medium|large|empty (default medium), --years N (default by size:
// 0.25, 1, 3), --seed N (default 1), --end YYYY-MM-DD (the last, partial duty day; the
// desk is "as of" 09:00 that morning; default 2026-11-25), --jsonl FILE (also write the
// same records as JSON Lines, one record per line, for the JSON.parse baseline),
// --no-git, --force (empty DIR first even if it holds other files).
// Progress goes to stderr on a terminal; nothing is printed when stderr is piped.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GITATTRIBUTES, GITIGNORE } from '../dist/cli/commands/init.js';
import { deskCalendar } from '../dist/domain/calendar/index.js';
import { buildJsonSchemas, schemaModeline } from '../dist/domain/json-schemas.js';
import { callbackMonthPath } from '../dist/domain/records/callback-month.js';
import { complaintPath } from '../dist/domain/records/complaint.js';
import { dutyDayPath, reviewDigest } from '../dist/domain/records/duty-day.js';
import { rosterPath } from '../dist/domain/records/roster.js';
import { serializeRecordFile } from '../dist/domain/records/serialize.js';
import { workOrderPath } from '../dist/domain/records/work-order.js';
import { addDays, isoWeekday } from '../dist/domain/time.js';
import { mulberry32 } from './lib/mulberry32.mjs';

/** Bump when the output for the same options changes: the benchmark keys its cached desks on it. */
export const GENERATOR_VERSION = 1;

// ---------------------------------------------------------------------------
// Options.

const SIZES = {
  // factor scales every daily rate; large ≈ 46 duty entries, 5.5 complaints, 55 work
  // orders and 37 callbacks a day (issue 7: 50k / 6k / 60k / 40k over three years)
  empty: { factor: 0, years: 1 / 12 },
  small: { factor: 0.12, years: 0.25 },
  medium: { factor: 0.33, years: 1 },
  large: { factor: 1, years: 3 },
};

function usage(message) {
  if (message) process.stderr.write(`gen-desk: ${message}\n`);
  process.stderr.write('usage: node scripts/gen-desk.mjs [--size small|medium|large|empty] [--years N] [--seed N] [--end YYYY-MM-DD] [--jsonl FILE] [--no-git] [--force] DIR\n');
  process.exit(2);
}

const opts = { size: 'medium', years: undefined, seed: 1, end: '2026-11-25', jsonl: undefined, git: true, force: false, dir: undefined };
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
    if (a === '--size') opts.size = value();
    else if (a === '--years') opts.years = Number(value());
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--end') opts.end = value();
    else if (a === '--jsonl') opts.jsonl = value();
    else if (a === '--no-git') opts.git = false;
    else if (a === '--force') opts.force = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.dir === undefined) opts.dir = a;
    else usage(`one DIR only (got ${opts.dir} and ${a})`);
  }
  if (!opts.dir) usage('DIR is missing');
  if (!SIZES[opts.size]) usage(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  if (opts.years === undefined) opts.years = SIZES[opts.size].years;
  if (!(opts.years > 0 && opts.years <= 10)) usage('--years must be a number in (0, 10]');
  if (!Number.isInteger(opts.seed) || opts.seed < 0) usage('--seed must be a whole number ≥ 0');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.end)) usage('--end must be YYYY-MM-DD');
}
const FACTOR = SIZES[opts.size].factor;

const tty = process.stderr.isTTY === true;
let lastProgress = 0;
function progress(text, force = false) {
  if (!tty) return;
  const now = Date.now();
  if (!force && now - lastProgress < 200) return;
  lastProgress = now;
  process.stderr.write(`\r\x1b[K${text}`);
}
const progressDone = () => tty && process.stderr.write('\r\x1b[K');

// ---------------------------------------------------------------------------
// Randomness: mulberry32, seeded — never Math.random, never the clock.

const rnd = mulberry32(0x6b656675 ^ (opts.seed * 2654435761));
const ri = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rnd() * list.length)];
const chance = (p) => rnd() < p;
function weighted(pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rnd() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}
/** A count around `mean` (normal approximation to Poisson, never negative). */
function countAround(mean) {
  if (mean <= 0) return 0;
  if (mean < 12) {
    // Knuth
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rnd();
    while (p > limit) {
      k++;
      p *= rnd();
    }
    return k;
  }
  const g = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
}

// ---------------------------------------------------------------------------
// Time: Asia/Shanghai has no DST, so local wall-clock time is kept as "local minutes"
// (since 1970-01-01 00:00 local) and printed with +08:00 (as in make-example-desk.mjs).

const lm = (date, hhmm = '00:00') => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), +hhmm.slice(0, 2), +hhmm.slice(3, 5)) / 60000;
const fmt = (L) => `${new Date(L * 60000).toISOString().slice(0, 16)}:00+08:00`;
const dateOf = (L) => new Date(L * 60000).toISOString().slice(0, 10);
const tod = (L) => ((L % 1440) + 1440) % 1440;
const hm = (h, m) => h * 60 + m;
const DUTY_START = hm(8, 30);
const dutyDayOf = (L) => dateOf(L - DUTY_START);
const endOfDay = (date) => lm(date) + 1439;
const daysBetween = (a, b) => Math.round((lm(b) - lm(a)) / 1440);
function dayRange(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
const monthsOf = (from, to) => {
  const out = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(`${m}-28`, 7).slice(0, 7)) out.push(m);
  return out;
};
const lastDayOf = (month) => addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);

const END_DAY = opts.end; // the partial last duty day
const LAST_FULL_DAY = addDays(END_DAY, -1);
const FIRST_DAY = addDays(END_DAY, -Math.max(1, Math.round(opts.years * 365.25)));
const CUT = lm(END_DAY, '08:45'); // nothing is recorded after this
const AS_OF = `${END_DAY}T09:00:00+08:00`;

const CAL = deskCalendar({ timezone: 'Asia/Shanghai', calendar: 'calendar' });
const HOLIDAYS = new Set(CAL.holidays);
const MAKEUP = new Set(CAL.workdays);
const isWorkday = (d) => MAKEUP.has(d) || (!HOLIDAYS.has(d) && isoWeekday(d) <= 5);
const nextWorkday = (d) => {
  let x = addDays(d, 1);
  while (!isWorkday(x)) x = addDays(x, 1);
  return x;
};
const isSummer = (d) => d.slice(5) >= '05-01' && d.slice(5) <= '09-30';
const dayEnd = (d) => (isSummer(d) ? hm(18, 0) : hm(17, 30));

/** How busy a date is, relative to an average day (mean ≈ 1 over a year). */
function seasonOf(d) {
  const month = Number(d.slice(5, 7));
  let f = [0, 0.82, 0.78, 0.92, 0.98, 1.04, 1.18, 1.3, 1.24, 1.06, 0.94, 0.88, 0.86][month];
  const name = HOLIDAYS.has(d) ? 'holiday' : '';
  if (name && month <= 2) f *= 0.6; // Spring Festival: residents away
  else if (name) f *= 0.85;
  if (!isWorkday(d) && !name) f *= 1.12; // weekends: residents at home
  return f;
}
/** Summer rain: leaks and drains take a larger share of repairs. */
const rainy = (d) => d.slice(5, 7) >= '06' && d.slice(5, 7) <= '08';

// ---------------------------------------------------------------------------
// Ids: PREFIX-YYYYMMDD-XXXX, four Crockford base32 characters, unique desk-wide.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const usedIds = new Set();
function newId(prefix, date) {
  for (;;) {
    let s = '';
    for (let i = 0; i < 4; i++) s += CROCKFORD[Math.floor(rnd() * 32)];
    const id = `${prefix}-${date.replaceAll('-', '')}-${s}`;
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------
// The property and its people.

const PROPERTY = '锦绣华庭';
const CHECKLIST = [
  { item: '对讲机', count: 4 },
  { item: '公共区域钥匙', count: 24 },
  { item: '值班记录本', count: 1 },
  { item: '手电筒', count: 3 },
  { item: '急救箱', count: 1 },
  { item: '备用门禁卡', count: 5 },
];
const CONFIG = {
  property: PROPERTY,
  timezone: 'Asia/Shanghai',
  locale: 'zh-CN',
  profile: 'residential',
  duty_day_start: '08:30',
  summer: { from: '05-01', to: '09-30' },
  shifts: [
    { id: 'day', name: '白班', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk'], min_staff: 2 },
    { id: 'night', name: '夜班', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance'], min_staff: 1 },
  ],
  handover: { arrive_before_minutes: 5, checklist: CHECKLIST },
  roster: { min_rest_hours: 24, max_shifts_per_week: 3 },
  calendar: 'calendar',
};

const SURNAMES = '李王张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰海燕晓东志强丹凤鹏辉宇婷雪倩'.split('');
const staffName = () => `${pick(SURNAMES)}${pick(GIVEN)}${chance(0.6) ? pick(GIVEN) : ''}`;
const phone = () => pick(['138', '139', '135', '136', '137', '150', '151', '158', '159', '186', '187', '188', '189', '177', '133', '180']) + String(ri(0, 99999999)).padStart(8, '0');

const STAFF = [];
const addStaff = (roles, notes, extra = {}) => {
  const id = `S${String(STAFF.length + 1).padStart(2, '0')}`;
  STAFF.push({ id, name: staffName(), roles, phone: phone(), notes, ...extra });
  return id;
};
const MANAGER = addStaff(['manager'], '管理处经理');
const SUPERVISORS = [addStaff(['supervisor'], '客服主管'), addStaff(['supervisor'], '客服副主管')];
const CLERKS = Array.from({ length: 12 }, () => addStaff(['clerk'], '值班管理员'));
const MAINT = Array.from({ length: 14 }, (_, i) => addStaff(i === 0 ? ['maintenance', 'team_lead'] : ['maintenance'], i === 0 ? '工程维修组长' : pick(['维修工（水电）', '维修工（土建）', '维修工（电梯、弱电）'])));
const LOBBY = Array.from({ length: 3 }, () => addStaff(['lobby'], '大堂礼宾'));
const CLEANING_LEAD = addStaff(['cleaner', 'team_lead'], '环境部保洁绿化领班');
const SECURITY_LEAD = addStaff(['team_lead'], '秩序维护部队长');
addStaff(['clerk'], '已离职', { active: false });
const ENGINEERING_LEAD = MAINT[0];

// Approved leave: one or two spells a year per person, none for the manager's deputy
// cover on the same day as the supervisor's.
const leaveDays = new Map(); // id → Set of dates
for (const s of STAFF) {
  if (s.active === false) continue;
  const spells = [];
  const years = Math.ceil(opts.years) + 1;
  for (let y = 0; y < years; y++) {
    for (let k = 0; k < ri(1, 2); k++) {
      const from = addDays(FIRST_DAY, y * 365 + ri(0, 350));
      const to = addDays(from, ri(1, 5));
      if (from > addDays(END_DAY, 60)) continue;
      if (spells.some((l) => !(to < addDays(l.from, -3) || from > addDays(l.to, 3)))) continue;
      spells.push({ from, to, reason: weighted([['年假', 6], ['事假', 2], ['病假', 2], ['调休', 2]]) });
    }
  }
  if (s.id === SUPERVISORS[1]) {
    // the deputy is never away when the supervisor is
    const boss = STAFF.find((x) => x.id === SUPERVISORS[0]).leave ?? [];
    for (let i = spells.length - 1; i >= 0; i--) if (boss.some((l) => !(spells[i].to < l.from || spells[i].from > l.to))) spells.splice(i, 1);
  }
  spells.sort((a, b) => (a.from < b.from ? -1 : 1));
  if (spells.length > 0) s.leave = spells;
  const set = new Set();
  for (const l of spells) for (const d of dayRange(l.from, l.to)) set.add(d);
  leaveDays.set(s.id, set);
}
const onLeave = (id, d) => leaveDays.get(id)?.has(d) ?? false;
const supervisorOn = (d) => (onLeave(SUPERVISORS[0], d) ? SUPERVISORS[1] : SUPERVISORS[0]);

// ---------------------------------------------------------------------------
// Rosters: two clerks on the day shift, one maintenance man on nights; nobody on leave,
// never two days (or nights) running, at most three a week, fewest shifts first.

const MONTHS = monthsOf(FIRST_DAY, END_DAY);
const dayOf = {}; // date → [clerk, clerk]
const nightOf = {}; // date → maintenance man
const rosters = [];
{
  const total = {};
  const restTotal = {};
  const perWeek = {};
  const weekOf = (d) => addDays(d, 1 - isoWeekday(d));
  const prevOf = (table, d) => [].concat(table[addDays(d, -1)] ?? []);
  const choose = (pool, d, table, night, already) => {
    const ok = (id, capWeek) => !already.includes(id) && !onLeave(id, d) && (!night || !onLeave(id, addDays(d, 1))) && !prevOf(table, d).includes(id) && (!capWeek || (perWeek[`${id}/${weekOf(d)}`] ?? 0) < 3);
    let candidates = pool.filter((id) => ok(id, true));
    if (candidates.length === 0) throw new Error(`roster: nobody free on ${d}`);
    const rest = !isWorkday(d);
    const scored = candidates.map((id) => [id, (total[id] ?? 0) * 10 + (rest ? (restTotal[id] ?? 0) * 3 : 0) + rnd()]).sort((a, b) => a[1] - b[1]);
    const chosen = scored[0][0];
    total[chosen] = (total[chosen] ?? 0) + 1;
    if (rest) restTotal[chosen] = (restTotal[chosen] ?? 0) + 1;
    perWeek[`${chosen}/${weekOf(d)}`] = (perWeek[`${chosen}/${weekOf(d)}`] ?? 0) + 1;
    return chosen;
  };
  for (const month of MONTHS) {
    const assignments = [];
    for (const d of dayRange(`${month}-01`, lastDayOf(month))) {
      const a = choose(CLERKS, d, dayOf, false, []);
      const b = choose(CLERKS, d, dayOf, false, [a]);
      dayOf[d] = [a, b];
      nightOf[d] = choose(MAINT, d, nightOf, true, []);
      assignments.push({ date: d, shift: 'day', staff: [a, b] });
      assignments.push({ date: d, shift: 'night', staff: [nightOf[d]] });
    }
    const prev = addDays(`${month}-01`, -1);
    const roster = {
      month,
      status: 'approved',
      generated: { at: fmt(lm(addDays(prev, -6), '10:00')), by: SUPERVISORS[0], seed: Number(month.replace('-', '')) },
      approved: { at: fmt(lm(addDays(prev, -4), '15:30')), by: MANAGER },
      assignments,
    };
    // now and then one approved swap (seed 000 §4.1.5 d), kept within the hard rules
    if (chance(0.5)) {
      const d = `${month}-${String(ri(5, 25)).padStart(2, '0')}`;
      const from = dayOf[d][1];
      const week = dayRange(weekOf(d), addDays(weekOf(d), 6));
      const to = CLERKS.find((id) => !dayOf[d].includes(id) && !onLeave(id, d) && !(dayOf[addDays(d, -1)] ?? []).includes(id) && !(dayOf[addDays(d, 1)] ?? []).includes(id) && week.filter((w) => (dayOf[w] ?? []).includes(id)).length < 3);
      if (to && d > FIRST_DAY) {
        roster.changes = [{ at: fmt(lm(addDays(d, -1), '15:20')), date: d, shift: 'day', from, to, reason: pick(['家中有事，申请调班', '身体不适，申请调班', '参加培训，申请调班']), approved_by: supervisorOn(addDays(d, -1)) }];
        dayOf[d] = [dayOf[d][0], to];
        perWeek[`${from}/${weekOf(d)}`]--;
        perWeek[`${to}/${weekOf(d)}`] = (perWeek[`${to}/${weekOf(d)}`] ?? 0) + 1;
      }
    }
    rosters.push(roster);
  }
}

function onDuty(L) {
  const d = dutyDayOf(L);
  // (instants past the last roster only feed records that fall after the cut and are dropped)
  return L < lm(d) + dayEnd(d) ? { shift: 'day', staff: pick(dayOf[d] ?? CLERKS), day: d } : { shift: 'night', staff: nightOf[d] ?? MAINT[1], day: d };
}
const maintFree = (d) => {
  const free = MAINT.filter((id) => !onLeave(id, d) && nightOf[addDays(d, -1)] !== id && nightOf[d] !== id);
  return free.length > 0 ? free : MAINT.filter((id) => !onLeave(id, d));
};
/** A working-hours instant on date(L)+k, at least minGap minutes after L when on the same day. */
function workAfter(L, k = 0, minGap = 20, from = hm(9, 0), to = hm(17, 20)) {
  let d = addDays(dateOf(L), k);
  let lo = k === 0 ? Math.max(from, tod(L) + minGap) : from;
  if (lo > to - 5) {
    d = addDays(d, 1);
    lo = from;
  }
  return lm(d) + ri(lo, Math.max(lo, to));
}

// ---------------------------------------------------------------------------
// Residents: units building-floor+room; a few "problem" units call again and again.

const BUILDINGS = 30;
const randomUnit = () => `${ri(1, BUILDINGS)}-${String(ri(1, 32)).padStart(2, '0')}${String(ri(1, 4)).padStart(2, '0')}`;
const HOT_UNITS = Array.from({ length: 80 }, randomUnit);
const unitFor = () => (chance(0.22) ? pick(HOT_UNITS) : randomUnit());
const residents = new Map();
function resident(unit) {
  if (!residents.has(unit)) residents.set(unit, { name: `${pick(SURNAMES)}${pick(['先生', '女士'])}`, unit, phone: phone() });
  return { ...residents.get(unit) };
}
const building = (unit) => unit.split('-')[0];
const floorOf = (unit) => String(Number(unit.split('-')[1].slice(0, 2)));

// ---------------------------------------------------------------------------
// Stores.

let seq = 0;
const dutyItems = []; // { L, seq, item }
const entries = []; // { id, L, doneAt, important }
const complaints = [];
const workOrders = [];
const callbackItems = []; // { L, seq, item }
const counts = { entries: 0, updates: 0, corrections: 0, handovers: 0, reviews: 0, complaints: 0, workOrders: 0, callbacks: 0, callbackReviews: 0, plans: 0, followUps: 0 };

function pushDuty(L, item) {
  if (L > CUT) return false;
  dutyItems.push({ L, seq: seq++, item });
  return true;
}
function addEntry(L, f) {
  if (L > CUT) return null;
  const duty = onDuty(L);
  const item = {
    type: 'entry',
    id: newId('D', duty.day),
    at: fmt(L),
    by: duty.staff,
    shift: duty.shift,
    channel: f.channel,
    kind: f.kind,
    from: f.from,
    content: f.content,
    action: f.action,
    referred_to: f.referred_to,
    status: f.status ?? 'done',
    important: f.important ? true : undefined,
    notified: f.notified,
    links: f.links,
  };
  pushDuty(L, item);
  counts.entries++;
  const e = { id: item.id, L, doneAt: item.status === 'done' ? L : Infinity, important: !!f.important, item };
  entries.push(e);
  return e;
}
function addUpdate(entry, L, f) {
  if (!entry) return false;
  if (L <= entry.L) L = entry.L + ri(5, 20);
  if (L > CUT) return false;
  const duty = onDuty(L);
  pushDuty(L, { type: 'update', entry: entry.id, at: fmt(L), by: duty.staff, status: f.status, note: f.note, links: f.links });
  counts.updates++;
  if (f.status === 'done' && L < entry.doneAt) entry.doneAt = L;
  return true;
}
const link = (entry, id) => {
  if (entry) entry.item.links = [...(entry.item.links ?? []), id];
};

/** An event list that refuses to go back in time and drops whatever lies after the cut. */
function eventList() {
  const list = [];
  let last = -Infinity;
  const add = (type, L, fields) => {
    if (L < last) L = last + 1;
    last = L;
    if (L > CUT) return false;
    list.push({ type, L, ...fields });
    return true;
  };
  return { list, add };
}

// ---------------------------------------------------------------------------
// Texts (shared with the example desk's vocabulary).

const DEPARTMENT = { noise: '秩序维护部', parking: '秩序维护部', security: '秩序维护部', sanitation: '环境部', greening: '环境部', elevator: '工程部', service_attitude: '客服中心', fee: '客服中心' };
const ASSIGNEE = { noise: SECURITY_LEAD, parking: SECURITY_LEAD, security: SECURITY_LEAD, sanitation: CLEANING_LEAD, greening: CLEANING_LEAD, elevator: ENGINEERING_LEAD, service_attitude: SUPERVISORS[0], fee: SUPERVISORS[0] };
const COMPLAINT_TEXT = {
  noise: [['楼上住户夜间装修噪音扰民', '要求禁止夜间施工', '已通知装修户严格遵守装修时间，秩序维护员加强巡查'], ['楼下商铺音响声音过大', '要求商铺控制音量', '已约谈商铺负责人，音量已调低'], ['中心广场夜间广场舞音乐声过大', '要求晚上9点后停止', '已与舞蹈队协商，21:00前结束并降低音量'], ['邻居空调外机噪音大', '要求协调处理', '已协调邻居加装减震垫，噪音明显降低']],
  parking: [['本人车位被他人车辆占用', '要求尽快挪车', '已联系车主挪车，并张贴提示'], ['消防通道长期有车辆乱停', '要求清理消防通道', '已加装隔离桩，秩序维护员定时巡查'], ['访客车辆长时间占用业主车位', '要求加强访客车辆管理', '访客车辆改为限时登记，超时通知挪车']],
  sanitation: [['垃圾清运不及时，楼下异味大', '要求每天按时清运', '已调整清运时间为每日两次，并对垃圾点冲洗消毒'], ['楼道内长期堆放杂物无人清理', '要求清理楼道杂物', '已通知住户自行清理，逾期由保洁统一清运'], ['垃圾分类点垃圾满溢', '要求增加清运次数', '已增加一个垃圾桶并调整清运时间']],
  security: [['陌生人尾随进入单元楼', '要求加强门禁管理', '已加强门岗登记和单元门巡查'], ['电动车在车棚被盗', '要求调取监控并加强巡逻', '已调取监控并协助报警，车棚增加巡逻'], ['门岗对外来人员未登记即放行', '要求严格登记', '已对门岗人员进行培训，严格执行来访登记']],
  service_attitude: [['客服人员接电话态度生硬', '要求道歉并改进', '已向住户道歉，对当事员工进行服务培训'], ['维修人员未按约定时间上门', '要求按约定时间服务', '已向住户致歉，改为上门前电话确认'], ['前台办理业务等待时间过长', '要求增加人手', '高峰时段增加一名客服人员']],
  fee: [['物业费账单金额有误', '要求核对并更正', '经核对为系统录入错误，已更正账单'], ['公摊水电费计算方式不清楚', '要求公示计算方式', '已在公告栏公示公摊计算明细并向住户解释'], ['停车月卡费用多收一个月', '要求退还多收费用', '已核实并退还多收费用']],
  greening: [['绿化带长期未修剪', '要求按时修剪', '已安排修剪'], ['楼前树枝遮挡窗户采光', '要求修剪树枝', '已修剪遮挡树枝'], ['绿化喷洒农药未提前通知', '要求以后提前公告', '已向住户致歉，今后喷药提前一天张贴通知']],
  elevator: [['电梯近期频繁故障停运', '要求彻底检修', '已联系电梯维保单位全面检修，更换主板'], ['电梯维保期间未张贴通知', '要求维保前提前通知', '已致歉，今后维保提前一天在单元门张贴通知'], ['电梯运行时有明显异响', '要求检修', '维保单位已更换导靴，异响消除']],
};
const COMPLAINT_LOCATION = {
  noise: (u) => `${building(u)}栋`, parking: () => pick(['地下车库B1层', '地下车库B2层', '地面停车场']), security: (u) => `${building(u)}栋单元门`,
  sanitation: (u) => `${building(u)}栋楼下垃圾点`, greening: (u) => `${building(u)}栋楼前绿化带`, elevator: (u) => `${building(u)}栋电梯`,
  service_attitude: () => '客服中心', fee: () => '客服中心',
};
const complaintCategory = (d) => weighted([['noise', rainy(d) ? 8 : 5], ['parking', 4], ['sanitation', rainy(d) ? 6 : 4], ['security', 2], ['service_attitude', 2], ['fee', 2], ['greening', 2], ['elevator', 2]]);

const REPAIRS = [
  { category: 'leak', item: '卫生间天花板渗水，疑似楼上防水层破损', where: '卫生间', weight: 3, done: '已对楼上卫生间重做局部防水', test: '闭水' },
  { category: 'leak', item: '阳台顶部漏水，下雨时明显', where: '阳台', weight: 2, done: '已对阳台顶板裂缝注浆封堵', test: '淋水' },
  { category: 'leak', item: '厨房下水管接口渗漏', where: '厨房', weight: 2, done: '已更换下水管接口密封圈', test: '通水' },
  { category: 'leak', item: '外墙窗边渗水，墙面发霉', where: '主卧', weight: 2, done: '已对窗框四周重新打胶密封', test: '淋水' },
  { category: 'plumbing', item: '厨房水龙头关不紧，持续滴水', where: '厨房', weight: 3, done: '已更换水龙头阀芯' },
  { category: 'plumbing', item: '马桶水箱进水阀损坏，一直流水', where: '卫生间', weight: 3, done: '已更换水箱进水阀' },
  { category: 'plumbing', item: '热水器进水角阀损坏', where: '厨房', weight: 2, done: '已更换角阀' },
  { category: 'drain', item: '卫生间地漏堵塞，排水缓慢', where: '卫生间', weight: 2, done: '已疏通地漏并清理存水弯' },
  { category: 'drain', item: '厨房下水道堵塞', where: '厨房', weight: 2, done: '已用疏通机疏通' },
  { category: 'electrical', item: '户内跳闸，无法合闸', where: '入户配电箱', weight: 3, done: '查明热水器漏电，已更换漏电开关' },
  { category: 'electrical', item: '客厅插座无电', where: '客厅', weight: 2, done: '插座线路松脱，已重新接线' },
  { category: 'lighting', item: '感应灯不亮', where: (u) => `${building(u)}栋${floorOf(u)}层楼道`, weight: 3, public: true, done: '已更换感应灯' },
  { category: 'lighting', item: '照明灯损坏', where: () => '地下车库B1层', weight: 1, public: true, done: '已更换LED灯管' },
  { category: 'door', item: '门禁刷卡无反应', where: (u) => `${building(u)}栋单元门`, weight: 2, public: true, done: '已更换门禁读卡器' },
  { category: 'door', item: '入户门锁芯卡滞，开门困难', where: '入户门', weight: 2, done: '已更换锁芯' },
  { category: 'elevator', item: '按键失灵', where: (u) => `${building(u)}栋电梯`, weight: 1, public: true, done: '电梯维保单位已更换按键板' },
  { category: 'elevator', item: '运行有异响', where: (u) => `${building(u)}栋电梯`, weight: 1, public: true, done: '电梯维保单位已调整导靴，运行正常' },
  { category: 'safety', item: '阳台护栏松动', where: '阳台', weight: 1, urgent: true, done: '已加固护栏膨胀螺栓' },
  { category: 'safety', item: '配电箱门脱落，线路外露', where: (u) => `${building(u)}栋${floorOf(u)}层楼道`, weight: 1, public: true, urgent: true, done: '已安装配电箱门并上锁' },
  { category: 'safety', item: '插座冒火花，有焦糊味', where: '厨房', weight: 1, urgent: true, done: '已断电更换插座，检查线路无老化' },
  { category: 'other', item: '信报箱门损坏', where: (u) => `${building(u)}栋大堂`, weight: 1, done: '已更换信报箱门合页' },
  { category: 'other', item: '晾衣架卡住无法升降', where: '阳台', weight: 1, done: '已更换晾衣架钢丝绳' },
  { category: 'other', item: '窗户把手断裂', where: '次卧', weight: 1, done: '已更换窗户把手' },
];
const repairWhere = (tpl, unit) => (typeof tpl.where === 'function' ? tpl.where(unit) : `${unit} ${tpl.where}`);
const repairTemplate = (d) => weighted(REPAIRS.map((r) => [r, r.weight * (rainy(d) && (r.category === 'leak' || r.category === 'drain') ? 2.5 : 1)]));

const CONSULTS = [
  ['咨询物业费缴纳方式', '已告知可通过微信公众号、前台刷卡或银行代扣缴纳'], ['咨询装修申请手续', '已告知所需材料、押金及装修时间要求'],
  ['咨询停车月卡办理', '已告知办理流程及收费标准'], ['咨询快递柜位置及使用', '已告知快递柜在各栋大堂及南门岗'],
  ['咨询门禁卡补办', '已告知需本人携带身份证到前台补办'], ['咨询宠物登记及文明养犬规定', '已告知登记流程并提供文明养犬须知'],
  ['咨询房屋出租备案', '已告知需提供租赁合同及租客身份证复印件'], ['咨询小区电动车充电桩位置', '已告知充电桩在各栋架空层及地下车库B1层'],
  ['咨询垃圾分类投放时间', '已告知每日7:00-9:00、18:00-20:00定时投放'], ['咨询二次供水水箱清洗时间', '已告知每半年清洗一次，下次清洗前提前通知'],
];
const HELPS = [
  { category: 'unlock', content: '住户忘带钥匙被锁在门外，请求协助开锁', action: '已核实住户身份，联系开锁', note: '已核实身份并协助开锁', maint: true },
  { category: 'moving', content: '老人购买米面较重，请求帮忙搬运上楼', action: '已安排人员协助', note: '已协助搬运上楼' },
  { category: 'parcel', content: '住户出差，请求代收贵重快递', action: '已登记代收', note: '快递已代收并交住户签收' },
  { category: 'pet', content: '住户宠物走失，请求协助寻找', action: '已通知秩序维护员巡查时留意', note: '已找到并交还住户' },
  { category: 'tool', content: '住户借用梯子更换灯泡', action: '已借出人字梯并登记', note: '梯子已归还' },
];
const OTHER_ORDERS = [
  { category: 'certificate', item: '申请开具居住证明', note: '证明已开具并交住户' },
  { category: 'key_custody', item: '住户外出，委托物业保管备用钥匙', note: '钥匙已封存登记保管' },
  { category: 'lost_found', item: '住户在会所遗失物品，请求协助查找', note: '已调监控找回并交还住户' },
  { category: 'access_card', item: '新租户申请开通门禁卡权限', note: '门禁权限已开通' },
];
const SPECIALS = [
  { category: 'housekeeping', item: '家政保洁包月服务（每周两次）', days: [29, 30], who: () => CLEANING_LEAD },
  { category: 'aircon_cleaning', item: '空调清洗（3台挂机）', days: [0, 1], who: () => pick(MAINT) },
  { category: 'car_wash', item: '车辆清洗包月服务', days: [29, 30], who: () => CLEANING_LEAD },
  { category: 'elderly_care', item: '独居老人代购及每日探视服务', days: [29, 30], who: () => pick(LOBBY) },
  { category: 'plant_care', item: '阳台绿植养护', days: [13, 60], who: () => CLEANING_LEAD },
  { category: 'appliance_cleaning', item: '油烟机深度清洗', days: [0, 0], who: () => pick(MAINT) },
];

// ---------------------------------------------------------------------------
// Callbacks (SPEC §5.3): obligations met mostly on time; some late, some missed, most
// of the last days' still open; no-answer retries; dissatisfied results escalated.

function pushCallback(L, item) {
  if (L > CUT) return null;
  callbackItems.push({ L, seq: seq++, item });
  return item;
}
function callback(L, subject, f) {
  const done = (f.outcome ?? 'completed') === 'completed';
  counts.callbacks++;
  return pushCallback(L, {
    type: 'callback',
    id: newId('HF', dateOf(L)),
    subject,
    checkpoint: f.checkpoint,
    at: fmt(L),
    by: f.by,
    method: f.method ?? 'phone',
    outcome: f.outcome ?? 'completed',
    satisfaction: done ? f.satisfaction : undefined,
    quality: done ? f.quality : undefined,
    effect: done ? f.effect : undefined,
    shortcomings: f.shortcomings,
    suggestions: f.suggestions,
    resident_confirmed: done ? true : undefined,
    escalated_to: f.escalated_to,
  });
}
function randomSatisfaction(allowBad) {
  const s = weighted([['very_satisfied', 34], ['satisfied', 55], ['neutral', 9], ...(allowBad ? [['dissatisfied', 1], ['very_dissatisfied', 0.3]] : [])]);
  const q = s === 'very_satisfied' ? 5 : s === 'satisfied' ? ri(4, 5) : s === 'neutral' ? 3 : ri(1, 2);
  const extra = s === 'neutral' ? { shortcomings: pick(['处理时间偏长', '上门前未电话预约', '维修后未清理现场']), suggestions: pick(['希望提前告知上门时间', '希望加快处理速度']) } : s.includes('dissatisfied') ? { shortcomings: pick(['问题没有彻底解决', '维修人员迟到且未清理现场', '处理结果与承诺不符']) } : {};
  return { satisfaction: s, quality: q, effect: s === 'neutral' ? 3 : q, ...extra };
}
function reviewCallback(L, item, comment) {
  if (!item) return;
  let d = dateOf(L);
  if (!isWorkday(d) || tod(L) > hm(16, 0)) d = nextWorkday(d);
  const at = Math.max(lm(d) + ri(hm(10, 0), hm(11, 30)), L + 30);
  if (pushCallback(at, { type: 'review', callback: item.id, at: fmt(at), by: supervisorOn(dateOf(at)), comment })) counts.callbackReviews++;
}
const callbackTime = (c, k) => workAfter(c, k, 30, hm(9, 30), hm(17, 0));

/**
 * The callbacks of a closed subject. kind: complaint | repair | help | first_aid | activity | other;
 * c: the instant it counts from; within: days; rate: the share of subjects called back.
 */
function scheduleCallback(kase, c, kind, within, rate, f = {}) {
  if (c === undefined || c > CUT) return;
  if (rate < 1 && !chance(rate)) return;
  const recent = c > CUT - 1440 * 10;
  // some obligations are missed: mostly the last days' (still open), a few old ones
  if (rate >= 1 && !f.followUp && chance(recent ? 0.12 : 0.004)) return;
  const planned = rate < 1 || chance(0.04);
  let planAssignee;
  if (planned) {
    const pL = workAfter(c, chance(0.5) ? 0 : 1, 20);
    planAssignee = pick(dayOf[dateOf(pL)] ?? CLERKS);
    if (pushCallback(pL, { type: 'plan', subject: kase.rec.id, checkpoint: f.checkpoint, assignee: planAssignee, at: fmt(pL), by: supervisorOn(dateOf(pL)) })) counts.plans++;
  }
  const late = !f.followUp && chance(0.03);
  const k = late ? within + ri(1, 3) : weighted(within <= 2 ? [[0, 3], [1, 5], [2, 1]] : within === 3 ? [[0, 2], [1, 5], [2, 3], [3, 1]] : [[0, 2], [1, 3], [2, 2], [3, 2], [5, 1]]);
  let L = callbackTime(c, Math.min(k, late ? k : within));
  if (!late && L > endOfDay(addDays(dateOf(c), within))) L = callbackTime(c, 0);
  if (L > CUT) return;
  const major = kind === 'complaint' && kase.rec.severity === 'major';
  const byFor = (at) => (major ? MANAGER : planAssignee ?? (kind === 'complaint' && isWorkday(dateOf(at)) ? supervisorOn(dateOf(at)) : pick(dayOf[dateOf(at)])));
  const method = major ? 'visit' : weighted([['phone', 8], ['visit', 1.5], ['onsite', 0.7]]);
  if (chance(0.01)) {
    callback(L, kase.rec.id, { checkpoint: f.checkpoint, by: byFor(L), method: 'phone', outcome: 'refused', shortcomings: '住户表示事情已解决，不愿接受回访' });
    return;
  }
  if (chance(0.08)) {
    const retry = tod(L) < hm(14, 0) ? L + ri(120, 200) : workAfter(L, 1, 0, hm(9, 30), hm(11, 0));
    if (retry <= CUT) {
      callback(L, kase.rec.id, { checkpoint: f.checkpoint, by: byFor(L), method: 'phone', outcome: 'no_answer' });
      L = retry;
    }
  }
  const sat = randomSatisfaction(!f.followUp && L + 20 < CUT);
  const by = byFor(L);
  if (sat.satisfaction.includes('dissatisfied')) {
    const item = callback(L, kase.rec.id, { checkpoint: f.checkpoint, by, method, ...sat });
    // seed 002 篇2 §4.5: an unsatisfied callback becomes a complaint to the manager
    const person = kase.rec.complainant ?? kase.rec.requester;
    const follow = makeComplaint(L + ri(5, 15), {
      by, category: kind === 'complaint' ? kase.rec.category : 'service_attitude', severity: 'important', channel: 'phone',
      unit: person.unit ?? randomUnit(), complainant: person, escalateTo: MANAGER,
      text: ['回访不满意：' + sat.shortcomings, '要求管理处经理跟进处理', '经理已跟进处理，住户表示认可'],
      note: `由回访${item.id}转入（原${kase.rec.id}）`, followUp: true,
    });
    item.escalated_to = follow.rec.id;
    counts.followUps++;
    reviewCallback(L, item, `回访不满意，已转投诉${follow.rec.id}，报管理处经理处理`);
  } else {
    const item = callback(L, kase.rec.id, { checkpoint: f.checkpoint, by, method, ...sat });
    if (sat.satisfaction === 'neutral') reviewCallback(L, item, '回访结果一般，已提醒责任部门改进');
    else if (chance(0.03)) reviewCallback(L, item, pick(['抽查回访记录，内容属实', '已抽查，记录完整', '已电话复核，住户反映属实']));
  }
}

// ---------------------------------------------------------------------------
// Complaints (SPEC §3.5, §5.2).

function makeComplaint(L, o) {
  const by = o.by ?? onDuty(L).staff;
  const unit = o.unit ?? unitFor();
  const [summary, request, result] = o.text ?? pick(COMPLAINT_TEXT[o.category]);
  const d0 = dateOf(L);
  const requestedDays = o.severity === 'minor' && chance(0.25) ? ri(1, 4) : undefined;
  const rec = {
    id: newId('TS', d0),
    received_at: fmt(L),
    received_by: by,
    channel: o.channel ?? weighted([['phone', 5], ['visit', 3], ['wechat', 2], ['letter', 0.3], ['email', 0.3]]),
    complainant: o.complainant ?? resident(unit),
    category: o.category,
    department: DEPARTMENT[o.category],
    location: COMPLAINT_LOCATION[o.category](unit),
    summary,
    request,
    severity: o.severity,
    requested_deadline: requestedDays !== undefined ? addDays(d0, requestedDays) : undefined,
    events: [],
  };
  const { list, add } = eventList();
  rec.events = list;
  const kase = { type: 'TS', rec, L };
  complaints.push(kase);
  counts.complaints++;
  const sup = supervisorOn(d0);
  const assignee = ASSIGNEE[o.category] === SUPERVISORS[0] ? sup : ASSIGNEE[o.category];
  let t = L;
  if (o.note) add('note', t + 1, { by, text: o.note });
  if (!o.followUp && chance(0.01)) {
    t = workAfter(t, 0, 30);
    add('note', t, { by: sup, text: '经核实，不属于物业服务范围' });
    add('invalid', t + ri(5, 20), { by: sup, reason: '非物业服务范围，已告知住户向相关单位反映' });
    return kase;
  }
  const severity = o.severity;
  if (severity === 'important') {
    t = L + ri(5, 40);
    add('escalated', t, { by, to: o.escalateTo ?? sup, role: o.escalateTo === MANAGER ? 'manager' : 'supervisor' });
  } else if (severity === 'major') {
    t = Math.min(L + ri(10, 35), endOfDay(d0));
    add('escalated', t, { by, to: MANAGER, role: 'manager' });
  }
  const assigner = severity === 'major' ? MANAGER : severity === 'important' ? (o.escalateTo ?? sup) : by;
  t += ri(10, 45);
  add('assigned', t, { by: assigner, department: rec.department, assignee });
  if (severity === 'major') {
    t = Math.max(t + 30, workAfter(L, ri(0, 1), 60));
    add('replied', t, { by: MANAGER, note: '经理已与住户面谈，说明调查进展和处理方案' });
  }
  if (chance(0.2)) {
    t = Math.max(t + 20, workAfter(t, 0, 60));
    add('note', t, { by: sup, text: pick(['已电话联系住户说明处理进度', '已约住户现场查看', '责任部门已到现场核实情况']) });
  }
  const late = !o.followUp && chance(0.04);
  let k;
  if (severity === 'major') k = late ? ri(11, 12) : ri(2, 8);
  else if (severity === 'important') k = late ? ri(4, 5) : weighted([[0, 3], [1, 4], [2, 2]]);
  else if (requestedDays !== undefined) k = late ? requestedDays + ri(1, 2) : Math.max(0, requestedDays - ri(0, 1));
  else k = late ? ri(3, 4) : weighted([[0, 4], [1, 5]]);
  let resolved = Math.max(t + 30, workAfter(L, k, 90));
  if (!late) {
    const limit = severity === 'major' ? 10 : severity === 'important' ? 3 : requestedDays ?? 2;
    if (resolved > endOfDay(addDays(d0, limit))) resolved = Math.max(t + 30, lm(addDays(d0, limit)) + hm(16, 0));
  }
  t = resolved;
  if (!add('resolved', t, { by: assignee, result })) return kase;
  if (!o.followUp && chance(0.02)) {
    t = workAfter(t, ri(1, 2));
    add('reopened', t, { by: sup, reason: '住户来电反映问题依旧' });
    t += ri(10, 40);
    add('assigned', t, { by: sup, department: rec.department, assignee });
    t = workAfter(t, 1);
    if (!add('resolved', t, { by: assignee, result })) return kase;
  }
  scheduleCallback(kase, t, 'complaint', 3, 1, { followUp: o.followUp });
  return kase;
}

// ---------------------------------------------------------------------------
// Work orders (SPEC §3.6).

function newWorkOrder(kind, L, by, fields) {
  const rec = {
    id: newId('WO', dateOf(L)),
    kind,
    received_at: fmt(L),
    received_by: by,
    requester: fields.requester,
    category: fields.category,
    item: fields.item,
    location: fields.location,
    paid: fields.paid,
    contract: fields.contract,
    events: [],
  };
  const ev = eventList();
  rec.events = ev.list;
  const kase = { type: 'WO', rec, L, add: ev.add, times: {} };
  workOrders.push(kase);
  counts.workOrders++;
  return kase;
}

function makeRepair(L, by, tpl, requester, unit, o = {}) {
  const kase = newWorkOrder('repair', L, by, { requester, category: tpl.category, item: tpl.item, location: repairWhere(tpl, unit) });
  const { add, times } = kase;
  const night = onDuty(L).shift === 'night';
  const urgent = o.urgent ?? tpl.urgent ?? false;
  let t = L + (urgent ? ri(1, 4) : chance(0.06) ? ri(11, 35) : ri(1, 9)); // 10-minute response KPI, mostly met
  add('responded', t, { by });
  let assignee;
  let done;
  if (night && urgent) {
    assignee = nightOf[dutyDayOf(L)];
    add('assigned', t + ri(0, 3), { by, assignee });
    done = t + ri(25, 100);
  } else {
    const k = urgent ? 0 : tpl.category === 'leak' ? weighted([[1, 6], [2, 3], [3, 1]]) : weighted([[0, 55], [1, 35], [2, 7], [3, 3]]);
    done = urgent ? t + ri(20, 90) : workAfter(t, k, 45);
    assignee = pick(maintFree(dateOf(done)));
    t += ri(0, 6);
    add('assigned', t, { by, assignee });
    if (chance(0.02)) {
      t = Math.max(t + 15, workAfter(t, 0, 30));
      add('cancelled', t, { by: onDuty(t).staff, reason: pick(['住户来电表示已自行修好', '重复报修，同一问题已由邻居报修处理', '住户改约，表示自行联系厂家维修']) });
      times.cancelled = t;
      return kase;
    }
    if (daysBetween(dateOf(t), dateOf(done)) >= 2) {
      const seen = workAfter(t, 0, 40);
      if (seen < done) add('note', seen, { by: assignee, text: '已上门查看，需更换配件，待配件到货后维修' });
    }
  }
  t = done;
  if (!add('completed', t, { by: assignee, note: tpl.category === 'leak' ? `${tpl.done}，待${tpl.test}试验` : tpl.done })) return kase;
  times.completed = t;
  if (chance(0.02) && workAfter(t, 1) + 1440 * 2 < CUT) {
    t = workAfter(t, 1);
    const clerk = onDuty(t).staff;
    add('reopened', t, { by: clerk, reason: '住户反映维修后问题仍未解决' });
    t += ri(3, 10);
    add('assigned', t, { by: clerk, assignee });
    t = workAfter(t, 0, 60);
    if (!add('completed', t, { by: assignee, note: '已返修，住户确认正常' })) return kase;
  }
  times.final = t;
  let countsFrom = t;
  if (tpl.category === 'leak') {
    // leak repairs count from the test (seed 001 报修接待 4); never left untested past the cut
    let test = workAfter(t, ri(1, 3));
    if (test > CUT) test = t + Math.max(1, Math.floor((CUT - t) * rnd()));
    const hours = Math.floor((test - t) / 60);
    add('leak_tested', test, { by: assignee, passed: true, note: tpl.test === '闭水' ? `闭水试验${hours >= 48 ? 48 : 24}小时，楼下无渗水` : `${tpl.test}试验2小时，无渗漏` });
    countsFrom = test;
  }
  scheduleCallback(kase, countsFrom, 'repair', tpl.category === 'leak' ? 3 : 2, 1);
  return kase;
}

function makeService(kind, L, by, fields, o) {
  const kase = newWorkOrder(kind, L, by, fields);
  const { add, times } = kase;
  let t = L + ri(1, 6);
  add('responded', t, { by });
  t += ri(0, 4);
  add('assigned', t, { by, assignee: o.assignee });
  t = o.completeAt ?? t + ri(o.min ?? 15, o.max ?? 90);
  if (add('completed', t, { by: o.assignee, note: o.note })) {
    times.completed = t;
    times.final = t;
    const rate = { help: 0.32, first_aid: 0.45, activity: 0.15, other: 0.1 }[kind];
    scheduleCallback(kase, t, kind, 7, rate);
  }
  return kase;
}

function makeSpecial(L, by) {
  const s = pick(SPECIALS);
  const unit = unitFor();
  const start = addDays(dateOf(L), ri(1, 4));
  const end = addDays(start, ri(s.days[0], s.days[1]));
  const who = s.who();
  const kase = newWorkOrder('special_service', L, by, { requester: resident(unit), category: s.category, item: s.item, location: unit, paid: true, contract: { start, end } });
  let t = L + ri(2, 8);
  kase.add('responded', t, { by });
  kase.add('assigned', t + ri(2, 20), { by, assignee: who });
  const done = lm(end) + hm(16, 0) + ri(0, 60);
  if (kase.add('completed', done, { by: who, note: '服务期满，已按协议完成' })) kase.times.final = done;
  // SPEC §5.3: the checkpoints count from the contract's midpoint and end, 30%
  const mid = addDays(start, Math.floor(daysBetween(start, end) / 2));
  if (mid !== end) scheduleCallback(kase, Math.max(lm(mid), L + 1), 'special_service', 7, 0.4, { checkpoint: 'midterm' });
  scheduleCallback(kase, Math.max(lm(end) + hm(17, 30), done), 'special_service', 7, 0.4, { checkpoint: 'end' });
  return kase;
}

// ---------------------------------------------------------------------------
// Duty-log entries, one function per kind (after make-example-desk.mjs).

const PHONEISH = [['phone', 5], ['visit', 2], ['wechat', 2], ['intercom', 1]];

function doRepair(L) {
  const duty = onDuty(L);
  const tpl = repairTemplate(duty.day);
  const unit = unitFor();
  const from = resident(unit);
  const urgent = tpl.urgent ?? false;
  const emergency = urgent && chance(0.3);
  const deferred = duty.shift === 'night' && !urgent;
  const entry = addEntry(L, {
    channel: weighted(PHONEISH), kind: emergency ? 'emergency' : 'repair', from,
    content: tpl.public ? `反映${repairWhere(tpl, unit)}${tpl.item}` : `报修：${unit} ${tpl.item}`,
    action: deferred ? '已登记并安抚住户，次日早班转工程部派单' : urgent ? '已通知维修人员立即到场处理' : '已派单至工程部',
    referred_to: '工程部', status: 'open', important: urgent, notified: emergency ? [supervisorOn(duty.day), ENGINEERING_LEAD] : undefined,
  });
  if (!entry) return;
  if (deferred) {
    const next = addDays(duty.day, 1);
    const createdL = lm(next, '08:30') + ri(6, 40);
    if (createdL > CUT) return;
    const kase = makeRepair(createdL, dayOf[next][0], tpl, from, unit);
    addUpdate(entry, createdL + 1, { status: 'done', links: [kase.rec.id], note: '夜间报修已转维修工单' });
    return;
  }
  const kase = makeRepair(L, duty.staff, tpl, from, unit, { urgent });
  link(entry, kase.rec.id);
  const { times } = kase;
  if (times.cancelled) addUpdate(entry, times.cancelled + ri(2, 10), { status: 'done', note: '工单已取消' });
  else if (times.completed !== undefined && times.completed - L <= 1440) addUpdate(entry, times.completed + ri(5, 30), { status: 'done', note: pick(['维修完毕，住户已确认', '已处理完毕', '维修人员回报已完工']) });
  else addUpdate(entry, workAfter(L, 1), { status: 'done', note: `已转工单${kase.rec.id}跟进，本条关闭` });
}

function doComplaint(L) {
  const duty = onDuty(L);
  const category = complaintCategory(duty.day);
  const severity = weighted([['minor', 60], ['important', 37], ['major', 3]]);
  const unit = unitFor();
  const text = pick(COMPLAINT_TEXT[category]);
  const channel = weighted([['phone', 5], ['visit', 3], ['wechat', 2]]);
  const entry = addEntry(L, {
    channel, kind: 'complaint', from: resident(unit), content: `投诉：${text[0]}，${text[1]}`,
    action: severity === 'minor' ? '已登记投诉，转责任部门处理' : severity === 'important' ? '已登记投诉并报客服主管' : '已登记投诉并立即报管理处经理',
    referred_to: DEPARTMENT[category], status: 'open', important: severity === 'major', notified: severity === 'major' ? [MANAGER, supervisorOn(duty.day)] : undefined,
  });
  if (!entry) return;
  const kase = makeComplaint(L, { category, severity, unit, text, channel, by: duty.staff });
  link(entry, kase.rec.id);
  const shiftEnd = lm(duty.day) + dayEnd(duty.day) - 15;
  const closeL = duty.shift === 'night' ? lm(addDays(duty.day, 1), '08:30') + ri(5, 40) : Math.max(L + 5, Math.min(L + ri(20, 150), shiftEnd));
  addUpdate(entry, closeL, { status: 'done', note: '已按投诉流程登记上报，后续以投诉单跟进' });
}

function doConsult(L) {
  const [content, action] = pick(CONSULTS);
  addEntry(L, { channel: weighted([['phone', 6], ['visit', 3], ['wechat', 3]]), kind: 'consult', from: resident(unitFor()), content, action, status: 'done' });
}
function doVisitor(L) {
  const unit = randomUnit();
  const what = pick([
    [`访客拜访${unit}住户`, '已电话与住户确认，登记后放行'], [`装修工人进场，${unit}装修`, '已核对装修许可证及出入证，登记放行'],
    [`搬家公司为${unit}搬家`, '已核实住户身份，通知秩序维护员协助电梯保护'], [`家政人员到${unit}服务`, '已与住户确认并登记'],
  ]);
  addEntry(L, { channel: 'visit', kind: 'other', from: { unit }, content: what[0], action: what[1], status: 'done' });
}
function doPatrol(L) {
  const duty = onDuty(L);
  const found = chance(0.12);
  const b = ri(1, BUILDINGS);
  const entry = addEntry(L, {
    channel: 'patrol', kind: 'other',
    content: found ? pick([`巡查：${b}栋消防通道堆放纸箱`, `巡查：${b}栋单元门未关闭，闭门器失灵`, '巡查：地下车库B2层一处照明不亮']) : `${duty.shift === 'night' ? '夜间' : ''}巡查：各楼栋单元门、地下车库、消防通道、水泵房正常`,
    action: found ? '已拍照记录，通知责任部门处理' : undefined, status: found ? 'open' : 'done',
  });
  if (found && entry) addUpdate(entry, workAfter(L, duty.shift === 'night' ? 1 : 0, 60, hm(9, 0), hm(16, 30)), { status: 'done', note: '已通知责任部门处理完毕' });
}
function doSuggestion(L) {
  const [content, action] = pick([['建议在中心花园增加儿童游乐设施', '已记录，转客服主管汇总上报'], ['建议周末延长客服中心办公时间', '已记录，转客服主管研究'], ['建议在地下车库增加电动车充电桩', '已记录并转工程部评估']]);
  addEntry(L, { channel: weighted([['visit', 2], ['wechat', 2], ['letter', 1]]), kind: 'suggestion', from: resident(unitFor()), content, action, referred_to: '客服主管', status: 'done' });
}
function doNotice(L) {
  const d = addDays(dateOf(L), ri(2, 5));
  const day = `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  const [content, action] = pick([[`接供水公司通知：${day}9:00-15:00小区停水检修`, '已在各单元门张贴停水通知并在业主群发布'], [`接供电局通知：${day}8:00-12:00计划停电`, '已张贴停电通知并在业主群发布'], [`${day}进行二次供水水箱清洗`, '已发布通知，提醒住户提前储水']]);
  addEntry(L, { channel: 'other', kind: 'notice', content, action, status: 'done' });
}
function doIncident(L) {
  const duty = onDuty(L);
  const b = ri(1, BUILDINGS);
  const [content, action, note] = pick([
    [`${b}栋楼下两住户因车辆剐蹭发生争执`, '秩序维护员到场劝解，协助双方交换信息', '双方已协商解决'],
    [`${b}栋有住户反映高空抛物`, '秩序维护员到场查看并拍照，张贴警示', '已走访相关楼层住户并宣传，暂无人员受伤'],
    [`${b}栋烟感报警`, '值班人员立即到场核查，系住户厨房油烟引起误报', '已复位报警主机，系统正常'],
  ]);
  const entry = addEntry(L, { channel: weighted([['phone', 3], ['patrol', 2], ['intercom', 1]]), kind: 'incident', content, action, status: 'open', important: true, notified: [supervisorOn(duty.day), SECURITY_LEAD] });
  if (entry) addUpdate(entry, L + ri(25, 110), { status: 'done', note });
}
function doHelp(L) {
  const duty = onDuty(L);
  const h = pick(HELPS);
  const unit = unitFor();
  const from = resident(unit);
  const entry = addEntry(L, { channel: weighted([['phone', 3], ['visit', 2], ['intercom', 1]]), kind: 'help', from, content: h.content, action: h.action, status: 'open' });
  if (!entry) return;
  if (!chance(0.6)) {
    addUpdate(entry, L + ri(20, 80), { status: 'done', note: h.note });
    return;
  }
  const helper = duty.shift === 'night' ? duty.staff : h.maint ? pick(maintFree(duty.day)) : pick(LOBBY);
  const kase = makeService('help', L, duty.staff, { requester: from, category: h.category, item: h.content, location: unit }, { assignee: helper, note: h.note, min: 15, max: 70 });
  link(entry, kase.rec.id);
  addUpdate(entry, (kase.times.final ?? L + 60) + ri(3, 15), { status: 'done', note: h.note });
}
function doOtherOrder(L) {
  const duty = onDuty(L);
  const o = pick(OTHER_ORDERS);
  const from = resident(unitFor());
  const entry = addEntry(L, { channel: 'visit', kind: 'other', from, content: o.item, action: '已受理，开具服务单', status: 'open' });
  if (!entry) return;
  const kase = makeService('other', L, duty.staff, { requester: from, category: o.category, item: o.item, location: '客服中心' }, { assignee: duty.staff, note: o.note, min: 10, max: 60 });
  link(entry, kase.rec.id);
  addUpdate(entry, (kase.times.final ?? L + 60) + ri(3, 20), { status: 'done', note: o.note });
}
function doFirstAid(L) {
  const duty = onDuty(L);
  const unit = unitFor();
  const from = resident(unit);
  const [content, note] = pick([['楼下一位老人摔倒，膝盖擦伤', '已消毒包扎，家属到场接回'], ['儿童在游乐区摔伤手臂', '已冰敷处理，家长带孩子就医'], ['一位老人在大堂突发头晕', '已协助拨打120，家属陪同就医']]);
  const entry = addEntry(L, { channel: 'phone', kind: 'emergency', from, content, action: '值班人员携急救箱到场处置', status: 'open', important: true, notified: [supervisorOn(duty.day), SECURITY_LEAD] });
  if (!entry) return;
  const kase = makeService('first_aid', L, duty.staff, { requester: from, category: 'injury', item: content, location: `${building(unit)}栋` }, { assignee: duty.shift === 'night' ? duty.staff : pick(LOBBY), note, min: 30, max: 75 });
  link(entry, kase.rec.id);
  addUpdate(entry, (kase.times.final ?? L + 60) + ri(3, 15), { status: 'done', note });
}

/** Orders and complaints that reach the desk without a duty-log entry (the WeChat service account, letters, the app). */
function directWorkOrder(L) {
  const duty = onDuty(L);
  const by = duty.shift === 'day' ? duty.staff : pick(dayOf[duty.day]);
  const kind = weighted([['repair', 37], ['help', 31], ['other', 28], ['special_service', 3.5], ['activity', 0.5]]);
  const unit = unitFor();
  if (kind === 'repair') {
    const tpl = repairTemplate(duty.day);
    makeRepair(L, by, { ...tpl, urgent: false }, resident(unit), unit, { urgent: false });
  } else if (kind === 'special_service') makeSpecial(L, by);
  else if (kind === 'help') {
    const h = pick(HELPS);
    makeService('help', L, by, { requester: resident(unit), category: h.category, item: h.content, location: unit }, { assignee: h.maint ? pick(maintFree(duty.day)) : pick(LOBBY), note: h.note, min: 15, max: 120 });
  } else if (kind === 'other') {
    const o = pick(OTHER_ORDERS);
    makeService('other', L, by, { requester: resident(unit), category: o.category, item: o.item, location: '客服中心' }, { assignee: by, note: o.note, min: 10, max: 240 });
  } else {
    makeService('activity', L, by, { requester: { name: '业委会刘主任', phone: '13602150088' }, category: 'community_event', item: pick(['社区文化活动：场地布置及安全保障', '消防宣传日演练', '业主篮球友谊赛保障']), location: '会所及中心广场' }, { assignee: supervisorOn(duty.day), note: '活动已顺利举办', completeAt: workAfter(L, ri(5, 14), 0, hm(14, 0), hm(17, 0)) });
  }
}
function directComplaint(L) {
  const duty = onDuty(L);
  const category = complaintCategory(duty.day);
  makeComplaint(L, { category, severity: weighted([['minor', 58], ['important', 39], ['major', 3]]), by: duty.shift === 'day' ? duty.staff : pick(dayOf[duty.day]), channel: weighted([['wechat', 4], ['phone', 3], ['letter', 1], ['email', 1]]) });
}

// ---------------------------------------------------------------------------
// The days: busy mornings, quiet small hours, seasons.

const DAY_KINDS = [['consult', 24], ['repair', 24], ['complaint', 4.5], ['help', 8], ['visitor', 15], ['suggestion', 2], ['notice', 1.5], ['incident', 1.2], ['other', 5], ['first_aid', 0.3]];
const NIGHT_KINDS = [['repair', 35], ['help', 12], ['incident', 8], ['visitor', 15], ['consult', 15], ['complaint', 6]];
const RUN = { consult: doConsult, repair: doRepair, complaint: doComplaint, help: doHelp, visitor: doVisitor, suggestion: doSuggestion, notice: doNotice, incident: doIncident, other: doOtherOrder, first_aid: doFirstAid };

/** A time in the duty day d: half of the calls come in the morning, peaking around 09:30. */
function entryTime(d) {
  const base = lm(d);
  switch (weighted([['morning', 46], ['afternoon', 31], ['evening', 16], ['late', 7]])) {
    case 'morning': return base + hm(8, 31) + Math.floor(((rnd() + rnd()) / 2) * hm(3, 25));
    case 'afternoon': return base + ri(hm(13, 0), hm(17, 10));
    case 'evening': return base + ri(hm(18, 15), hm(22, 45));
    default: return base + 1440 + ri(hm(0, 5), hm(7, 50));
  }
}
const workTime = (d) => lm(d) + hm(8, 35) + Math.floor(((rnd() + rnd()) / 2) * hm(11, 0)); // 08:35–19:35, mid-day peak

const DAYS = opts.size === 'empty' ? [] : dayRange(FIRST_DAY, END_DAY);
const started = Date.now();
DAYS.forEach((d, index) => {
  if (index % 7 === 0) progress(`gen-desk: ${opts.size} ${d} (${index + 1}/${DAYS.length} days) — ${counts.entries} entries, ${counts.workOrders} work orders, ${counts.complaints} complaints, ${counts.callbacks} callbacks`);
  const season = seasonOf(d);
  const todays = [];
  if (d !== END_DAY) {
    // patrols: one in the afternoon, two at night
    todays.push({ L: lm(d) + ri(hm(14, 0), hm(15, 30)), run: doPatrol });
    todays.push({ L: lm(d) + 1440 + ri(hm(1, 0), hm(2, 30)), run: doPatrol });
    todays.push({ L: lm(d) + 1440 + ri(hm(4, 0), hm(5, 30)), run: doPatrol });
    const n = countAround(42.6 * FACTOR * season);
    for (let i = 0; i < n; i++) {
      const L = entryTime(d);
      const night = tod(L) >= dayEnd(d) || L >= lm(d) + 1440;
      todays.push({ L, run: RUN[weighted(night ? NIGHT_KINDS : DAY_KINDS)] });
    }
    for (let i = countAround(37 * FACTOR * season); i > 0; i--) todays.push({ L: workTime(d), run: directWorkOrder });
    for (let i = countAround(2.4 * FACTOR * season); i > 0; i--) todays.push({ L: workTime(d), run: directComplaint });
  } else {
    // the last morning: a few entries before the cut
    for (let i = countAround(3 * FACTOR); i > 0; i--) todays.push({ L: lm(d) + ri(hm(8, 31), hm(8, 44)), run: doConsult });
  }
  todays.sort((a, b) => a.L - b.L);
  const before = dutyItems.length;
  for (const p of todays) p.run(p.L);
  // now and then a clerk corrects an entry made earlier that shift (SPEC §3.4 correction)
  for (const x of dutyItems.slice(before)) {
    if (x.item.type !== 'entry' || !x.item.from?.unit || !chance(0.004)) continue;
    const fixL = x.L + ri(10, 60);
    if (fixL > CUT || dutyDayOf(fixL) !== dutyDayOf(x.L)) continue;
    pushDuty(fixL, { type: 'correction', entry: x.item.id, at: fmt(fixL), by: onDuty(fixL).staff, reason: '内容记录不完整，补充说明', set: { content: `${x.item.content}（住户要求上门前先电话联系）` } });
    counts.corrections++;
  }
});

// ---------------------------------------------------------------------------
// Handovers (SPEC §5.4): open entries carried over; the supervisor's review with its digest.

const SHORTFALLS = [['公共区域钥匙', 1, '设备房钥匙由工程部借用，已登记'], ['对讲机', 1, '一台对讲机电池故障，已送修'], ['手电筒', 1, '一支手电筒借给秩序维护员夜间巡逻，已登记']];
{
  const handovers = [];
  for (const d of DAYS) {
    if (d === END_DAY) continue;
    const H1 = lm(d) + dayEnd(d) - ri(2, 5);
    handovers.push({ H: H1, shift: 'day', from: dayOf[d][0], to: nightOf[d] });
    const H2 = lm(addDays(d, 1)) + ri(hm(8, 16), hm(8, 22));
    handovers.push({ H: H2, shift: 'night', from: nightOf[d], to: dayOf[addDays(d, 1)][0] });
  }
  const byTime = [...entries].sort((a, b) => a.L - b.L);
  let next = 0;
  let active = [];
  for (const h of handovers) {
    while (next < byTime.length && byTime[next].L <= h.H) active.push(byTime[next++]);
    active = active.filter((e) => e.doneAt > h.H);
    const short = chance(0.05) ? pick(SHORTFALLS) : undefined;
    const important = active.some((e) => e.important);
    const out = h.H + ri(3, 5);
    pushDuty(h.H, {
      type: 'handover', at: fmt(h.H), shift: h.shift, from: h.from, to: h.to,
      checklist: CHECKLIST.map((c) => ({ item: c.item, expected: c.count, counted: short && short[0] === c.item ? c.count - short[1] : c.count, note: short && short[0] === c.item ? short[2] : undefined })),
      carried_over: active.length > 0 ? active.map((e) => e.id) : undefined,
      anomalies: active.length > 0 ? `遗留${active.length}项未办结事项，已当面交代` : pick(['无', '无', '设备设施运行正常']),
      override: important ? { by: supervisorOn(dateOf(h.H)), reason: '重要事项已电话请示客服主管，由接班人员继续跟进' } : undefined,
      signed: { outgoing: fmt(out), incoming: fmt(out + ri(0, 1)) },
    });
    counts.handovers++;
  }
}

const byDay = new Map();
for (const x of dutyItems.sort((a, b) => a.L - b.L || a.seq - b.seq)) {
  const d = dutyDayOf(x.L);
  if (!byDay.has(d)) byDay.set(d, []);
  byDay.get(d).push(clean(x.item));
}
{
  const slots = new Map();
  for (const d of DAYS) {
    if (d === END_DAY || !byDay.has(d)) continue;
    const on = nextWorkday(d);
    const n = slots.get(on) ?? 0;
    slots.set(on, n + 1);
    const L = d === LAST_FULL_DAY ? lm(END_DAY, '08:40') + ri(0, 9) : lm(on) + hm(8, 40) + n * 6 + ri(0, 4);
    if (L > lm(END_DAY, '08:59')) continue; // reviewed after the as-of instant: not yet
    const items = byDay.get(d);
    items.push({ type: 'review', at: fmt(L), by: supervisorOn(dateOf(L)), comment: pick(['已阅', '已阅，记录完整', '已阅，交接清楚', '已阅，注意及时回访', '已阅，遗留事项请跟进']), digest: reviewDigest(items) });
    counts.reviews++;
  }
}

// ---------------------------------------------------------------------------
// Writing the desk.

const root = resolve(opts.dir);
if (existsSync(root)) {
  if (!statSync(root).isDirectory()) usage(`${root} is not a folder`);
  const names = readdirSync(root);
  if (names.length > 0 && !names.includes('kefu.yaml') && !opts.force) usage(`refusing to empty ${root}: it is not empty and holds no kefu.yaml (--force to empty it anyway)`);
  for (const name of names) rmSync(join(root, name), { recursive: true, force: true });
}
mkdirSync(root, { recursive: true });

const made = new Set();
const stats = { files: 0, bytes: 0, byKind: {} };
function write(path, text, kind = 'other') {
  const full = join(root, path);
  const dir = full.slice(0, full.lastIndexOf('/'));
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(full, text);
  const bytes = Buffer.byteLength(text);
  stats.files++;
  stats.bytes += bytes;
  const k = (stats.byKind[kind] ??= { files: 0, bytes: 0 });
  k.files++;
  k.bytes += bytes;
  if (stats.files % 500 === 0) progress(`gen-desk: writing ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB`);
}
const jsonl = opts.jsonl ? createWriteStream(resolve(opts.jsonl)) : undefined;
const jsonlLines = [];
function toJsonl(path, value, listKey) {
  if (!jsonl) return;
  if (listKey) {
    const { [listKey]: list, ...head } = value;
    jsonlLines.push(JSON.stringify({ file: path, ...head }));
    for (const item of list) jsonlLines.push(JSON.stringify({ file: path, ...item }));
  } else jsonlLines.push(JSON.stringify({ file: path, ...value }));
  if (jsonlLines.length >= 5000) jsonl.write(`${jsonlLines.splice(0).join('\n')}\n`);
}
function writeRecord(path, kind, data, comment, listKey) {
  const value = clean(data);
  const modeline = schemaModeline(path, kind);
  write(path, serializeRecordFile(value, comment ? `${modeline}\n${comment}` : modeline), kind);
  toJsonl(path, value, listKey);
}
const toEvents = (events) => events.map(({ type, L, ...rest }) => ({ type, at: fmt(L), ...rest }));

writeRecord('kefu.yaml', 'config', CONFIG, `# ${PROPERTY}客服中心 — a synthetic desk for benchmarks, written by scripts/gen-desk.mjs (size ${opts.size}, seed ${opts.seed}).\n# 白班两名值班管理员（clerk），夜班一名维修人员（maintenance）。法定节假日和调休取 kefu 自带的日历。`);
writeRecord('staff.yaml', 'staff', { staff: STAFF }, undefined, 'staff');
for (const r of rosters) writeRecord(rosterPath(r), 'roster', r, undefined, 'assignments');
for (const [d, log] of [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) writeRecord(dutyDayPath(d), 'duty-day', { date: d, log }, undefined, 'log');
for (const c of complaints) writeRecord(complaintPath(c.rec.id), 'complaint', { ...c.rec, events: toEvents(c.rec.events) });
for (const w of workOrders) writeRecord(workOrderPath(w.rec.id), 'work-order', { ...w.rec, events: toEvents(w.rec.events) });
{
  const months = new Map();
  for (const x of callbackItems.sort((a, b) => a.L - b.L || a.seq - b.seq)) {
    const m = dateOf(x.L).slice(0, 7);
    if (!months.has(m)) months.set(m, []);
    months.get(m).push(x.item);
  }
  for (const [m, items] of months) writeRecord(callbackMonthPath(m), 'callback-month', { month: m, callbacks: items }, undefined, 'callbacks');
}
for (const [name, text] of buildJsonSchemas()) write(`schemas/${name}`, text, 'schema');
write('.gitattributes', GITATTRIBUTES);
write('.gitignore', GITIGNORE);
const recordsByKind = {
  duty_days: byDay.size, duty_entries: counts.entries, duty_updates: counts.updates, duty_corrections: counts.corrections, handovers: counts.handovers, duty_reviews: counts.reviews,
  complaints: counts.complaints, complaints_from_callbacks: counts.followUps, work_orders: counts.workOrders,
  work_orders_by_kind: workOrders.reduce((o, w) => ((o[w.rec.kind] = (o[w.rec.kind] ?? 0) + 1), o), {}),
  callbacks: counts.callbacks, callback_reviews: counts.callbackReviews, callback_plans: counts.plans, rosters: rosters.length, staff: STAFF.length,
};
const manifest = { generator: 'scripts/gen-desk.mjs', version: GENERATOR_VERSION, size: opts.size, years: opts.years, seed: opts.seed, first_day: FIRST_DAY, end_day: END_DAY, as_of: AS_OF, on_duty: { day: dayOf[END_DAY], night: nightOf[END_DAY] }, supervisor: supervisorOn(END_DAY), records: recordsByKind };
write('README.md', `# ${PROPERTY} 客服中心台账（合成数据）

A synthetic kefu desk for benchmarks, written by \`scripts/gen-desk.mjs\` — size
\`${opts.size}\`, seed ${opts.seed}, ${FIRST_DAY} to the morning of ${END_DAY} (as of ${AS_OF}).
Residents' and staff names and phone numbers are made up. Regenerate rather than edit.

\`\`\`sh
kefu validate -C . && kefu report overdue -C . --as-of ${AS_OF}
\`\`\`
`);
write('gen-desk.json', `${JSON.stringify(manifest, null, 2)}\n`);
if (jsonl) {
  if (jsonlLines.length > 0) jsonl.write(`${jsonlLines.join('\n')}\n`);
  await new Promise((ok, fail) => jsonl.end((e) => (e ? fail(e) : ok())));
}

if (opts.git) {
  progress(`gen-desk: git commit of ${stats.files} files…`, true);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'kefu gen-desk', GIT_AUTHOR_EMAIL: 'gen-desk@kefu.invalid', GIT_COMMITTER_NAME: 'kefu gen-desk', GIT_COMMITTER_EMAIL: 'gen-desk@kefu.invalid', GIT_AUTHOR_DATE: AS_OF, GIT_COMMITTER_DATE: AS_OF };
  const git = (...args) => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', `Synthetic desk: ${opts.size}, seed ${opts.seed}, ${FIRST_DAY}..${END_DAY}`);
}
progressDone();
if (tty) {
  process.stderr.write(`gen-desk: wrote ${stats.files} files (${(stats.bytes / 1e6).toFixed(1)} MB) to ${root} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.entries} duty entries in ${byDay.size} days, ${counts.complaints} complaints, ${counts.workOrders} work orders, ${counts.callbacks} callbacks; as of ${AS_OF}\n`);
}
