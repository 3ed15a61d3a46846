#!/usr/bin/env node
// Writes the example desk: the customer-service center (客服中心) of 翠湖花园, a
// residential property, from 2026-09-01 to the morning of 2026-11-25 (as of
// 2026-11-25T09:00:00+08:00). Deterministic: a seeded PRNG and no clock, so the
// same run gives byte-identical files (tests/example-desk.test.ts checks that the
// committed examples/desk is exactly this script's output).
//
//   node scripts/make-example-desk.mjs examples/desk      (after `npm run build`)
//
// The target folder is emptied first, but only when it is empty or holds a kefu.yaml.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { GITATTRIBUTES, GITIGNORE } from '../dist/cli/commands/init.js';
import { buildJsonSchemas, schemaModeline } from '../dist/domain/json-schemas.js';
import { callbackMonthPath } from '../dist/domain/records/callback-month.js';
import { complaintPath } from '../dist/domain/records/complaint.js';
import { canonicalJson, dutyDayPath, reviewDigest } from '../dist/domain/records/duty-day.js';
import { rosterPath } from '../dist/domain/records/roster.js';
import { serializeRecordFile } from '../dist/domain/records/serialize.js';
import { workOrderPath } from '../dist/domain/records/work-order.js';
import { addDays, isoWeekday } from '../dist/domain/time.js';
import { mulberry32 } from './lib/mulberry32.mjs';

// ---------------------------------------------------------------------------
// Randomness: mulberry32 with a fixed seed — never Math.random, never the clock.

const rnd = mulberry32(20261125);
const ri = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rnd() * list.length)];
const chance = (p) => rnd() < p;
/** pairs: [[value, weight], …] */
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

// ---------------------------------------------------------------------------
// Time. Asia/Shanghai has no DST, so local wall-clock time is kept as "local
// minutes" (minutes since 1970-01-01 00:00 local) and printed with +08:00.

const lm = (date, hhmm = '00:00') => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), +hhmm.slice(0, 2), +hhmm.slice(3, 5)) / 60000;
const fmt = (L) => `${new Date(L * 60000).toISOString().slice(0, 16)}:00+08:00`;
const dateOf = (L) => new Date(L * 60000).toISOString().slice(0, 10);
const tod = (L) => ((L % 1440) + 1440) % 1440;
const hm = (h, m) => h * 60 + m;
const DUTY_START = hm(8, 30);
/** the duty day an instant belongs to: 08:30 → 08:30 (seed 000 §4.1.2) */
const dutyDayOf = (L) => dateOf(L - DUTY_START);
const daysBetween = (a, b) => Math.round((lm(b) - lm(a)) / 1440);
const dayRange = (from, to) => {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const endOfDay = (date) => lm(date) + 1439;

const FIRST_DAY = '2026-09-01';
const LAST_FULL_DAY = '2026-11-24';
const PARTIAL_DAY = '2026-11-25';
/** the desk is "as of" 2026-11-25T09:00; nothing is recorded after this */
const CUT = lm(PARTIAL_DAY, '08:45');
const LAST_REVIEW = lm(PARTIAL_DAY, '08:50');

// The rhythm of the generated days (busier weekdays, quiet holidays). It predates the
// shipped statutory calendar and is kept as it was so that the example's records stay
// stable; kefu.yaml below states the real 2026 calendar (中秋节 09-25..27, 国庆节
// 10-01..07, make-up workdays Sunday 09-20 and Saturday 10-10).
const HOLIDAYS = dayRange('2026-10-01', '2026-10-07'); // 国庆节
const MAKEUP_WORKDAYS = ['2026-09-27', '2026-10-10'];
const isHoliday = (d) => HOLIDAYS.includes(d);
const isWorkday = (d) => MAKEUP_WORKDAYS.includes(d) || (!isHoliday(d) && isoWeekday(d) <= 5);
const isRestDay = (d) => !isWorkday(d);
const isSummer = (d) => d.slice(5) >= '05-01' && d.slice(5) <= '09-30';
/** the day shift ends (and the night shift starts) at 17:30, at 18:00 in summer */
const dayEnd = (d) => (isSummer(d) ? hm(18, 0) : hm(17, 30));
const nextWorkday = (d) => {
  let x = addDays(d, 1);
  while (!isWorkday(x)) x = addDays(x, 1);
  return x;
};

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

/** Drops undefined values (recursively), so what is hashed is exactly what YAML reads back. */
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
// The property, its configuration and its people.

const PROPERTY = '翠湖花园';
const CHECKLIST = [
  { item: '对讲机', count: 2 },
  { item: '公共区域钥匙', count: 12 },
  { item: '值班记录本', count: 1 },
  { item: '手电筒', count: 2 },
  { item: '急救箱', count: 1 },
  { item: '备用门禁卡', count: 3 },
];

const CONFIG = {
  property: PROPERTY,
  timezone: 'Asia/Shanghai',
  locale: 'zh-CN',
  profile: 'residential',
  duty_day_start: '08:30',
  summer: { from: '05-01', to: '09-30' },
  shifts: [
    { id: 'day', name: '白班', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk'], min_staff: 1 },
    { id: 'night', name: '夜班', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance'], min_staff: 1 },
  ],
  handover: { arrive_before_minutes: 5, checklist: CHECKLIST },
  roster: { min_rest_hours: 24, max_shifts_per_week: 3 },
  calendar: 'calendar',
  holidays: [...dayRange('2026-09-25', '2026-09-27'), ...dayRange('2026-10-01', '2026-10-07')],
  workdays: ['2026-09-20', '2026-10-10'],
};

const STAFF = [
  { id: 'S01', name: '周建国', roles: ['manager'], phone: '13902150101', notes: '管理处经理' },
  { id: 'S02', name: '王芳', roles: ['supervisor'], phone: '13902150102', notes: '客服主管', leave: [{ from: '2026-12-21', to: '2026-12-23', reason: '年假' }] },
  { id: 'S03', name: '李娜', roles: ['clerk'], phone: '13902150103', notes: '值班管理员', leave: [{ from: '2026-12-07', to: '2026-12-09', reason: '年假' }] },
  { id: 'S04', name: '陈静', roles: ['clerk'], phone: '13902150104', notes: '值班管理员', leave: [{ from: '2026-10-12', to: '2026-10-16', reason: '年假' }] },
  { id: 'S05', name: '刘洋', roles: ['clerk'], phone: '13902150105', notes: '值班管理员' },
  { id: 'S06', name: '赵敏', roles: ['clerk'], phone: '13902150106', notes: '值班管理员', leave: [{ from: '2026-09-21', to: '2026-09-23', reason: '事假' }] },
  { id: 'S07', name: '孙丽', roles: ['clerk'], phone: '13902150107', notes: '值班管理员', leave: [{ from: '2026-11-26', to: '2026-11-27', reason: '年假' }] },
  { id: 'S08', name: '杨雪', roles: ['clerk'], phone: '13902150108', notes: '值班管理员' },
  { id: 'S09', name: '张伟', roles: ['maintenance', 'team_lead'], phone: '13902150109', notes: '工程维修组长' },
  { id: 'S10', name: '黄强', roles: ['maintenance'], phone: '13902150110', notes: '维修工（水电）', leave: [{ from: '2026-11-09', to: '2026-11-13', reason: '病假' }] },
  { id: 'S11', name: '吴军', roles: ['maintenance'], phone: '13902150111', notes: '维修工（水电）' },
  { id: 'S12', name: '徐磊', roles: ['maintenance'], phone: '13902150112', notes: '维修工（土建）', leave: [{ from: '2026-10-01', to: '2026-10-04', reason: '调休' }] },
  { id: 'S13', name: '马超', roles: ['maintenance'], phone: '13902150113', notes: '维修工（电梯、弱电）' },
  { id: 'S14', name: '胡晓燕', roles: ['lobby'], phone: '13902150114', notes: '大堂礼宾' },
  { id: 'S15', name: '郭秀英', roles: ['cleaner', 'team_lead'], phone: '13902150115', notes: '环境部保洁绿化领班' },
  { id: 'S16', name: '何勇', roles: ['team_lead'], phone: '13902150116', notes: '秩序维护部队长' },
  { id: 'S17', name: '林晓', roles: ['clerk'], phone: '13902150117', active: false, notes: '2026年8月离职' },
];
const NAME = Object.fromEntries(STAFF.map((s) => [s.id, s.name]));
const MANAGER = 'S01';
const SUPERVISOR = 'S02';
const CLERKS = ['S03', 'S04', 'S05', 'S06', 'S07', 'S08'];
const MAINT = ['S09', 'S10', 'S11', 'S12', 'S13'];
const LOBBY = 'S14';
const CLEANING_LEAD = 'S15';
const SECURITY_LEAD = 'S16';

const onLeave = (id, d) => (STAFF.find((s) => s.id === id).leave ?? []).some((l) => l.from <= d && d <= l.to);

// ---------------------------------------------------------------------------
// Rosters 2026-09 … 2026-11: one clerk on the day shift, one maintenance man on
// nights; nobody on leave, never two days (or two nights) running, at most three
// shifts per ISO week, fewest shifts first (weekends and holidays balanced too).

const MONTHS = ['2026-09', '2026-10', '2026-11'];
const dayOf = {};
const nightOf = {};
const rosters = [];
{
  const total = {};
  const restTotal = {};
  const perWeek = {};
  const weekOf = (d) => addDays(d, 1 - isoWeekday(d));
  for (const month of MONTHS) {
    const days = dayRange(`${month}-01`, addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1));
    const assignments = [];
    for (const d of days) {
      for (const [shift, pool, table] of [['day', CLERKS, dayOf], ['night', MAINT, nightOf]]) {
        // a night shift ends next morning: the man must not be on leave then either
        const ok = (id, capWeek) => !onLeave(id, d) && (shift === 'day' || !onLeave(id, addDays(d, 1))) && table[addDays(d, -1)] !== id && (!capWeek || (perWeek[`${id}/${weekOf(d)}`] ?? 0) < 3);
        let candidates = pool.filter((id) => ok(id, true));
        if (candidates.length === 0) candidates = pool.filter((id) => ok(id, false));
        const score = (id) => (total[id] ?? 0) * 10 + (isRestDay(d) ? (restTotal[id] ?? 0) * 3 : 0) + rnd();
        const scored = candidates.map((id) => [id, score(id)]).sort((a, b) => a[1] - b[1]);
        const chosen = scored[0][0];
        table[d] = chosen;
        total[chosen] = (total[chosen] ?? 0) + 1;
        if (isRestDay(d)) restTotal[chosen] = (restTotal[chosen] ?? 0) + 1;
        perWeek[`${chosen}/${weekOf(d)}`] = (perWeek[`${chosen}/${weekOf(d)}`] ?? 0) + 1;
        assignments.push({ date: d, shift, staff: [chosen] });
      }
    }
    const prev = addDays(`${month}-01`, -1);
    const roster = {
      month,
      status: 'approved',
      generated: { at: fmt(lm(addDays(prev, -6), '10:00')), by: SUPERVISOR, seed: Number(month.replace('-', '')) },
      approved: { at: fmt(lm(addDays(prev, -4), '15:30')), by: MANAGER },
      assignments,
    };
    rosters.push(roster);
  }
  // One approved swap (seed 000 §4.1.5 d): 2026-10-20's day clerk has a family matter.
  const oct = rosters[1];
  const swapDay = '2026-10-20';
  const from = dayOf[swapDay];
  const to = CLERKS.find((id) => id !== from && !onLeave(id, swapDay) && dayOf[addDays(swapDay, -1)] !== id && dayOf[addDays(swapDay, 1)] !== id);
  oct.changes = [{ at: fmt(lm('2026-10-19', '15:20')), date: swapDay, shift: 'day', from, to, reason: `家中有事，与${NAME[to]}调班`, approved_by: SUPERVISOR }];
  dayOf[swapDay] = to;
}

/** Who is on duty at an instant, and on which shift. */
function onDuty(L) {
  const d = dutyDayOf(L);
  return L < lm(d) + dayEnd(d) ? { shift: 'day', staff: dayOf[d] } : { shift: 'night', staff: nightOf[d] };
}
/** Maintenance men free for day work on a date: not on leave, not coming off or going on night duty. */
function maintPool(d) {
  const free = MAINT.filter((id) => !onLeave(id, d) && nightOf[addDays(d, -1)] !== id && nightOf[d] !== id);
  return free.length > 0 ? free : MAINT.filter((id) => !onLeave(id, d));
}

/** A working-hours instant on date(L)+k, at least minGap minutes after L when on the same day. */
function workAfter(L, k = 0, minGap = 20, from = hm(9, 0), to = hm(17, 20)) {
  let d = addDays(dateOf(L), k);
  let lo = k === 0 && d === dateOf(L) ? Math.max(from, tod(L) + minGap) : from;
  if (lo > to - 5) {
    d = addDays(d, 1);
    lo = from;
  }
  return lm(d) + ri(lo, Math.max(lo, to));
}

// ---------------------------------------------------------------------------
// Residents: a unit is building-floor+room, e.g. 3-1201; one household per unit.

const SURNAMES = '李王张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈'.split('');
const residents = new Map();
const randomUnit = () => `${ri(1, 12)}-${String(ri(1, 18)).padStart(2, '0')}${String(ri(1, 4)).padStart(2, '0')}`;
const randomPhone = () => pick(['138', '139', '135', '136', '137', '150', '151', '158', '159', '186', '187', '188', '189', '177', '133', '180']) + String(ri(0, 99999999)).padStart(8, '0');
function resident(unit) {
  if (!residents.has(unit)) residents.set(unit, { name: `${pick(SURNAMES)}${pick(['先生', '女士'])}`, unit, phone: randomPhone() });
  return { ...residents.get(unit) };
}
const building = (unit) => unit.split('-')[0];
const floorOf = (unit) => String(Number(unit.split('-')[1].slice(0, 2)));

// ---------------------------------------------------------------------------
// Stores: every duty-log item with its local time; complaints, work orders, callbacks.

const dutyItems = []; // { L, seq, item }
let seq = 0;
const entries = new Map(); // id → { item, L }
const complaints = []; // case objects
const workOrders = [];
const callbackItems = []; // { L, seq, item }

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
    id: newId('D', dutyDayOf(L)),
    at: fmt(L),
    by: f.by ?? duty.staff,
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
  entries.set(item.id, { item, L });
  return { item, L };
}

function addUpdate(entry, L, f) {
  if (!entry || L > CUT) return false;
  if (L <= entry.L) L = entry.L + ri(5, 20);
  const duty = onDuty(L);
  return pushDuty(L, { type: 'update', entry: entry.item.id, at: fmt(L), by: f.by ?? duty.staff, status: f.status, note: f.note, links: f.links });
}

function link(entry, id) {
  if (!entry) return;
  entry.item.links = [...(entry.item.links ?? []), id];
}

/** An event list that refuses to go back in time and drops whatever lies after the cut. */
function eventList() {
  const list = [];
  let last = -Infinity;
  const add = (type, L, fields) => {
    if (L < last) throw new Error(`event ${type} at ${fmt(L)} before ${fmt(last)}`);
    last = L;
    if (L > CUT) return false;
    list.push({ type, L, ...fields });
    return true;
  };
  return { list, add };
}

// ---------------------------------------------------------------------------
// Complaints (SPEC §3.5, §5.2).

const DEPARTMENT = {
  noise: '秩序维护部', parking: '秩序维护部', security: '秩序维护部',
  sanitation: '环境部', greening: '环境部',
  elevator: '工程部', service_attitude: '客服中心', fee: '客服中心',
};
const ASSIGNEE = {
  noise: SECURITY_LEAD, parking: SECURITY_LEAD, security: SECURITY_LEAD,
  sanitation: CLEANING_LEAD, greening: CLEANING_LEAD,
  elevator: 'S09', service_attitude: SUPERVISOR, fee: SUPERVISOR,
};
const COMPLAINT_TEXT = {
  noise: [
    ['楼上住户夜间装修噪音扰民', '要求禁止夜间施工', '已通知装修户严格遵守装修时间（8:00-12:00，14:00-18:00），秩序维护员加强巡查'],
    ['楼下商铺音响声音过大', '要求商铺控制音量', '已约谈商铺负责人，音量已调低'],
    ['中心广场夜间广场舞音乐声过大', '要求晚上9点后停止', '已与舞蹈队协商，21:00前结束并降低音量'],
    ['邻居空调外机噪音大', '要求协调处理', '已协调邻居加装减震垫，噪音明显降低'],
    ['凌晨有住户装卸货物噪音', '要求物业管理', '已告知该住户夜间勿装卸，秩序维护员夜间巡查'],
  ],
  parking: [
    ['本人车位被他人车辆占用', '要求尽快挪车', '已联系车主挪车，并张贴提示'],
    ['消防通道长期有车辆乱停', '要求清理消防通道', '已加装隔离桩，秩序维护员定时巡查'],
    ['访客车辆长时间占用业主车位', '要求加强访客车辆管理', '访客车辆改为限时登记，超时通知挪车'],
    ['地下车库车位划线不清导致刮蹭', '要求重新划线', '已安排重新划线'],
  ],
  sanitation: [
    ['垃圾清运不及时，楼下异味大', '要求每天按时清运', '已调整清运时间为每日两次，并对垃圾点冲洗消毒'],
    ['楼道内长期堆放杂物无人清理', '要求清理楼道杂物', '已通知住户自行清理，逾期由保洁统一清运'],
    ['小区草坪宠物粪便无人清理', '要求加强清理并管理宠物', '已增加巡查清理频次，张贴文明养宠提示'],
    ['垃圾分类点垃圾满溢', '要求增加清运次数', '已增加一个垃圾桶并调整清运时间'],
  ],
  security: [
    ['陌生人尾随进入单元楼', '要求加强门禁管理', '已加强门岗登记和单元门巡查'],
    ['电动车在车棚被盗', '要求调取监控并加强巡逻', '已调取监控并协助报警，车棚增加巡逻'],
    ['门岗对外来人员未登记即放行', '要求严格登记', '已对门岗人员进行培训，严格执行来访登记'],
    ['高空抛物砸中楼下车辆', '要求查找抛物住户并防止再发生', '已协助警方调取监控，涉事住户已赔偿，楼内张贴警示'],
  ],
  service_attitude: [
    ['客服人员接电话态度生硬', '要求道歉并改进', '已向住户道歉，对当事员工进行服务培训'],
    ['维修人员未按约定时间上门', '要求按约定时间服务', '已向住户致歉，改为上门前电话确认'],
    ['前台办理业务等待时间过长', '要求增加人手', '高峰时段增加一名客服人员'],
  ],
  fee: [
    ['物业费账单金额有误', '要求核对并更正', '经核对为系统录入错误，已更正账单'],
    ['公摊水电费计算方式不清楚', '要求公示计算方式', '已在公告栏公示公摊计算明细并向住户解释'],
    ['停车月卡费用多收一个月', '要求退还多收费用', '已核实并退还多收费用'],
  ],
  greening: [
    ['绿化带长期未修剪', '要求按时修剪', '已安排修剪'],
    ['楼前树枝遮挡窗户采光', '要求修剪树枝', '已修剪遮挡树枝'],
    ['绿化喷洒农药未提前通知', '要求以后提前公告', '已向住户致歉，今后喷药提前一天张贴通知'],
  ],
  elevator: [
    ['电梯近期频繁故障停运', '要求彻底检修', '已联系电梯维保单位全面检修，更换主板'],
    ['电梯维保期间未张贴通知', '要求维保前提前通知', '已致歉，今后维保提前一天在单元门张贴通知'],
    ['电梯运行时有明显异响', '要求检修', '维保单位已更换导靴，异响消除'],
  ],
};
const COMPLAINT_LOCATION = {
  noise: (u) => `${building(u)}栋`, parking: () => pick(['地下车库B1层', '地下车库B2层', '地面停车场']), security: (u) => `${building(u)}栋单元门`,
  sanitation: (u) => `${building(u)}栋楼下垃圾点`, greening: (u) => `${building(u)}栋楼前绿化带`, elevator: (u) => `${building(u)}栋电梯`,
  service_attitude: () => '客服中心', fee: () => '客服中心',
};

/**
 * A complaint received at L (by whoever is on duty), with its events per SPEC §5.2.
 * o: category, severity, unit, channel, text (index), requested_deadline (days), and scenario flags:
 * late, unresolved, noReply, reopen, reopenAfterCallback, reclassifyTo, invalid, resolveDay, meta.
 */
function makeComplaint(L, o) {
  const by = o.by ?? onDuty(L).staff;
  const unit = o.unit ?? randomUnit();
  const [summary, request, result] = o.text ?? pick(COMPLAINT_TEXT[o.category]);
  const id = newId('TS', dateOf(L));
  const d0 = dateOf(L);
  const requestedDeadline = o.requestedDays !== undefined ? addDays(d0, o.requestedDays) : undefined;
  const rec = {
    id,
    received_at: fmt(L),
    received_by: by,
    channel: o.channel ?? weighted([['phone', 5], ['visit', 3], ['wechat', 2], ['letter', 0.3], ['email', 0.3]]),
    complainant: o.complainant ?? resident(unit),
    category: o.category,
    department: o.department ?? DEPARTMENT[o.category],
    person: o.person,
    location: o.location ?? COMPLAINT_LOCATION[o.category](unit),
    summary,
    request,
    severity: o.severity,
    requested_deadline: requestedDeadline,
    events: [],
  };
  const { list, add } = eventList();
  rec.events = list;
  const kase = { type: 'TS', rec, L, meta: o.meta ?? {}, preCallbacks: [] };
  complaints.push(kase);
  const assignee = o.assignee ?? ASSIGNEE[o.category];
  let t = L;
  let severity = o.severity;

  if (o.invalid) {
    t = workAfter(t, 0, 30);
    add('note', t, { by: SUPERVISOR, text: '经核实，被投诉对象为快递公司派送员，不属于物业服务范围' });
    t = t + ri(5, 20);
    add('invalid', t, { by: SUPERVISOR, reason: '非物业服务范围，已告知住户向快递公司投诉，并提供快递公司客服电话' });
    return kase;
  }

  const escalateToManager = (at) => {
    const esc = Math.min(at, endOfDay(dateOf(at)));
    add('escalated', esc, { by: t === L ? by : SUPERVISOR, to: MANAGER, role: 'manager' });
    return esc;
  };
  if (severity === 'important' || o.reclassifyTo) {
    t = L + ri(5, 40);
    add('escalated', t, { by, to: o.escalateTo ?? SUPERVISOR, role: o.escalateTo === MANAGER ? 'manager' : 'supervisor' });
  }
  if (o.reclassifyTo) {
    t += ri(15, 35);
    add('reclassified', t, { by: SUPERVISOR, severity: o.reclassifyTo, reason: o.reclassifyReason });
    severity = o.reclassifyTo;
    t = escalateToManager(t + ri(5, 15));
  } else if (severity === 'major') {
    t = escalateToManager(L + ri(10, 35));
  }
  const assigner = severity === 'major' ? MANAGER : severity === 'important' ? (o.escalateTo ?? SUPERVISOR) : by;
  t += ri(10, 45);
  add('assigned', t, { by: assigner, department: rec.department, assignee });
  if (severity === 'major' && !o.noReply) {
    t = Math.max(t + 30, workAfter(L, ri(0, 1), 60));
    add('replied', t, { by: MANAGER, note: o.replyNote ?? '经理已与住户面谈，说明调查进展和处理方案，住户表示认可' });
  }
  if (o.note || chance(0.2)) {
    const nt = Math.max(t + 20, workAfter(t, 0, 60));
    const resolveBy = lm(d0) + 1440 * 2;
    if (nt < resolveBy) {
      t = nt;
      add('note', t, { by: SUPERVISOR, text: pick(['已电话联系住户说明处理进度', '已约住户现场查看', '责任部门已到现场核实情况']) });
    }
  }
  if (o.unresolved) return kase;

  let k;
  if (o.resolveDay !== undefined) k = o.resolveDay;
  else if (severity === 'major') k = o.late ? ri(11, 12) : ri(2, 8);
  else if (severity === 'important') k = o.late ? ri(4, 5) : weighted([[0, 3], [1, 4], [2, 2]]);
  else if (requestedDeadline) k = o.late ? daysBetween(d0, requestedDeadline) + ri(1, 2) : daysBetween(d0, requestedDeadline) - ri(0, 1);
  else k = o.late ? ri(3, 4) : weighted([[0, 4], [1, 5]]);
  let resolved = Math.max(t + 30, workAfter(L, k, 90));
  if (!o.late && o.resolveDay === undefined) {
    // stay within the deadline of SPEC §5.2 even when working hours pushed it on
    const limit = severity === 'major' ? 10 : severity === 'important' ? 3 : requestedDeadline ? daysBetween(d0, requestedDeadline) : 2;
    if (resolved > endOfDay(addDays(d0, limit))) resolved = Math.max(t + 30, lm(addDays(d0, limit)) + hm(16, 0));
  }
  t = resolved;
  if (!add('resolved', t, { by: assignee, result })) return kase;

  if (o.reopen) {
    t = workAfter(t, ri(1, 2));
    add('reopened', t, { by: SUPERVISOR, reason: o.reopen });
    t += ri(10, 40);
    add('assigned', t, { by: SUPERVISOR, department: rec.department, assignee });
    t = workAfter(t, 1);
    add('resolved', t, { by: assignee, result: o.result2 ?? result });
  } else if (o.reopenAfterCallback) {
    const cbL = workAfter(t, 1);
    if (cbL > CUT) return kase;
    kase.preCallbacks.push({ L: cbL, outcome: 'completed', satisfaction: 'neutral', by: SUPERVISOR, method: 'phone', quality: 3, effect: 2, shortcomings: o.reopenAfterCallback });
    t = cbL + ri(20, 50);
    add('reopened', t, { by: SUPERVISOR, reason: `回访时住户反映：${o.reopenAfterCallback}` });
    t += ri(10, 30);
    add('assigned', t, { by: SUPERVISOR, department: rec.department, assignee });
    t = workAfter(t, 1);
    add('resolved', t, { by: assignee, result: o.result2 ?? result });
  }
  return kase;
}

// ---------------------------------------------------------------------------
// Work orders (SPEC §3.6).

const REPAIRS = [
  { category: 'leak', item: '卫生间天花板渗水，疑似楼上防水层破损', where: '卫生间', weight: 3, done: '已对楼上卫生间重做局部防水', test: '闭水' },
  { category: 'leak', item: '阳台顶部漏水，下雨时明显', where: '阳台', weight: 2, done: '已对阳台顶板裂缝注浆封堵', test: '淋水' },
  { category: 'leak', item: '厨房下水管接口渗漏', where: '厨房', weight: 2, done: '已更换下水管接口密封圈', test: '通水' },
  { category: 'leak', item: '外墙窗边渗水，墙面发霉', where: '主卧', weight: 2, done: '已对窗框四周重新打胶密封', test: '淋水' },
  { category: 'leak', item: '楼上住户空调冷凝水渗入本户', where: '客厅', weight: 1, done: '已为楼上住户重新敷设冷凝水管并封堵穿墙孔', test: '通水' },
  { category: 'plumbing', item: '厨房水龙头关不紧，持续滴水', where: '厨房', weight: 3, done: '已更换水龙头阀芯' },
  { category: 'plumbing', item: '马桶水箱进水阀损坏，一直流水', where: '卫生间', weight: 3, done: '已更换水箱进水阀' },
  { category: 'plumbing', item: '热水器进水角阀损坏', where: '厨房', weight: 2, done: '已更换角阀' },
  { category: 'drain', item: '卫生间地漏堵塞，排水缓慢', where: '卫生间', weight: 2, done: '已疏通地漏并清理存水弯' },
  { category: 'drain', item: '厨房下水道堵塞', where: '厨房', weight: 2, done: '已用疏通机疏通' },
  { category: 'electrical', item: '户内跳闸，无法合闸', where: '入户配电箱', weight: 3, done: '查明热水器漏电，已更换漏电开关并提醒住户检修热水器' },
  { category: 'electrical', item: '客厅插座无电', where: '客厅', weight: 2, done: '插座线路松脱，已重新接线' },
  { category: 'lighting', item: '感应灯不亮', where: (u) => `${building(u)}栋${floorOf(u)}层楼道`, weight: 3, public: true, done: '已更换感应灯' },
  { category: 'lighting', item: '照明灯损坏', where: () => '地下车库B1层', weight: 1, public: true, done: '已更换LED灯管' },
  { category: 'door', item: '门禁刷卡无反应', where: (u) => `${building(u)}栋单元门`, weight: 2, public: true, done: '已更换门禁读卡器' },
  { category: 'door', item: '入户门锁芯卡滞，开门困难', where: '入户门', weight: 2, done: '已更换锁芯' },
  { category: 'door', item: '闭门器损坏，关门撞击声大', where: (u) => `${building(u)}栋单元门`, weight: 1, public: true, done: '已更换闭门器' },
  { category: 'elevator', item: '按键失灵', where: (u) => `${building(u)}栋电梯`, weight: 1, public: true, done: '电梯维保单位已更换按键板' },
  { category: 'elevator', item: '运行有异响', where: (u) => `${building(u)}栋电梯`, weight: 1, public: true, done: '电梯维保单位已调整导靴，运行正常' },
  { category: 'safety', item: '阳台护栏松动', where: '阳台', weight: 1, urgent: true, done: '已加固护栏膨胀螺栓' },
  { category: 'safety', item: '消防栓箱玻璃破损', where: (u) => `${building(u)}栋${floorOf(u)}层楼道`, weight: 1, public: true, done: '已更换消防栓箱玻璃' },
  { category: 'safety', item: '配电箱门脱落，线路外露', where: (u) => `${building(u)}栋${floorOf(u)}层楼道`, weight: 1, public: true, urgent: true, done: '已安装配电箱门并上锁' },
  { category: 'safety', item: '插座冒火花，有焦糊味', where: '厨房', weight: 1, urgent: true, done: '已断电更换插座，检查线路无老化' },
  { category: 'other', item: '信报箱门损坏', where: (u) => `${building(u)}栋大堂`, weight: 1, done: '已更换信报箱门合页' },
  { category: 'other', item: '晾衣架卡住无法升降', where: '阳台', weight: 1, done: '已更换晾衣架钢丝绳' },
  { category: 'other', item: '窗户把手断裂', where: '次卧', weight: 1, done: '已更换窗户把手' },
];
const repairWhere = (tpl, unit) => (typeof tpl.where === 'function' ? tpl.where(unit) : `${unit} ${tpl.where}`);

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
  const kase = { type: 'WO', rec, L, meta: fields.meta ?? {}, add: ev.add, times: {} };
  workOrders.push(kase);
  return kase;
}

/**
 * A repair order received at L; returns the case with times { completed, final, cancelled, reopened }.
 * o: urgent, slow, cancel, reopen, leakFail, nightHandled, completeDay, meta.
 */
function makeRepair(L, by, tpl, requester, unit, o = {}) {
  const kase = newWorkOrder('repair', L, by, { requester, category: tpl.category, item: tpl.item, location: repairWhere(tpl, unit), meta: o.meta });
  const { add, times } = kase;
  const night = onDuty(L).shift === 'night';
  const urgent = o.urgent ?? tpl.urgent ?? false;
  let t = L + (o.slow ? ri(12, 45) : urgent ? ri(1, 4) : chance(0.06) ? ri(11, 35) : ri(1, 9));
  add('responded', t, { by });
  let assignee;
  let done;
  if (night && (urgent || o.nightHandled)) {
    assignee = by; // the night duty man is a maintenance man: he goes himself
    t += ri(0, 3);
    add('assigned', t, { by, assignee });
    done = t + ri(25, 100);
  } else {
    // waterproofing takes a day or more; most other repairs are done the same day
    const k = o.completeDay ?? (urgent ? 0 : tpl.category === 'leak' ? weighted([[1, 6], [2, 3], [3, 1]]) : weighted([[0, 55], [1, 35], [2, 7], [3, 3]]));
    done = urgent && !night ? t + ri(20, 90) : workAfter(t, k, 45);
    const both = maintPool(dateOf(t)).filter((id) => maintPool(dateOf(done)).includes(id));
    assignee = pick(both.length > 0 ? both : maintPool(dateOf(done)));
    t += ri(0, 6);
    add('assigned', t, { by, assignee });
    if (o.cancel) {
      t = Math.max(t + 15, workAfter(t, 0, 30));
      add('cancelled', t, { by: onDuty(t).staff, reason: o.cancel });
      times.cancelled = t;
      return kase;
    }
    if (daysBetween(dateOf(t), dateOf(done)) >= 2) {
      const seen = workAfter(t, 0, 40);
      if (seen < done) add('note', seen, { by: assignee, text: '已上门查看，需更换配件，待配件到货后维修' });
    }
  }
  t = done;
  add('completed', t, { by: assignee, note: tpl.category === 'leak' ? `${tpl.done}，待${tpl.test}试验` : tpl.done });
  times.completed = t;
  if (o.leakFail) {
    t = workAfter(t, 2);
    add('leak_tested', t, { by: assignee, passed: false, note: `${tpl.test}试验24小时，仍有渗水痕迹` });
    t += ri(10, 30);
    const clerk = onDuty(t).staff;
    add('reopened', t, { by: clerk, reason: '闭水试验未通过，需重新施工' });
    t += ri(2, 8);
    add('assigned', t, { by: clerk, assignee });
    t = workAfter(t, 1);
    add('completed', t, { by: assignee, note: `返工：${tpl.done}（铲除原做法重新施工）` });
    times.reopened = true;
  }
  if (o.reopen) {
    const again = workAfter(t, 1);
    t = again;
    const clerk = onDuty(t).staff;
    add('reopened', t, { by: clerk, reason: o.reopen });
    times.reopened = t;
    t += ri(3, 10);
    const pool = maintPool(dateOf(t));
    const second = pool.includes(assignee) ? assignee : pick(pool);
    add('assigned', t, { by: clerk, assignee: second });
    t = workAfter(t, 0, 60);
    add('completed', t, { by: second, note: '已返修，住户确认正常' });
    assignee = second;
  }
  times.final = t;
  if (tpl.category === 'leak' && !o.noLeakTest) {
    t = workAfter(t, o.leakTestDay ?? ri(1, 3));
    const tester = maintPool(dateOf(t)).includes(assignee) ? assignee : pick(maintPool(dateOf(t)));
    const hours = Math.floor((t - times.final) / 60);
    add('leak_tested', t, { by: tester, passed: true, note: tpl.test === '闭水' ? `闭水试验${hours >= 48 ? 48 : 24}小时，楼下无渗水` : `${tpl.test}试验2小时，无渗漏` });
    times.leakTested = t;
  }
  return kase;
}

/** A simple service order: responded, assigned, completed. */
function makeService(kind, L, by, fields, o = {}) {
  const kase = newWorkOrder(kind, L, by, fields);
  const { add, times } = kase;
  let t = L + (o.respond ?? ri(1, 6));
  add('responded', t, { by });
  t += ri(0, 4);
  add('assigned', t, { by, assignee: o.assignee });
  t = o.completeAt ?? t + ri(o.min ?? 15, o.max ?? 90);
  if (add('completed', t, { by: o.assignee, note: o.note })) {
    times.completed = t;
    times.final = t;
  }
  return kase;
}

// ---------------------------------------------------------------------------
// What happens on a duty day: one function per kind of duty-log entry.

const CHANNEL_PHONEISH = [['phone', 5], ['visit', 2], ['wechat', 2], ['intercom', 1]];

function doRepair(L, o = {}) {
  const duty = onDuty(L);
  const tpl = o.tpl ?? (o.category ? pick(REPAIRS.filter((r) => r.category === o.category)) : weighted(REPAIRS.map((r) => [r, r.weight])));
  const unit = o.unit ?? randomUnit();
  const from = resident(unit);
  const urgent = o.urgent ?? tpl.urgent ?? false;
  const night = duty.shift === 'night';
  const deferred = night && !urgent && !o.nightHandled;
  const emergency = o.emergency ?? false;
  const entry = addEntry(L, {
    channel: o.channel ?? weighted(CHANNEL_PHONEISH),
    kind: emergency ? 'emergency' : 'repair',
    from,
    content: o.content ?? (tpl.public ? `反映${repairWhere(tpl, unit)}${tpl.item}` : `报修：${unit} ${tpl.item}`),
    action: deferred ? '已登记并安抚住户，次日早班转工程部派单' : urgent ? '已通知维修人员立即到场处理' : '已派单至工程部',
    referred_to: '工程部',
    status: 'open',
    important: emergency || urgent,
    notified: emergency ? [SUPERVISOR, 'S09'] : undefined,
  });
  if (!entry) return null;
  let kase;
  let createdL = L;
  if (deferred) {
    const next = addDays(dutyDayOf(L), 1);
    createdL = lm(next, '08:30') + ri(6, 40);
    if (createdL > CUT) return null;
    kase = makeRepair(createdL, dayOf[next], tpl, from, unit, o);
    addUpdate(entry, createdL + 1, { links: [kase.rec.id], note: '夜间报修已转维修工单' });
  } else {
    kase = makeRepair(L, duty.staff, tpl, from, unit, o);
    link(entry, kase.rec.id);
  }
  closeEntryWith(entry, kase, createdL);
  if (kase.times.reopened && typeof kase.times.reopened === 'number') {
    const again = addEntry(kase.times.reopened, {
      channel: 'phone', kind: 'repair', from, content: `${unit}住户来电反映${kase.rec.id}维修后问题仍未解决`,
      action: '已重新派单，通知原维修人员返修', referred_to: '工程部', status: 'open', links: [kase.rec.id],
    });
    if (again && kase.times.final <= CUT) addUpdate(again, kase.times.final + ri(5, 30), { status: 'done', note: '返修完毕，住户确认' });
  }
  return kase;
}

function closeEntryWith(entry, kase, createdL) {
  const { times } = kase;
  if (times.cancelled) {
    addUpdate(entry, times.cancelled + ri(2, 10), { status: 'done', note: '工单已取消' });
  } else if (times.completed !== undefined && times.completed <= CUT && times.completed - createdL <= 1440 * 2) {
    addUpdate(entry, times.completed + ri(5, 30), { status: 'done', note: pick(['维修完毕，住户已确认', '已处理完毕', '维修人员回报已完工']) });
  } else {
    addUpdate(entry, workAfter(createdL, 1), { status: 'done', note: `已转工单${kase.rec.id}跟进，本条关闭` });
  }
}

function doComplaint(L, o = {}) {
  const duty = onDuty(L);
  const category = o.category ?? weighted([['noise', 5], ['parking', 4], ['sanitation', 4], ['security', 2], ['service_attitude', 2], ['fee', 2], ['greening', 2], ['elevator', 2]]);
  const severity = o.severity ?? weighted([['minor', 60], ['important', 40]]); // major complaints are the stories below
  const unit = o.unit ?? randomUnit();
  const text = o.text ?? pick(COMPLAINT_TEXT[category]);
  const requestedDays = o.requestedDays ?? (severity === 'minor' && chance(0.25) ? ri(1, 4) : undefined);
  const channel = o.channel ?? weighted([['phone', 5], ['visit', 3], ['wechat', 2]]);
  const entry = addEntry(L, {
    channel: channel === 'letter' || channel === 'email' ? 'letter' : channel,
    kind: 'complaint',
    from: resident(unit),
    content: `投诉：${text[0]}，${text[1]}`,
    action: severity === 'minor' ? '已登记投诉，转责任部门处理' : severity === 'important' ? '已登记投诉并报客服主管' : '已登记投诉并立即报管理处经理',
    referred_to: DEPARTMENT[category],
    status: 'open',
    important: severity === 'major',
    notified: severity === 'major' ? [MANAGER, SUPERVISOR] : undefined,
  });
  if (!entry) return null;
  const kase = makeComplaint(L, { ...o, category, severity, unit, text, requestedDays, channel, by: duty.staff });
  link(entry, kase.rec.id);
  const shiftEnd = lm(dutyDayOf(L)) + dayEnd(dutyDayOf(L)) - 15;
  const closeL = duty.shift === 'night' ? lm(addDays(dutyDayOf(L), 1), '08:30') + ri(5, 40) : Math.max(L + 5, Math.min(L + ri(20, 150), shiftEnd));
  addUpdate(entry, closeL, { status: 'done', note: '已按投诉流程登记上报，后续以投诉单跟进' });
  return kase;
}

const CONSULTS = [
  ['咨询物业费缴纳方式', '已告知可通过微信公众号、前台刷卡或银行代扣缴纳'],
  ['咨询装修申请手续', '已告知需携带身份证、房产证及装修方案到客服中心办理，押金及装修时间要求一并告知'],
  ['咨询停车月卡办理', '已告知办理流程及收费标准'],
  ['咨询快递柜位置及使用', '已告知快递柜在各栋大堂及南门岗'],
  ['咨询门禁卡补办', '已告知需本人携带身份证到前台补办，工本费20元'],
  ['咨询宠物登记及文明养犬规定', '已告知登记流程并提供文明养犬须知'],
  ['咨询房屋出租备案', '已告知需提供租赁合同及租客身份证复印件到前台登记'],
  ['咨询小区电动车充电桩位置', '已告知充电桩在各栋架空层及地下车库B1层'],
  ['咨询有线电视和宽带报装', '已提供运营商联系电话'],
  ['咨询垃圾分类投放时间', '已告知每日7:00-9:00、18:00-20:00定时投放'],
  ['咨询大件垃圾清运', '已告知需预约，每周六统一清运'],
  ['咨询二次供水水箱清洗时间', '已告知每半年清洗一次，下次清洗前提前通知'],
];
function doConsult(L) {
  const [content, action] = pick(CONSULTS);
  const unit = randomUnit();
  return addEntry(L, { channel: weighted([['phone', 6], ['visit', 3], ['wechat', 3]]), kind: 'consult', from: resident(unit), content, action, status: 'done' });
}

function doVisitor(L) {
  const unit = randomUnit();
  const host = resident(unit);
  const guest = `${pick(SURNAMES)}${pick(['先生', '女士'])}`;
  const what = pick([
    [`访客${guest}拜访${unit}${host.name}`, '已电话与住户确认，登记后放行'],
    [`装修工人进场，${unit}装修`, '已核对装修许可证及出入证，登记放行'],
    [`搬家公司为${unit}搬家`, '已核实住户身份，通知秩序维护员协助电梯保护'],
    [`家政人员到${unit}服务`, '已与住户确认并登记'],
    [`外卖员要求进入${building(unit)}栋送餐`, '已联系住户到大堂领取'],
  ]);
  return addEntry(L, { channel: 'visit', kind: 'other', from: { unit }, content: what[0], action: what[1], status: 'done' });
}

function doPatrol(L) {
  const duty = onDuty(L);
  const found = chance(0.15);
  const b = ri(1, 12);
  const entry = addEntry(L, {
    channel: 'patrol',
    kind: 'other',
    content: found
      ? pick([`夜间巡查：${b}栋消防通道堆放纸箱`, `夜间巡查：${b}栋单元门未关闭，门禁闭门器失灵`, `夜间巡查：地下车库B2层一处照明不亮`])
      : `${duty.shift === 'night' ? '夜间' : ''}巡查：各楼栋单元门、地下车库、消防通道、水泵房正常`,
    action: found ? '已拍照记录，次日通知责任部门处理' : undefined,
    status: found ? 'open' : 'done',
  });
  if (found && entry) addUpdate(entry, workAfter(L, 1, 20, hm(9, 0), hm(11, 30)), { status: 'done', note: '已通知责任部门处理完毕' });
  return entry;
}

function doSuggestion(L) {
  const unit = randomUnit();
  const [content, action] = pick([
    ['建议在中心花园增加儿童游乐设施', '已记录，转客服主管汇总上报'],
    ['建议周末延长客服中心办公时间', '已记录，转客服主管研究'],
    ['建议在地下车库增加电动车充电桩', '已记录并转工程部评估'],
    ['建议在各栋大堂增设雨伞架', '已记录，转客服主管'],
    ['建议加强宠物管理宣传', '已记录，将在公告栏张贴文明养宠倡议'],
  ]);
  return addEntry(L, { channel: weighted([['visit', 2], ['wechat', 2], ['letter', 1]]), kind: 'suggestion', from: resident(unit), content, action, referred_to: '客服主管', status: 'done' });
}

function doNotice(L) {
  const d = addDays(dateOf(L), ri(2, 5));
  const day = `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  const [content, action] = pick([
    [`接供水公司通知：${day}9:00-15:00小区停水检修`, '已在各单元门张贴停水通知并在业主群发布'],
    [`接供电局通知：${day}8:00-12:00计划停电`, '已张贴停电通知并在业主群发布，提醒住户关闭电器'],
    [`${day}进行二次供水水箱清洗`, '已发布通知，提醒住户提前储水'],
    [`${day}对小区绿化进行病虫害防治喷药`, '已张贴通知，提醒住户当天关好门窗、看管好儿童和宠物'],
  ]);
  return addEntry(L, { channel: 'other', kind: 'notice', content, action, status: 'done' });
}

function doIncident(L) {
  const b = ri(1, 12);
  const [content, action, note] = pick([
    [`${b}栋楼下两住户因车辆剐蹭发生争执`, '秩序维护员到场劝解，协助双方交换信息', '双方已协商解决'],
    [`${b}栋有住户反映高空抛物（塑料瓶）`, '秩序维护员到场查看并拍照，张贴警示', '已走访相关楼层住户并宣传，暂无人员受伤'],
    ['南门有推销人员强行进入小区', '秩序维护员劝离', '推销人员已离开'],
    [`${b}栋烟感报警`, '值班人员立即到场核查，系住户厨房油烟引起误报', '已复位报警主机，系统正常'],
    ['小区中心花园有儿童走失', '秩序维护员协助寻找，调取监控', '半小时后在会所找到儿童，已交给家长'],
  ]);
  const entry = addEntry(L, { channel: weighted([['phone', 3], ['patrol', 2], ['intercom', 1]]), kind: 'incident', content, action, status: 'open', important: true, notified: [SUPERVISOR, SECURITY_LEAD] });
  if (entry) addUpdate(entry, L + ri(25, 110), { status: 'done', note });
  return entry;
}

const HELPS = [
  { category: 'unlock', content: '住户忘带钥匙被锁在门外，请求协助开锁', action: '已核实住户身份，联系开锁', who: 'maint', note: '已核实身份并协助开锁' },
  { category: 'moving', content: '老人购买米面较重，请求帮忙搬运上楼', action: '已安排人员协助', who: 'lobby', note: '已协助搬运上楼' },
  { category: 'parcel', content: '住户出差，请求代收贵重快递', action: '已登记代收', who: 'lobby', note: '快递已代收并交住户签收' },
  { category: 'pet', content: '住户宠物猫走失，请求协助寻找', action: '已通知秩序维护员巡查时留意', who: 'lobby', note: '在地下车库找到，已交还住户' },
  { category: 'tool', content: '住户借用梯子更换灯泡', action: '已借出人字梯并登记', who: 'lobby', note: '梯子已归还' },
];
function doHelp(L, o = {}) {
  const duty = onDuty(L);
  const h = o.help ?? pick(HELPS);
  const unit = o.unit ?? randomUnit();
  const from = resident(unit);
  const asOrder = o.order ?? chance(0.6);
  const entry = addEntry(L, { channel: weighted([['phone', 3], ['visit', 2], ['intercom', 1]]), kind: 'help', from, content: h.content, action: h.action, status: 'open' });
  if (!entry) return null;
  const helper = duty.shift === 'night' ? duty.staff : h.who === 'maint' ? pick(maintPool(dateOf(L))) : LOBBY;
  if (!asOrder) {
    addUpdate(entry, L + ri(20, 80), { status: 'done', note: h.note });
    return null;
  }
  const kase = makeService('help', L, duty.staff, { requester: from, category: h.category, item: h.content, location: unit, meta: o.meta }, { assignee: helper, note: h.note, min: 15, max: 70 });
  link(entry, kase.rec.id);
  if (kase.times.final !== undefined) addUpdate(entry, kase.times.final + ri(3, 15), { status: 'done', note: h.note });
  return kase;
}

const OTHER_ORDERS = [
  { category: 'certificate', item: '申请开具居住证明（办理子女入学）', note: '证明已开具并交住户' },
  { category: 'key_custody', item: '住户出国，委托物业保管备用钥匙', note: '钥匙已封存登记保管' },
  { category: 'lost_found', item: '住户在会所遗失钱包，请求协助查找', note: '已调监控找回并交还住户' },
  { category: 'access_card', item: '新租户申请开通门禁卡权限', note: '门禁权限已开通' },
];
function doOtherOrder(L) {
  const duty = onDuty(L);
  const o = pick(OTHER_ORDERS);
  const unit = randomUnit();
  const from = resident(unit);
  const entry = addEntry(L, { channel: 'visit', kind: 'other', from, content: o.item, action: '已受理，开具服务单', status: 'open' });
  if (!entry) return null;
  const slow = o.category === 'certificate';
  const completeAt = slow ? workAfter(L, ri(0, 1), 60) : undefined;
  const kase = makeService('other', L, duty.staff, { requester: from, category: o.category, item: o.item, location: '客服中心' }, { assignee: slow ? SUPERVISOR : duty.staff, note: o.note, completeAt, min: 10, max: 60 });
  link(entry, kase.rec.id);
  if (kase.times.final !== undefined) addUpdate(entry, kase.times.final + ri(3, 20), { status: 'done', note: o.note });
  return kase;
}

function doFirstAid(L, o) {
  const duty = onDuty(L);
  const unit = o.unit;
  const from = resident(unit);
  const entry = addEntry(L, { channel: 'phone', kind: 'emergency', from, content: o.content, action: o.action, status: 'open', important: true, notified: [SUPERVISOR, SECURITY_LEAD] });
  const helper = duty.shift === 'night' ? duty.staff : LOBBY;
  const kase = makeService('first_aid', L, duty.staff, { requester: from, category: o.category, item: o.content, location: o.location, meta: o.meta }, { assignee: helper, respond: ri(1, 3), note: o.note, min: 30, max: 75 });
  link(entry, kase.rec.id);
  if (kase.times.final !== undefined) addUpdate(entry, kase.times.final + ri(3, 15), { status: 'done', note: o.note });
  return kase;
}

// ---------------------------------------------------------------------------
// The stories: cases placed on fixed days so the example shows every rule —
// repeats, late and reopened cases, leak tests, and what is open on 2026-11-25.

const stories = new Map(); // date → [{ time, run }]
function story(date, time, run) {
  if (!stories.has(date)) stories.set(date, []);
  stories.get(date).push({ L: lm(date, time), run });
}
const tplOf = (category, index = 0) => REPAIRS.filter((r) => r.category === category)[index];

// Repeated repairs, same unit + category 3 times in a quarter (seed 002 篇2 §4.6).
story('2026-09-03', '09:40', (L) => doRepair(L, { unit: '11-1803', tpl: tplOf('drain', 0) }));
story('2026-09-12', '10:15', (L) => doRepair(L, { unit: '11-1803', tpl: tplOf('drain', 1) }));
story('2026-09-26', '14:20', (L) => doRepair(L, { unit: '11-1803', tpl: tplOf('drain', 0), meta: { callback: { satisfaction: 'neutral', shortcomings: '同一问题一个月内报修三次，希望彻底解决', suggestions: '建议检查整条排水立管' } } }));
story('2026-10-06', '09:10', (L) => doRepair(L, { unit: '7-0502', tpl: tplOf('leak', 0) }));
story('2026-10-27', '11:00', (L) => doRepair(L, { unit: '7-0502', tpl: tplOf('leak', 1) }));
story('2026-11-14', '08:50', (L) => doRepair(L, { unit: '7-0502', tpl: tplOf('leak', 0) }));
story('2026-10-11', '15:30', (L) => doRepair(L, { unit: '3-1201', tpl: tplOf('electrical', 0) }));
story('2026-10-30', '10:20', (L) => doRepair(L, { unit: '3-1201', tpl: tplOf('electrical', 1) }));
// …the third one is completed 2026-11-20 and nobody has called back: overdue.
story('2026-11-19', '09:30', (L) => doRepair(L, { unit: '3-1201', tpl: tplOf('electrical', 0), completeDay: 1, meta: { skipCallback: true } }));

// A leak repair whose first test fails, a reopened door repair, cancelled orders.
story('2026-10-20', '10:40', (L) => doRepair(L, { unit: '9-1502', tpl: tplOf('leak', 0), completeDay: 1, leakFail: true }));
story('2026-09-15', '09:20', (L) => doRepair(L, { unit: '4-0801', tpl: tplOf('door', 1), completeDay: 0, reopen: '住户反映更换锁芯后钥匙仍插拔困难' }));
story('2026-11-02', '14:10', (L) => doRepair(L, { unit: '10-0603', tpl: tplOf('plumbing', 1), completeDay: 0, reopen: '住户反映水箱仍有漏水声' }));
story('2026-09-09', '10:05', (L) => doRepair(L, { tpl: tplOf('plumbing', 0), cancel: '住户来电表示已自行更换水龙头' }));
story('2026-10-16', '11:25', (L) => doRepair(L, { tpl: tplOf('lighting', 0), unit: '6-0904', cancel: '重复报修，同一问题已由邻居报修处理' }));
story('2026-11-05', '15:40', (L) => doRepair(L, { tpl: tplOf('other', 1), cancel: '住户改约，表示自行联系厂家维修' }));

// Emergencies at night.
story('2026-09-18', '20:40', (L) => {
  const unit = '5-1401';
  return doRepair(L, {
    unit, emergency: true, urgent: true, content: '5栋2号电梯困人，轿厢停在12-13层之间，梯内2人',
    tpl: { category: 'elevator', item: '电梯困人：轿厢停在12-13层之间', where: () => '5栋2号电梯', public: true, urgent: true, done: '已手动盘车救出被困人员，电梯停用待维保单位检修' },
  });
});
story('2026-09-19', '09:05', (L) => doComplaint(L, {
  unit: '5-1401', category: 'elevator', severity: 'major', channel: 'visit', late: false,
  text: ['昨晚电梯困人近40分钟，救援不及时', '要求查明原因、书面答复并彻底检修电梯', '维保单位已更换门机控制板，管理处书面答复并加强夜间应急演练'],
}));
story('2026-10-24', '02:15', (L) => doRepair(L, {
  unit: '2-0101', emergency: true, urgent: true,
  tpl: { category: 'plumbing', item: '消防水管爆裂，大量积水', where: () => '地下车库B2层', public: true, urgent: true, done: '已关闭分区阀门并更换爆裂管段，积水已抽排' },
}));

// First aid, help and other orders with fixed stories.
story('2026-09-13', '16:10', (L) => doFirstAid(L, { unit: '2-0302', category: 'injury', content: '2栋楼下一位老人摔倒，膝盖擦伤', action: '值班员携急救箱赶到现场处置并联系家属', location: '2栋楼下', note: '已消毒包扎，家属到场接回' }));
story('2026-10-05', '10:35', (L) => doFirstAid(L, { unit: '9-0201', category: 'injury', content: '儿童在游乐区滑梯摔伤手臂', action: '携急救箱到场，冰敷处理并通知家长', location: '中心花园游乐区', note: '家长已带孩子就医，游乐设施已检查无损坏' }));
story('2026-10-29', '19:50', (L) => doFirstAid(L, { unit: '12-1102', category: 'illness', content: '12栋一位老人在大堂突发头晕', action: '值班人员到场，协助拨打120', location: '12栋大堂', note: '120已将老人送医，家属陪同' }));
story('2026-11-16', '09:55', (L) => doFirstAid(L, { unit: '4-0503', category: 'injury', content: '住户在地下车库被台阶绊倒，手掌擦伤', action: '携急救箱到场处置', location: '地下车库B1层', note: '已消毒包扎，台阶已加贴警示条' }));
story('2026-11-20', '11:15', (L) => doFirstAid(L, { unit: '8-1201', category: 'illness', content: '8栋一位孕妇在电梯内感到不适', action: '到场协助并联系家属', location: '8栋电梯厅', note: '家属已到场陪同就医' }));
story('2026-10-07', '15:15', (L) => doHelp(L, { help: HELPS[4], order: true, meta: { callback: { outcome: 'refused' } } }));
story('2026-11-14', '10:30', (L) => doHelp(L, { help: HELPS[1], order: true, meta: { plan: { day: 1 }, skipCallback: true } }));
story('2026-11-20', '15:30', (L) => doHelp(L, { help: HELPS[0], order: true, meta: { plan: { day: 1 }, skipCallback: true } }));

// Repeated complaints: same unit + category twice in a quarter.
story('2026-09-05', '10:20', (L) => doComplaint(L, { unit: '8-0303', category: 'sanitation', severity: 'minor' }));
story('2026-09-19', '14:30', (L) => doComplaint(L, { unit: '8-0303', category: 'sanitation', severity: 'important', text: COMPLAINT_TEXT.sanitation[0] }));
story('2026-10-08', '09:45', (L) => doComplaint(L, { unit: '5-0602', category: 'noise', severity: 'minor', text: COMPLAINT_TEXT.noise[0] }));
story('2026-11-03', '21:20', (L) => doComplaint(L, { unit: '5-0602', category: 'noise', severity: 'important', text: COMPLAINT_TEXT.noise[4] }));
story('2026-10-15', '08:55', (L) => doComplaint(L, { unit: '2-1101', category: 'parking', severity: 'minor', text: COMPLAINT_TEXT.parking[0] }));
story('2026-10-29', '18:40', (L) => doComplaint(L, { unit: '2-1101', category: 'parking', severity: 'minor', text: COMPLAINT_TEXT.parking[2] }));
story('2026-11-12', '09:15', (L) => doComplaint(L, { unit: '2-1101', category: 'parking', severity: 'important', text: COMPLAINT_TEXT.parking[0] }));

// Late, reopened, reclassified and invalid complaints.
story('2026-09-08', '10:30', (L) => doComplaint(L, {
  unit: '1-0102', category: 'parking', severity: 'major', late: true, channel: 'visit',
  text: ['暴雨后地下车库积水，车辆被淹', '要求物业赔偿损失并整改排水系统', '已与保险公司协商理赔，地库排水泵已扩容并加装水位报警'],
  replyNote: '经理与住户面谈，说明排水系统整改方案及理赔程序',
}));
story('2026-09-14', '11:20', (L) => doComplaint(L, { category: 'greening', severity: 'minor', late: true }));
story('2026-10-09', '14:00', (L) => doComplaint(L, { category: 'elevator', severity: 'important', late: true, text: COMPLAINT_TEXT.elevator[0] }));
story('2026-09-23', '15:10', (L) => doComplaint(L, { unit: '6-1202', category: 'noise', severity: 'important', text: COMPLAINT_TEXT.noise[3], reopen: '住户来电反映加装减震垫后夜间噪音依旧', result2: '已协调邻居更换空调外机支架，噪音已消除' }));
story('2026-11-02', '09:35', (L) => doComplaint(L, { unit: '10-1504', category: 'sanitation', severity: 'minor', text: COMPLAINT_TEXT.sanitation[3], reopenAfterCallback: '垃圾点仍然满溢，异味没有改善', result2: '已增设两个垃圾桶，清运改为每日三次' }));
story('2026-10-13', '08:40', (L) => doComplaint(L, {
  unit: '3-0201', category: 'greening', severity: 'important', reclassifyTo: 'major', reclassifyReason: '大树倒伏压坏车辆并险些伤人，涉及人身安全',
  text: ['楼前大树被风吹倒，压坏停放车辆', '要求赔偿并排查小区树木安全隐患', '已清理倒伏树木，协助理赔，对全小区树木进行安全排查加固'],
}));
story('2026-10-22', '16:25', (L) => doComplaint(L, { unit: '7-1601', category: 'security', severity: 'major', text: COMPLAINT_TEXT.security[3], location: '7栋楼下地面停车位' }));
story('2026-11-06', '19:40', (L) => doComplaint(L, {
  unit: '3-0504', category: 'security', severity: 'major', location: '地下车库B1层',
  text: ['地下车库燃气管道有泄漏气味，夜班处置迟缓', '要求彻查隐患并追究责任', '燃气公司已修复泄漏点，管理处对夜班人员进行燃气泄漏应急处置培训并演练'],
}));
story('2026-10-26', '10:50', (L) => doComplaint(L, { category: 'service_attitude', severity: 'minor', invalid: true, text: ['快递员派送态度恶劣，将快递随意丢在大堂', '要求处理快递员', '—'] }));
story('2026-10-17', '10:10', (L) => doComplaint(L, { unit: '11-0704', category: 'fee', severity: 'minor', text: COMPLAINT_TEXT.fee[1], meta: { callback: { satisfaction: 'dissatisfied', shortcomings: '对公摊费用的解释不满意，认为电梯用电分摊不合理', followUp: { category: 'fee', summary: '回访不满意：对公摊水电费分摊方式仍有异议', request: '要求管理处经理当面解释并提供电表读数', result: '经理当面解释分摊依据并提供近三个月电表读数，住户表示理解' } } } }));

// Dissatisfied repair callbacks → escalated to a new complaint (seed 002 篇2 §4.5).
story('2026-09-10', '10:25', (L) => doRepair(L, { unit: '12-0802', tpl: tplOf('door', 1), completeDay: 0, meta: { callback: { satisfaction: 'dissatisfied', shortcomings: '维修工迟到一小时且未清理现场', followUp: { category: 'service_attitude', department: '工程部', assignee: 'S09', summary: '回访不满意：维修人员迟到且未清理现场', request: '要求道歉并加强维修人员管理', result: '工程部主管上门致歉，对维修人员进行批评教育并纳入考核' } } } }));
story('2026-11-10', '09:20', (L) => doRepair(L, { unit: '1-1503', tpl: tplOf('leak', 3), completeDay: 0, leakTestDay: 1, meta: { callback: { satisfaction: 'very_dissatisfied', shortcomings: '窗边打胶后仍渗水，墙面已发霉', followUp: { category: 'service_attitude', department: '工程部', assignee: 'S09', summary: '回访非常不满意：窗边渗水维修后仍渗水', request: '要求彻底维修并赔偿墙面损失', result: '已重新打胶并做淋水试验，墙面由物业负责修复' } } } }));

// Open obligations as of 2026-11-25T09:00 (SPEC §5.3, §6.1).
story('2026-11-17', '10:20', (L) => doComplaint(L, { category: 'noise', severity: 'minor', resolveDay: 1, meta: { skipCallback: true } }));
story('2026-11-19', '09:50', (L) => doComplaint(L, { category: 'sanitation', severity: 'important', resolveDay: 2, meta: { skipCallback: true } }));
story('2026-11-21', '14:10', (L) => doComplaint(L, { category: 'parking', severity: 'important', resolveDay: 2, meta: { skipCallback: true } }));
story('2026-11-22', '11:00', (L) => doComplaint(L, { category: 'greening', severity: 'minor', resolveDay: 2, requestedDays: 3, meta: { skipCallback: true } }));
story('2026-11-18', '16:40', (L) => doComplaint(L, { unit: '9-0704', category: 'security', severity: 'important', unresolved: true, text: COMPLAINT_TEXT.security[1] }));
story('2026-11-20', '20:30', (L) => doComplaint(L, { unit: '4-1102', category: 'noise', severity: 'minor', requestedDays: 2, unresolved: true, text: COMPLAINT_TEXT.noise[2] }));
story('2026-11-21', '10:05', (L) => doComplaint(L, {
  unit: '6-0101', category: 'security', severity: 'major', noReply: true, unresolved: true, channel: 'visit', location: '6栋外墙',
  text: ['外墙瓷砖脱落，险些砸中楼下行人', '要求立即排查外墙并书面答复', '—'],
}));
story('2026-11-19', '14:40', (L) => doRepair(L, { tpl: tplOf('plumbing', 2), completeDay: 1, meta: { skipCallback: true } }));
story('2026-11-20', '10:10', (L) => doRepair(L, { tpl: tplOf('safety', 0), completeDay: 1, urgent: false, meta: { skipCallback: true } }));
story('2026-11-22', '09:40', (L) => doRepair(L, { tpl: tplOf('leak', 1), completeDay: 1, noLeakTest: true }));
story('2026-11-23', '09:25', (L) => doRepair(L, { tpl: tplOf('door', 0), completeDay: 0, meta: { skipCallback: true } }));
story('2026-11-21', '09:30', (L) => doComplaint(L, { category: 'sanitation', severity: 'minor', resolveDay: 1, text: COMPLAINT_TEXT.sanitation[1], meta: { skipCallback: true } }));

// Activities (社区活动) and special services (有偿特约服务) — orders from visits.
const ACTIVITIES = [
  { received: ['2026-09-10', '10:30'], held: ['2026-09-25', '21:00'], item: '中秋游园会：场地布置、灯谜及安全保障', from: { name: '业委会刘主任', phone: '13602150088' }, callback: true },
  { received: ['2026-09-22', '15:00'], held: ['2026-10-03', '17:00'], item: '国庆亲子手工活动：会所场地及物料准备', from: { name: '业委会刘主任', phone: '13602150088' } },
  { received: ['2026-10-08', '10:00'], held: ['2026-10-18', '12:00'], item: '重阳节敬老活动：为70岁以上老人送长寿面', from: { name: '社区居委会陈主任', phone: '13602150123' }, callback: true },
  { received: ['2026-10-26', '14:30'], held: ['2026-11-09', '16:00'], item: '119消防宣传日消防演练及灭火器使用培训', from: { name: '业委会刘主任', phone: '13602150088' } },
  { received: ['2026-11-02', '10:45'], held: ['2026-11-21', '17:00'], item: '业主篮球友谊赛：球场维护、饮水及急救保障', from: { name: '业主篮球队赵先生', unit: '3-0902', phone: '13802150345' }, plan: true },
  { received: ['2026-11-16', '11:10'], held: ['2026-11-28', '16:00'], item: '冬季用电安全讲座：会所场地、宣传海报', from: { name: '社区居委会陈主任', phone: '13602150123' } },
];
for (const a of ACTIVITIES) {
  story(a.received[0], a.received[1], (L) => {
    const duty = onDuty(L);
    const entry = addEntry(L, { channel: 'visit', kind: 'other', from: a.from, content: `活动配合申请：${a.item}`, action: '已受理，报客服主管安排', referred_to: '客服主管', status: 'done' });
    const kase = makeService('activity', L, duty.staff, { requester: a.from, category: 'community_event', item: a.item, location: '会所及中心广场', meta: { plan: a.plan ? { day: 2 } : undefined, callback: a.callback ? {} : undefined, skipCallback: a.plan ? true : undefined } }, { assignee: SUPERVISOR, completeAt: lm(...a.held), note: '活动已顺利举办' });
    link(entry, kase.rec.id);
    return kase;
  });
}
const SPECIAL = [
  { received: ['2026-09-03', '14:20'], unit: '6-1602', contract: ['2026-09-05', '2026-10-04'], item: '家政保洁包月服务（每周两次）', category: 'housekeeping', who: CLEANING_LEAD, checkpoints: ['midterm', 'end'] },
  { received: ['2026-09-11', '10:05'], unit: '10-0201', contract: ['2026-09-12', '2026-09-12'], item: '空调清洗（3台挂机）', category: 'aircon_cleaning', who: 'S13', checkpoints: ['end'] },
  { received: ['2026-09-18', '16:00'], unit: '1-1801', contract: ['2026-09-20', '2026-10-19'], item: '车辆清洗包月服务', category: 'car_wash', who: CLEANING_LEAD, checkpoints: ['end'] },
  { received: ['2026-09-28', '09:40'], unit: '2-0301', contract: ['2026-10-01', '2026-10-31'], item: '独居老人代购及每日探视服务', category: 'elderly_care', who: LOBBY, checkpoints: ['midterm', 'end'] },
  { received: ['2026-09-29', '11:30'], unit: '8-1502', contract: ['2026-10-02', '2026-10-06'], item: '国庆出游期间宠物上门喂养', category: 'pet_care', who: LOBBY, checkpoints: [] },
  { received: ['2026-10-12', '15:20'], unit: '12-1801', contract: ['2026-10-15', '2026-12-14'], item: '阳台绿植养护（两个月）', category: 'plant_care', who: CLEANING_LEAD, checkpoints: ['midterm'] },
  { received: ['2026-10-28', '10:15'], unit: '6-1602', contract: ['2026-11-01', '2026-11-30'], item: '家政保洁包月服务（每周两次，续约）', category: 'housekeeping', who: CLEANING_LEAD, checkpoints: ['midterm'], plan: 'midterm' },
  { received: ['2026-11-16', '14:45'], unit: '9-1203', contract: ['2026-11-18', '2026-11-18'], item: '油烟机深度清洗', category: 'appliance_cleaning', who: 'S11', checkpoints: ['end'] },
];
for (const s of SPECIAL) {
  story(s.received[0], s.received[1], (L) => {
    const duty = onDuty(L);
    const from = resident(s.unit);
    const entry = addEntry(L, { channel: weighted([['visit', 2], ['phone', 1]]), kind: 'consult', from, content: `预约有偿服务：${s.item}`, action: '已介绍收费标准，签订服务协议并开单', status: 'done' });
    const [start, end] = s.contract;
    const kase = newWorkOrder('special_service', L, duty.staff, { requester: from, category: s.category, item: s.item, location: s.unit, paid: true, contract: { start, end }, meta: { checkpoints: s.checkpoints, plan: s.plan } });
    let t = L + ri(2, 8);
    kase.add('responded', t, { by: duty.staff });
    t += ri(2, 20);
    kase.add('assigned', t, { by: duty.staff, assignee: s.who });
    const done = lm(end) + hm(16, 0) + ri(0, 60);
    if (kase.add('completed', done, { by: s.who, note: '服务期满，已按协议完成' })) {
      kase.times.completed = done;
      kase.times.final = done;
    }
    link(entry, kase.rec.id);
    return kase;
  });
}

// The last morning: a few entries before 08:45, nothing after.
story(PARTIAL_DAY, '08:33', (L) => doConsult(L));
story(PARTIAL_DAY, '08:38', (L) => doRepair(L, { tpl: tplOf('drain', 1) }));
story(PARTIAL_DAY, '08:44', (L) => doVisitor(L));

// ---------------------------------------------------------------------------
// The duty days: stories plus a busy-morning mix of everyday entries.

const DAY_KINDS = [
  ['consult', 22], ['repair', 28], ['complaint', 5], ['help', 6], ['visitor', 10],
  ['suggestion', 2], ['notice', 2], ['incident', 1.2], ['other', 2.5],
];
const NIGHT_KINDS = [['repair', 35], ['help', 12], ['incident', 8], ['visitor', 15], ['consult', 15], ['complaint', 6]];
const RUN = {
  consult: doConsult, repair: (L) => doRepair(L), complaint: (L) => doComplaint(L), help: (L) => doHelp(L), visitor: doVisitor,
  suggestion: doSuggestion, notice: doNotice, incident: doIncident, other: doOtherOrder,
};

function randomEntryTime(d, slot = weighted([['morning', 52], ['afternoon', 30], ['evening', 13], ['late', 5]])) {
  const base = lm(d);
  switch (slot) {
    case 'morning': return base + ri(hm(8, 32), hm(11, 55));
    case 'afternoon': return base + ri(hm(13, 0), hm(17, 5));
    case 'evening': return base + ri(hm(18, 15), hm(22, 45));
    default: return base + 1440 + ri(hm(0, 5), hm(7, 40));
  }
}

// corrections: a few entries get their unit, phone or content fixed later
const CORRECTION_DAYS = new Set(['2026-09-07', '2026-09-24', '2026-10-12', '2026-10-23', '2026-11-04', '2026-11-11', '2026-11-18', '2026-11-23']);

for (const d of dayRange(FIRST_DAY, PARTIAL_DAY)) {
  const scripted = (stories.get(d) ?? []).map((s) => ({ L: s.L, run: s.run }));
  const todays = [...scripted];
  if (d !== PARTIAL_DAY) {
    todays.push({ L: lm(d) + 1440 + ri(hm(1, 30), hm(3, 0)), run: doPatrol });
    const busy = isRestDay(d) ? 1 : 0;
    const n = Math.min(12 - todays.length, ri(3, 8) + busy);
    for (let i = 0; i < n; i++) {
      const L = randomEntryTime(d, i < 2 ? 'morning' : undefined); // mornings are busiest
      const night = onDuty(L).shift === 'night';
      const kind = weighted(night ? NIGHT_KINDS : DAY_KINDS);
      todays.push({ L, run: RUN[kind] });
    }
  }
  todays.sort((a, b) => a.L - b.L);
  const before = dutyItems.length;
  for (const p of todays) p.run(p.L);
  if (CORRECTION_DAYS.has(d)) {
    const made = dutyItems.slice(before).filter((x) => x.item.type === 'entry' && x.item.from?.unit && x.item.from?.phone && onDuty(x.L).shift === 'day');
    const target = made[0];
    if (target) {
      const entry = entries.get(target.item.id);
      const fixL = target.L + ri(10, 60);
      const which = pick(['unit', 'phone', 'content']);
      const original = target.item.from;
      if (which === 'content') {
        pushDuty(fixL, { type: 'correction', entry: entry.item.id, at: fmt(fixL), by: onDuty(fixL).staff, reason: '内容记录不完整，补充说明', set: { content: `${target.item.content}（住户要求上门前先电话联系）` } });
      } else {
        // the person record is correct in the linked case; the entry's first writing had a slip
        const wrong = which === 'unit' ? { ...original, unit: `${building(original.unit)}-${original.unit.split('-')[1].slice(0, 2)}${String((Number(original.unit.slice(-2)) % 4) + 1).padStart(2, '0')}` } : { ...original, phone: `${original.phone.slice(0, 7)}${String((Number(original.phone.slice(7)) + 1111) % 10000).padStart(4, '0')}` };
        target.item.from = wrong;
        pushDuty(fixL, { type: 'correction', entry: entry.item.id, at: fmt(fixL), by: onDuty(fixL).staff, reason: which === 'unit' ? '房号记错，已与住户核实' : '联系电话记错，已回拨核实', set: { from: original } });
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Callbacks (SPEC §3.7, §5.3): obligations met mostly on time, some no-answer
// retries, a refusal, dissatisfied results escalated to new complaints, plans
// and supervisor reviews.

function pushCallback(L, item) {
  callbackItems.push({ L, seq: seq++, item });
  return item;
}
function callback(L, subject, f) {
  return pushCallback(L, {
    type: 'callback',
    id: newId('HF', dateOf(L)),
    subject,
    checkpoint: f.checkpoint,
    at: fmt(L),
    by: f.by,
    method: f.method ?? 'phone',
    outcome: f.outcome ?? 'completed',
    satisfaction: f.outcome && f.outcome !== 'completed' ? undefined : f.satisfaction,
    quality: f.outcome && f.outcome !== 'completed' ? undefined : f.quality,
    effect: f.outcome && f.outcome !== 'completed' ? undefined : f.effect,
    shortcomings: f.shortcomings,
    suggestions: f.suggestions,
    resident_confirmed: f.outcome && f.outcome !== 'completed' ? undefined : f.resident_confirmed ?? true,
    escalated_to: f.escalated_to,
  });
}
const randomSatisfaction = () => {
  const s = weighted([['very_satisfied', 36], ['satisfied', 56], ['neutral', 8]]);
  const q = s === 'very_satisfied' ? 5 : s === 'satisfied' ? ri(4, 5) : 3;
  const extra = s === 'neutral' ? { shortcomings: pick(['处理时间偏长', '上门前未电话预约', '维修后未清理现场']), suggestions: pick(['希望提前告知上门时间', '希望加快处理速度']) } : {};
  return { satisfaction: s, quality: q, effect: s === 'neutral' ? 3 : q, ...extra };
};

/** The instant a subject's callback counts from (SPEC §5.3), or undefined. */
function countsFrom(kase) {
  const events = kase.rec.events;
  if (kase.type === 'TS') {
    if (events.some((e) => e.type === 'invalid')) return undefined;
    const i = events.findLastIndex((e) => e.type === 'resolved' || e.type === 'reopened');
    return i >= 0 && events[i].type === 'resolved' ? events[i].L : undefined;
  }
  const i = events.findLastIndex((e) => e.type === 'completed' || e.type === 'reopened' || e.type === 'cancelled');
  if (i < 0 || events[i].type !== 'completed') return undefined;
  if (kase.rec.kind === 'repair' && kase.rec.category === 'leak') {
    const test = events.slice(i + 1).findLast((e) => e.type === 'leak_tested');
    return test?.L;
  }
  return events[i].L;
}

/** A callback instant on day date(c)+k in working hours, at least 30 minutes after c. */
const callbackTime = (c, k) => workAfter(c, k, 30, hm(9, 30), hm(17, 0));

const planned = []; // { L, item }
function makeFollowUpComplaint(cb, kase, f) {
  const L = cb.L + ri(5, 15);
  const isComplaint = kase.type === 'TS';
  const person = isComplaint ? kase.rec.complainant : kase.rec.requester;
  // a repair complaint names the man who did the work
  const worker = isComplaint ? undefined : kase.rec.events.findLast((e) => e.type === 'completed')?.by;
  const follow = makeComplaint(L, {
    by: cb.by, category: f.category, severity: 'important', channel: 'phone', complainant: person, unit: person.unit,
    location: kase.rec.location, text: [f.summary, f.request, f.result], department: f.department,
    person: worker ? `维修工${NAME[worker]}` : undefined, assignee: f.assignee ?? (f.category === 'fee' ? MANAGER : SUPERVISOR),
    escalateTo: MANAGER, // an unsatisfied callback goes to the manager (seed 002 篇2 §4.5)
  });
  follow.rec.events.unshift({ type: 'note', L, by: cb.by, text: `由回访${cb.id}转入（原${isComplaint ? '投诉' : '工单'}${kase.rec.id}）` });
  follow.meta.followUp = true;
  return follow;
}

const cases = () => [...complaints, ...workOrders].sort((a, b) => a.L - b.L || (a.rec.id < b.rec.id ? -1 : 1));
let index = 0;
const queue = cases();
let retried = 0;
while (index < queue.length) {
  const kase = queue[index++];
  const { rec, meta } = kase;
  const isComplaint = kase.type === 'TS';
  const kind = isComplaint ? 'complaint' : rec.kind;

  // callbacks made inside the case's own story (before a reopen)
  for (const pre of kase.preCallbacks ?? []) {
    const item = callback(pre.L, rec.id, { ...pre });
    reviewLater(pre.L, item, '回访一般，住户反映问题未解决，已重新派单处理');
  }

  if (kind === 'special_service') {
    for (const checkpoint of meta.checkpoints ?? []) {
      const { start, end } = rec.contract;
      const date = checkpoint === 'midterm' ? addDays(start, Math.floor(daysBetween(start, end) / 2)) : end;
      const from = lm(date);
      if (meta.plan === checkpoint) {
        const pL = workAfter(from - 1440 * 2, 0, 0);
        planned.push({ L: pL, item: { type: 'plan', subject: rec.id, checkpoint, assignee: dayOf[date], at: fmt(pL), by: SUPERVISOR } });
      }
      const cL = callbackTime(checkpoint === 'end' ? Math.max(from + hm(17, 30), kase.times.final ?? from) : from, ri(0, 3));
      if (cL > CUT) continue;
      callback(cL, rec.id, { checkpoint, by: dayOf[dateOf(cL)], method: checkpoint === 'end' ? 'visit' : 'phone', ...randomSatisfaction() });
    }
    continue;
  }

  const c = countsFrom(kase);
  if (c === undefined || c > CUT) continue;
  const full = kind === 'complaint' || kind === 'repair';
  const within = kind === 'complaint' ? 3 : kind === 'repair' ? 2 : 7;
  let planItem;
  let planL;
  if (meta.plan) {
    planL = workAfter(c, meta.plan.day ?? 1, 0);
    const assignee = CLERKS.filter((id) => !onLeave(id, dateOf(planL)))[ri(0, 4)];
    planItem = { type: 'plan', subject: rec.id, assignee, at: fmt(planL), by: SUPERVISOR };
    planned.push({ L: planL, item: planItem });
  }
  if (meta.skipCallback) continue;
  if (!full && !planItem && !meta.callback) {
    const rate = { help: 0.4, first_aid: 0.6, activity: 0.3, other: 0.2 }[kind] ?? 0;
    if (!chance(rate)) continue;
  }
  if (!full && !meta.callback && !planItem && chance(0.4)) {
    planL = workAfter(c, 0, 20);
    if (planL <= CUT) {
      planItem = { type: 'plan', subject: rec.id, assignee: dayOf[dateOf(planL)], at: fmt(planL), by: SUPERVISOR };
      planned.push({ L: planL, item: planItem });
    }
  }

  const scripted = meta.callback ?? {};
  const late = !full || dateOf(c) >= '2026-11-01' ? false : chance(0.03);
  let k = late ? within + ri(1, 2) : weighted(within === 2 ? [[0, 3], [1, 5], [2, 1]] : within === 3 ? [[0, 2], [1, 5], [2, 3]] : [[0, 2], [1, 3], [2, 2], [3, 2], [5, 1]]);
  let L;
  if (planItem) {
    // the planned clerk calls back on a day she has the day shift
    const base = Math.max(c, planL);
    const onShift = [0, 1, 2, 3, 4, 5].map((j) => addDays(dateOf(base), j)).find((d) => dayOf[d] === planItem.assignee);
    L = onShift ? callbackTime(Math.max(base, lm(onShift)), 0) : callbackTime(base, ri(0, 2));
  } else {
    L = callbackTime(c, k);
    if (!late && L > endOfDay(addDays(dateOf(c), within))) L = callbackTime(c, 0);
  }
  if (L > CUT) continue;
  const major = isComplaint && rec.severity === 'major';
  const byFor = (at) => (major ? MANAGER : isComplaint && isWorkday(dateOf(at)) ? SUPERVISOR : dayOf[dateOf(at)]);
  const method = major ? 'visit' : scripted.outcome === 'refused' ? 'phone' : weighted([['phone', 8], ['visit', 1.5], ['onsite', 0.7]]);

  if (scripted.outcome === 'refused') {
    callback(L, rec.id, { by: byFor(L), method, outcome: 'refused', shortcomings: '住户表示事情已解决，不愿接受回访' });
    continue;
  }
  // no answer first, a retry a few hours later or the next morning (only when it stays before the cut)
  if (!scripted.satisfaction && chance(0.08)) {
    const retry = tod(L) < hm(14, 0) ? L + ri(120, 200) : workAfter(L, 1, 0, hm(9, 30), hm(11, 0));
    if (retry <= CUT && retry <= endOfDay(addDays(dateOf(c), within))) {
      callback(L, rec.id, { by: byFor(L), method: 'phone', outcome: 'no_answer' });
      L = retry;
      retried++;
    }
  }
  const sat = scripted.satisfaction ? { satisfaction: scripted.satisfaction, quality: 2, effect: scripted.satisfaction === 'neutral' ? 3 : 1, shortcomings: scripted.shortcomings, suggestions: scripted.suggestions } : meta.followUp ? { satisfaction: 'satisfied', quality: 4, effect: 4 } : randomSatisfaction();
  const by = byFor(L);
  if (sat.satisfaction === 'dissatisfied' || sat.satisfaction === 'very_dissatisfied') {
    const cbItem = { L, id: undefined, by };
    const item = callback(L, rec.id, { by, method, ...sat });
    cbItem.id = item.id;
    const follow = makeFollowUpComplaint(cbItem, kase, scripted.followUp);
    item.escalated_to = follow.rec.id;
    queue.push(follow);
    reviewLater(L, item, `回访不满意，已转投诉${follow.rec.id}，报管理处经理处理`);
  } else {
    const item = callback(L, rec.id, { by, method, ...sat });
    if (sat.satisfaction === 'neutral') reviewLater(L, item, '回访结果一般，已提醒责任部门改进');
  }
}

function reviewLater(L, item, comment) {
  let d = dateOf(L);
  if (!isWorkday(d) || tod(L) > hm(16, 0)) d = nextWorkday(d);
  const rL = lm(d) + ri(hm(10, 0), hm(11, 30));
  const at = Math.max(rL, L + 30);
  if (at > CUT) return;
  pushCallback(at, { type: 'review', callback: item.id, at: fmt(at), by: SUPERVISOR, comment });
}

// weekly review: every Monday the supervisor checks two of last week's completed callbacks
for (const d of dayRange(FIRST_DAY, LAST_FULL_DAY)) {
  if (isoWeekday(d) !== 1 || !isWorkday(d)) continue;
  const week = callbackItems.filter((x) => x.item.type === 'callback' && x.item.outcome === 'completed' && x.L >= lm(addDays(d, -7)) && x.L < lm(d));
  const reviewed = new Set(callbackItems.filter((x) => x.item.type === 'review').map((x) => x.item.callback));
  const todo = week.filter((x) => !reviewed.has(x.item.id));
  for (let i = 0; i < 2 && todo.length > 0; i++) {
    const x = todo.splice(ri(0, todo.length - 1), 1)[0];
    const L = lm(d) + hm(10, 0) + i * 7;
    pushCallback(L, { type: 'review', callback: x.item.id, at: fmt(L), by: SUPERVISOR, comment: pick(['抽查回访记录，内容属实', '已抽查，记录完整', '已电话复核，住户反映属实']) });
  }
}
for (const p of planned) if (p.L <= CUT) pushCallback(p.L, p.item);

// ---------------------------------------------------------------------------
// Handovers (SPEC §5.4) and the supervisor's daily review with its digest.

const doneAt = new Map(); // entry id → first instant it was marked done
for (const x of dutyItems) {
  if (x.item.type === 'entry' && x.item.status === 'done') doneAt.set(x.item.id, x.L);
}
for (const x of [...dutyItems].sort((a, b) => a.L - b.L)) {
  if (x.item.type === 'update' && x.item.status === 'done' && !doneAt.has(x.item.entry)) doneAt.set(x.item.entry, x.L);
}
function openEntriesAt(H) {
  return [...entries.values()].filter((e) => e.L <= H && !(doneAt.has(e.item.id) && doneAt.get(e.item.id) <= H)).sort((a, b) => a.L - b.L);
}
const SHORTFALLS = [
  ['公共区域钥匙', 1, '7栋设备房钥匙由工程部借用，已登记'],
  ['对讲机', 1, '一台对讲机电池故障，已送修'],
  ['手电筒', 1, '一支手电筒借给秩序维护员夜间巡逻，已登记'],
  ['备用门禁卡', 1, '一张借给装修工人临时使用，已登记押金'],
];
function handover(H, shift, from, to) {
  const open = openEntriesAt(H);
  const short = chance(0.06) ? pick(SHORTFALLS) : undefined;
  const checklist = CHECKLIST.map((c) => ({ item: c.item, expected: c.count, counted: short && short[0] === c.item ? c.count - short[1] : c.count, note: short && short[0] === c.item ? short[2] : undefined }));
  const important = open.filter((e) => e.item.important);
  const out = H + ri(3, 5);
  return {
    type: 'handover',
    at: fmt(H),
    shift,
    from,
    to,
    checklist,
    carried_over: open.length > 0 ? open.map((e) => e.item.id) : undefined,
    anomalies: open.length > 0 ? `遗留${open.length}项未办结事项，已当面交代` : pick(['无', '无', '无', '设备设施运行正常']),
    override: important.length > 0 ? { by: SUPERVISOR, reason: '重要事项已电话请示客服主管，由接班人员继续跟进' } : undefined,
    signed: { outgoing: fmt(out), incoming: fmt(out + ri(0, 1)) },
  };
}
for (const d of dayRange(FIRST_DAY, LAST_FULL_DAY)) {
  const H1 = lm(d) + dayEnd(d) - ri(2, 5);
  pushDuty(H1, handover(H1, 'day', dayOf[d], nightOf[d]));
  const next = addDays(d, 1);
  const H2 = lm(next) + ri(hm(8, 16), hm(8, 22));
  pushDuty(H2, handover(H2, 'night', nightOf[d], dayOf[next]));
}

// Group the duty log by duty day, in time order.
const byDay = new Map();
for (const x of [...dutyItems].sort((a, b) => a.L - b.L || a.seq - b.seq)) {
  const d = dutyDayOf(x.L);
  if (!byDay.has(d)) byDay.set(d, []);
  byDay.get(d).push(clean(x.item));
}
// Reviews: the next working morning, in order (a Monday morning signs Friday to Sunday).
{
  const reviewSlots = new Map();
  for (const d of dayRange(FIRST_DAY, LAST_FULL_DAY)) {
    const on = nextWorkday(d);
    const n = reviewSlots.get(on) ?? 0;
    reviewSlots.set(on, n + 1);
    const L = d === LAST_FULL_DAY ? LAST_REVIEW : lm(on) + hm(8, 40) + n * 6 + ri(0, 4);
    const items = byDay.get(d);
    const hasOpenImportant = items.some((i) => i.type === 'handover' && i.override);
    items.push({
      type: 'review',
      at: fmt(L),
      by: SUPERVISOR,
      comment: hasOpenImportant ? '已阅，重要遗留事项请继续跟进' : pick(['已阅', '已阅，记录完整', '已阅，交接清楚', '已阅，注意及时回访', '已阅，遗留事项请跟进']),
      digest: reviewDigest(items),
    });
  }
}

// ---------------------------------------------------------------------------
// Writing the desk.

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: node scripts/make-example-desk.mjs DIR\n');
  process.exit(2);
}
const root = resolve(target);
if (existsSync(root)) {
  if (!statSync(root).isDirectory()) {
    process.stderr.write(`${root} is not a folder\n`);
    process.exit(2);
  }
  const names = readdirSync(root);
  if (names.length > 0 && !names.includes('kefu.yaml')) {
    process.stderr.write(`refusing to empty ${root}: it is not empty and holds no kefu.yaml\n`);
    process.exit(2);
  }
  for (const name of names) rmSync(join(root, name), { recursive: true, force: true });
}
mkdirSync(root, { recursive: true });

const written = [];
function write(path, text) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  written.push(path);
}
const YAML_OPTIONS = { version: '1.2', schema: 'core', merge: false, uniqueKeys: true, resolveKnownTags: false, strict: true };
/** Writes a record file and proves that it reads back as exactly the data written. */
function writeRecord(path, kind, data, comment) {
  const value = clean(data);
  const modeline = schemaModeline(path, kind);
  const text = serializeRecordFile(value, comment ? `${modeline}\n${comment}` : modeline);
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error(`${path}: ${[...doc.errors, ...doc.warnings][0].message}`);
  if (canonicalJson(doc.toJS()) !== canonicalJson(value)) throw new Error(`${path} does not read back as written`);
  write(path, text);
}

const toEvents = (events) => events.map(({ type, L, ...rest }) => ({ type, at: fmt(L), ...rest }));

writeRecord('kefu.yaml', 'config', CONFIG, `# ${PROPERTY}客服中心 — example desk written by scripts/make-example-desk.mjs (SPEC §3.1).\n# 分班值班：白班由值班管理员（clerk）担任，夜班由维修人员（maintenance）担任（规程 001 值班制度）。`);
writeRecord('staff.yaml', 'staff', { staff: STAFF });
for (const r of rosters) writeRecord(rosterPath(r), 'roster', r);
for (const [d, log] of [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1))) writeRecord(dutyDayPath(d), 'duty-day', { date: d, log });
for (const c of complaints) writeRecord(complaintPath(c.rec.id), 'complaint', { ...c.rec, events: toEvents(c.rec.events) });
for (const w of workOrders) writeRecord(workOrderPath(w.rec.id), 'work-order', { ...w.rec, events: toEvents(w.rec.events) });
{
  const months = new Map();
  for (const x of [...callbackItems].sort((a, b) => a.L - b.L || a.seq - b.seq)) {
    const m = dateOf(x.L).slice(0, 7);
    if (!months.has(m)) months.set(m, []);
    months.get(m).push(x.item);
  }
  for (const [m, items] of months) writeRecord(callbackMonthPath(m), 'callback-month', { month: m, callbacks: items });
}
for (const [name, text] of buildJsonSchemas()) write(`schemas/${name}`, text);
write('.gitattributes', GITATTRIBUTES);
write('.gitignore', GITIGNORE);
write('README.md', `# ${PROPERTY} 客服中心台账（示例）

An example kefu desk: the customer-service center (客服中心) of ${PROPERTY}, a
residential property, from 2026-09-01 to the morning of 2026-11-25. It is written
by \`scripts/make-example-desk.mjs\` (seeded, so every run gives the same bytes) —
do not edit it by hand; change the script and run \`npm run example\`.

- split shifts: a day shift 08:30–17:30 (18:00 in summer) for clerks, a night shift
  for maintenance staff; National Day 2026 holidays and make-up workdays in kefu.yaml
- ${STAFF.length} staff, approved rosters for 2026-09 … 2026-11 (one approved swap)
- a duty-log file for every duty day, with handovers and the supervisor's review
- ${complaints.length} complaints, ${workOrders.length} work orders, three months of callbacks

Try it "as of" 2026-11-25 09:00, when some callbacks and complaint deadlines are overdue:

\`\`\`sh
kefu validate -C examples/desk --as-of 2026-11-25T09:00:00+08:00
\`\`\`

Residents' names and phone numbers are made up.
`);

process.stderr.write(`wrote ${written.length} files to ${root}: ${byDay.size} duty days, ${entries.size} entries, ${complaints.length} complaints, ${workOrders.length} work orders, ${callbackItems.length} callback items (${retried} retried after no answer)\n`);
