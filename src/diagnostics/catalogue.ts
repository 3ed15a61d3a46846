// The one catalogue of diagnostic codes: each code's severity, message and
// hint in zh-CN and en. Say what happened, why it matters, and what to do; never a
// position inside the text (the renderer prints file:line:col). Codes are stable:
// tools and golden tests depend on them — add new ones, never rename.

export type Lang = 'zh-CN' | 'en';
export type Severity = 'error' | 'warning';
interface Text { message: string; hint: string }
interface Entry { severity: Severity; en: Text; 'zh-CN': Text }

export const CATALOGUE = {
  // ── the file itself ───────────────────────────────────────────────
  FILE_ENCODING: {
    severity: 'error',
    en: { message: 'The file is not valid UTF-8 text', hint: 'Record files are UTF-8 text. Re-save the file as UTF-8, or restore it with `git checkout -- FILE`.' },
    'zh-CN': { message: '文件不是有效的 UTF-8 文本', hint: '记录文件须为 UTF-8 文本。请以 UTF-8 重新保存，或用 `git checkout -- 文件` 恢复。' },
  },
  FILE_EMPTY: {
    severity: 'error',
    en: { message: 'The file is empty', hint: 'A record file holds one YAML mapping. Restore it from git (`git checkout -- FILE`) or delete it if it was created by mistake.' },
    'zh-CN': { message: '文件为空', hint: '记录文件应包含一个 YAML 映射。请从 git 恢复（`git checkout -- 文件`），误建的文件可删除。' },
  },
  FILE_UNEXPECTED: {
    severity: 'error',
    en: { message: 'kefu does not know this file name in a record folder (expected {expected})', hint: 'Record files are named by their date, month or id. Rename the file, or move it out of the record folders.' },
    'zh-CN': { message: '记录目录中的文件名无法识别（应为 {expected}）', hint: '记录文件以日期、月份或编号命名。请改名，或移出记录目录。' },
  },
  FILE_NAME_MISMATCH: {
    severity: 'error',
    en: { message: '`{field}` is {actual} but the file name says {expected}', hint: 'The file name and its content must agree. Fix whichever is wrong; kefu finds records by their file name.' },
    'zh-CN': { message: '`{field}` 为 {actual}，但文件名表明应为 {expected}', hint: '文件名与内容必须一致。请改正错误的一方；kefu 按文件名查找记录。' },
  },
  FILE_WRONG_FOLDER: {
    severity: 'error',
    en: { message: 'This file is in {folder} but its `{field}` {value} belongs in {expected}', hint: 'Move the file to {expected} (`git mv`); kefu finds records by their folder and name.' },
    'zh-CN': { message: '文件位于 {folder}，但其 `{field}` {value} 应归入 {expected}', hint: '请把文件移到 {expected}（`git mv`）；kefu 按目录和文件名查找记录。' },
  },
  CONFLICT_MARKER: {
    severity: 'error',
    en: { message: 'A git conflict marker ({marker}) is left in the file', hint: 'A merge stopped here. Keep every record of both sides, remove the marker lines, then `kefu validate` and commit. `git diff` shows both sides.' },
    'zh-CN': { message: '文件中残留 git 冲突标记（{marker}）', hint: '此处合并未完成。保留双方的全部记录，删除标记行，再运行 `kefu validate` 并提交。`git diff` 可查看双方内容。' },
  },
  TORN_TAIL: {
    severity: 'error',
    en: { message: 'The last item is cut off (the file does not end with a newline): a write was interrupted', hint: 'Compare with the committed version (`git diff`), complete or remove the broken tail by hand, then validate. kefu appends nothing to this file until then.' },
    'zh-CN': { message: '最后一项不完整（文件未以换行结尾）：写入曾被中断', hint: '与已提交版本比对（`git diff`），手工补全或删除残缺的末尾，再运行校验。在此之前 kefu 不会向该文件追加任何内容。' },
  },
  FILE_SYMLINK: {
    severity: 'error',
    en: { message: 'This is a symbolic link (to {target}): kefu never follows a link, so nothing here was read', hint: 'Records are ordinary files inside the desk, so that git keeps them and nothing outside is read. Put the file itself here (copy it in, then `git add` it) and remove the link.' },
    'zh-CN': { message: '这是一个符号链接（指向 {target}）：kefu 从不跟随链接，此处内容未被读取', hint: '记录须是台账目录内的普通文件，由 git 保存，台账外的内容一概不读。请把文件本身放到这里（复制进来后 `git add`），并删除该链接。' },
  },
  // ── YAML ──────────────────────────────────────────────────────────
  YAML_SYNTAX: {
    severity: 'error',
    en: { message: 'YAML syntax error: {detail}', hint: 'Check indentation (spaces, not tabs), colons and quotes on this line and the one above.' },
    'zh-CN': { message: 'YAML 语法错误：{detail}', hint: '请检查本行及上一行的缩进（用空格，不用 Tab）、冒号和引号。' },
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error',
    en: { message: 'The key `{key}` appears twice in the same mapping', hint: 'YAML readers disagree on which value wins. Keep one of them.' },
    'zh-CN': { message: '同一映射中键 `{key}` 出现了两次', hint: '不同的 YAML 解析器对取哪个值不一致。请只保留一个。' },
  },
  YAML_ALIAS: {
    severity: 'error',
    en: { message: 'YAML aliases (`*{name}`) are not allowed in record files', hint: 'Write the value out in full. Aliases hide content from readers and can expand without bound.' },
    'zh-CN': { message: '记录文件中不允许使用 YAML 别名（`*{name}`）', hint: '请把值完整写出。别名会对读者隐藏内容，且可能无限膨胀。' },
  },
  YAML_TAG: {
    severity: 'error',
    en: { message: 'YAML tags (`{tag}`) are not allowed in record files', hint: 'Remove the tag and write a plain value; quote it if it must stay a string.' },
    'zh-CN': { message: '记录文件中不允许使用 YAML 标签（`{tag}`）', hint: '请删除标签，写普通的值；如需保持为字符串请加引号。' },
  },
  YAML_MERGE_KEY: {
    severity: 'error',
    en: { message: 'YAML merge keys (`<<`) are not allowed in record files', hint: 'Write every field of the item out in full.' },
    'zh-CN': { message: '记录文件中不允许使用 YAML 合并键（`<<`）', hint: '请把该项的每个字段完整写出。' },
  },
  YAML_MULTIPLE_DOCUMENTS: {
    severity: 'error',
    en: { message: 'The file holds more than one YAML document (`---`)', hint: 'A record file is one document. Move the extra document to its own file, or remove the `---` line.' },
    'zh-CN': { message: '文件包含多个 YAML 文档（`---`）', hint: '一个记录文件只能有一个文档。请把多余的文档移到单独的文件，或删除 `---` 行。' },
  },
  // ── schema ────────────────────────────────────────────────────────
  SCHEMA_REQUIRED: {
    severity: 'error',
    en: { message: 'Required field missing: `{key}`', hint: 'Add `{key}:` to this item. If the item was cut off by an interrupted write, compare with `git diff`.' },
    'zh-CN': { message: '缺少必填字段：`{key}`', hint: '请为该项添加 `{key}:`。若该项因写入中断而残缺，请用 `git diff` 比对。' },
  },
  SCHEMA_EMPTY: {
    severity: 'error',
    en: { message: '`{key}` is empty', hint: 'Give it a value, or remove the field if it is optional.' },
    'zh-CN': { message: '`{key}` 为空', hint: '请填写内容；可选字段也可整行删除。' },
  },
  SCHEMA_UNKNOWN_KEY: {
    severity: 'error',
    en: { message: 'Unknown field `{key}`{suggestion}', hint: 'Check the spelling against the schema. Free-form data goes under `notes:` or an `x-` key.' },
    'zh-CN': { message: '未知字段 `{key}`{suggestion}', hint: '请对照格式检查拼写。自由内容请放在 `notes:` 或以 `x-` 开头的键下。' },
  },
  SCHEMA_TYPE: {
    severity: 'error',
    en: { message: 'Expected {expected}, found {actual}', hint: 'Write {expected} here{advice}.' },
    'zh-CN': { message: '应为{expected}，实际为{actual}', hint: '此处应填写{expected}{advice}。' },
  },
  SCHEMA_ENUM: {
    severity: 'error',
    en: { message: '`{actual}` is not one of: {values}', hint: 'Use one of the listed values, exactly as written (they are English keys).' },
    'zh-CN': { message: '`{actual}` 不是可选值之一：{values}', hint: '请使用所列值之一，按原样书写（均为英文键）。' },
  },
  SCHEMA_FORMAT: {
    severity: 'error',
    en: { message: '`{actual}` is not a valid {format}', hint: 'Expected {example}.' },
    'zh-CN': { message: '`{actual}` 不是有效的{format}', hint: '应形如 {example}。' },
  },
  SCHEMA_RANGE: {
    severity: 'error',
    en: { message: '{actual} is out of range ({range})', hint: 'Use a value within the range.' },
    'zh-CN': { message: '{actual} 超出范围（{range}）', hint: '请使用范围内的值。' },
  },
  SCHEMA_INVALID: {
    severity: 'error',
    en: { message: 'Invalid value: {detail}', hint: 'Check this value against the schema in schemas/.' },
    'zh-CN': { message: '值无效：{detail}', hint: '请对照 schemas/ 中的格式检查该值。' },
  },
  NOTIFIED_REQUIRED: {
    severity: 'error',
    en: { message: 'An entry of kind `{kind}` must name who was notified', hint: 'Incidents and emergencies are reported at once (duty SOP, guideline 2): add `notified: [S01]`.' },
    'zh-CN': { message: '“{kind}”类记录必须注明已通知的人', hint: '重大事件和紧急情况须立即上报（规程 000 编制指南 2）：请添加 `notified: [S01]`。' },
  },
  HANDOVER_SHORTFALL: {
    severity: 'error',
    en: { message: 'Handover checklist: {item} counted {counted} of {expected} without a note', hint: 'A shortfall must be explained (duty SOP §4.2): add `note:` to this checklist line.' },
    'zh-CN': { message: '交接清单：{item} 清点 {counted}/{expected}，缺少说明', hint: '物品短缺须说明（规程 000 §4.2）：请为该行添加 `note:`。' },
  },
  CONTRACT_REQUIRED: {
    severity: 'error',
    en: { message: 'A special service needs its `contract` (start and end)', hint: 'Callbacks for special services fall due at the contract midpoint and end (SPEC §5.3): add `contract: { start: …, end: … }`.' },
    'zh-CN': { message: '特约服务须填写 `contract`（起止日期）', hint: '特约服务的回访在合同中期和期满时到期（SPEC §5.3）：请添加 `contract: { start: …, end: … }`。' },
  },
  CONTRACT_ORDER: {
    severity: 'error',
    en: { message: 'The contract ends before it starts', hint: 'Swap or correct the dates.' },
    'zh-CN': { message: '合同结束日期早于开始日期', hint: '请调换或改正日期。' },
  },
  TIMEZONE_INVALID: {
    severity: 'error',
    en: { message: '`{actual}` is not a known IANA timezone', hint: 'Use a name like Asia/Shanghai.' },
    'zh-CN': { message: '`{actual}` 不是已知的 IANA 时区', hint: '请使用如 Asia/Shanghai 的名称。' },
  },
  // ── across records ────────────────────────────────────────────────
  ID_DUPLICATE: {
    severity: 'error',
    en: { message: 'The id {id} is already used at {other}', hint: 'Ids must be unique across the desk. If this copy is not committed yet, give it a new id; if both are committed, show it to the supervisor (records are never rewritten).' },
    'zh-CN': { message: '编号 {id} 已在 {other} 使用', hint: '编号在整个台账中必须唯一。若此条尚未提交，请换新编号；若两条都已提交，请交主管处理（记录不得改写）。' },
  },
  REF_DANGLING: {
    severity: 'error',
    en: { message: 'No {kind} has the id {id}', hint: 'Check the id (kefu accepts a unique prefix on the command line, files need the full id).' },
    'zh-CN': { message: '没有编号为 {id} 的{kind}', hint: '请检查编号（命令行可用唯一前缀，文件中须写完整编号）。' },
  },
  STAFF_UNKNOWN: {
    severity: 'error',
    en: { message: 'Unknown staff id {id}', hint: 'Add the person with `kefu staff add`, or correct the id (see `kefu staff list`).' },
    'zh-CN': { message: '未知的员工编号 {id}', hint: '请用 `kefu staff add` 添加此人，或改正编号（见 `kefu staff list`）。' },
  },
  SHIFT_UNKNOWN: {
    severity: 'error',
    en: { message: 'Unknown shift `{id}` (kefu.yaml defines: {values})', hint: 'Use a shift id from `shifts:` in kefu.yaml.' },
    'zh-CN': { message: '未知班次 `{id}`（kefu.yaml 中定义的有：{values}）', hint: '请使用 kefu.yaml 中 `shifts:` 定义的班次编号。' },
  },
  DUTY_OUT_OF_WINDOW: {
    severity: 'error',
    en: { message: 'Timed {at}, this item belongs to duty day {belongs}, not {day}', hint: 'A duty day runs from {start} to {start} the next day. Move the item to duty/…/{belongs}.yaml, or correct its time.' },
    'zh-CN': { message: '时间为 {at}，该项属于值班日 {belongs}，而非 {day}', hint: '值班日从 {start} 到次日 {start}。请把该项移到 duty/…/{belongs}.yaml，或改正时间。' },
  },
  REVIEW_TOO_EARLY: {
    severity: 'error',
    en: { message: 'The supervisor review at {at} is before duty day {day} ended ({end})', hint: 'The supervisor signs a day after it ends (duty SOP §4.3). Correct the time.' },
    'zh-CN': { message: '主管审阅时间 {at} 早于值班日 {day} 结束（{end}）', hint: '主管应在值班日结束后签阅（规程 000 §4.3）。请改正时间。' },
  },
  ITEM_OUTSIDE_MONTH: {
    severity: 'error',
    en: { message: '{value} is outside the file\'s month {month}', hint: 'Move the item to the file of its month, or correct the date.' },
    'zh-CN': { message: '{value} 不在本文件的月份 {month} 内', hint: '请把该项移到对应月份的文件，或改正日期。' },
  },
  EVENT_ORDER: {
    severity: 'error',
    en: { message: 'This event ({at}) is out of time order: {relation} ({other})', hint: 'Events are appended in time order. If this is not committed yet, correct the time; a committed event is never rewritten (SPEC §2): show it to the supervisor.' },
    'zh-CN': { message: '该事件（{at}）时间顺序有误：{relation}（{other}）', hint: '事件按时间顺序追加。若尚未提交，请改正时间；已提交的事件不得改写（SPEC §2），请交主管处理。' },
  },
  EVENT_BEFORE_RECEIVED: {
    severity: 'error',
    en: { message: 'This event ({at}) is before the record was received ({received})', hint: 'Check the event time and `received_at`.' },
    'zh-CN': { message: '该事件（{at}）早于受理时间（{received}）', hint: '请检查事件时间与 `received_at`。' },
  },
  ROSTER_ON_LEAVE: {
    severity: 'error',
    en: { message: '{id} is on leave on {date} but rostered for the {shift} shift', hint: 'Assign someone else (after approval: a `changes` entry with `approved_by`).' },
    'zh-CN': { message: '{id} 在 {date} 休假，却被排在{shiftName}', hint: '请改派他人（已批准的排班须通过带 `approved_by` 的 `changes` 调整）。' },
  },
  ROSTER_INELIGIBLE: {
    severity: 'error',
    en: { message: '{id} ({roles}) cannot take the {shift} shift, which needs {needed}', hint: 'Assign someone with an eligible role (duty rules §2: nights are for maintenance staff).' },
    'zh-CN': { message: '{id}（{roles}）不能值{shiftName}，该班需要{needed}', hint: '请安排具备相应岗位的人员（规程 001 值班制度 二：夜班由维修人员值班）。' },
  },
  ROSTER_UNCOVERED: {
    severity: 'error',
    en: { message: '{date} {shift}: {have} of {need} eligible staff rostered', hint: 'Every shift of every day must be covered (duty rules §6). Add an assignment.' },
    'zh-CN': { message: '{date} {shiftName}：仅排了 {have}/{need} 名合格人员', hint: '每天每班都须有人值班（规程 001 值班制度 六）。请补排。' },
  },
  CALLBACK_NOT_ESCALATED: {
    severity: 'error',
    en: { message: 'A {satisfaction} callback must name the complaint it was escalated to', hint: 'An unsatisfied callback is escalated to the manager as a complaint (callback SOP §4.5): add `escalated_to: TS-…`.' },
    'zh-CN': { message: '回访结果为{satisfaction}，须注明转入的投诉', hint: '回访不满意须作为投诉上报经理（规程 002 篇2 §4.5）：请添加 `escalated_to: TS-…`。' },
  },
  LEAK_NOT_TESTED: {
    severity: 'warning',
    en: { message: 'Leak repair completed {days} days ago and not yet leak-tested', hint: 'Record the leak test (`kefu wo leak-test`); the callback falls due 3 days after it (repair reception rules §4).' },
    'zh-CN': { message: '渗漏维修已完成 {days} 天，尚未试漏', hint: '请登记试漏结果（`kefu wo leak-test`）；回访在试漏后 3 天内到期（规程 001 报修接待 4）。' },
  },
  ITEM_AFTER_NOW: {
    severity: 'warning',
    en: { message: 'Timed {at}, more than 10 minutes after now', hint: 'Kept as written; reports and `show` leave it out until its time comes. A mistyped date or time, or a computer clock running ahead? If the time is wrong, append a correction that names the item — records are never rewritten (duty SOP §4.1.8).' },
    'zh-CN': { message: '记录时间为 {at}，比当前时间晚 10 分钟以上', hint: '已按原样保留；报表和 show 在该时间到来之前不计入此项。是日期或时间输错，还是电脑时钟走快了？如时间有误，请追加一条注明该项的更正——记录不得改写（规程 000 §4.1.8）。' },
  },
  // ── git history (kefu audit) ──────────────────────────────────────
  AUDIT_ITEM_CHANGED: {
    severity: 'error',
    en: { message: 'The committed item {item} was changed', hint: 'Records are append-only (duty SOP §4.1.8: no entry may be altered). Put the item back as it was committed and append a correction that names it; if the change is already shared, show it to the supervisor. The position is in the file as it was before the change (`git show COMMIT^:FILE`; staged: `git show HEAD:FILE`).' },
    'zh-CN': { message: '已提交的记录项 {item} 被改动', hint: '记录只能追加（规程 000 §4.1.8：值班记录不得涂改）。请把该项恢复为提交时的内容，另行追加一条更正说明；若改动已同步给他人，请交主管处理。位置指改动前的文件（`git show 提交号^:文件`；暂存的改动：`git show HEAD:文件`）。' },
  },
  AUDIT_ITEM_REMOVED: {
    severity: 'error',
    en: { message: 'The committed item {item} was removed', hint: 'Records are never deleted (duty SOP §4.1.8: no pages may be torn out). Restore the item from the version before the change (`git show COMMIT^:FILE`; staged: `git show HEAD:FILE`); to withdraw it, append a correction instead.' },
    'zh-CN': { message: '已提交的记录项 {item} 被删除', hint: '记录不得删除（规程 000 §4.1.8：值班记录不得撕页）。请从改动前的版本恢复该项（`git show 提交号^:文件`；暂存的改动：`git show HEAD:文件`）；如需作废，请追加更正说明。' },
  },
  AUDIT_HEADER_CHANGED: {
    severity: 'error',
    en: { message: 'The file\'s header (above `{list}:`) was changed after it was committed', hint: 'The header says which record this is (its date, id or month) and is never rewritten. Restore it as committed (`git show COMMIT^:FILE`; staged: `git show HEAD:FILE`); show a mistake in it to the supervisor.' },
    'zh-CN': { message: '文件头（`{list}:` 以上部分）在提交后被改动', hint: '文件头标明是哪一份记录（日期、编号或月份），不得改写。请恢复为提交时的内容（`git show 提交号^:文件`；暂存的改动：`git show HEAD:文件`）；其中如有错误，请交主管处理。' },
  },
  AUDIT_FILE_DELETED: {
    severity: 'error',
    en: { message: 'A committed record file was deleted', hint: 'kefu never deletes records (duty logs are kept 3 years, callback records 2 years). Restore it with `git checkout COMMIT^ -- FILE` and commit (staged: `git restore --staged --worktree FILE`).' },
    'zh-CN': { message: '已提交的记录文件被删除', hint: 'kefu 从不删除记录（值班记录保存 3 年，回访记录保存 2 年）。请用 `git checkout 提交号^ -- 文件` 恢复后提交（暂存的删除：`git restore --staged --worktree 文件`）。' },
  },
  AUDIT_TEXT_CHANGED: {
    severity: 'error',
    en: { message: 'Committed text was rewritten; the file did not read as YAML before the change, so kefu cannot say which item', hint: 'Records are append-only. Compare the two versions (`git show COMMIT`; staged: `git diff --cached`) and show the change to the supervisor.' },
    'zh-CN': { message: '已提交的文本被改写；改动前文件无法按 YAML 读取，kefu 无法指出是哪一项', hint: '记录只能追加。请比对两个版本（`git show 提交号`；暂存的改动：`git diff --cached`），并交主管处理。' },
  },
  REVIEW_DIGEST_MISMATCH: {
    severity: 'error',
    en: { message: 'The review by {by} at {at} does not match the items above it', hint: 'A review\'s digest signs every item above it (duty SOP §4.3): they were changed after it was signed, or the digest was written wrong. `kefu audit` names the change; restore the items as signed, or have the supervisor review the day again.' },
    'zh-CN': { message: '{by} 于 {at} 的审阅与其上方的记录不符', hint: '审阅摘要覆盖其上方的每一项（规程 000 §4.3）：签阅后记录被改动过，或摘要写错。`kefu audit` 会指出改动；请把记录恢复为签阅时的内容，或请主管重新审阅该日。' },
  },
  SHIFT_GAP: {
    severity: 'warning',
    en: { message: 'The shifts leave {from}–{to} uncovered {seasonEn}: nobody is on duty then', hint: 'Someone must be on duty at all times (duty rules §6): make one shift end when the next starts, e.g. give the day shift `summer: { end: "18:00" }`.' },
    'zh-CN': { message: '{seasonZh}{from}–{to} 没有任何班次：此时无人值班', hint: '任何时候都须有人值班（规程 001 值班制度 六）：让上一班的结束时间与下一班的开始时间相接，例如给白班加上 `summer: { end: "18:00" }`。' },
  },
  // ── roster hard rules judged across slots and months (SPEC §5.1) ──
  ROSTER_OVERLAP: {
    severity: 'error',
    en: { message: '{id}\'s {shift} shift on {date} overlaps their {otherShift} shift of {otherDate}', hint: 'Nobody can be on two shifts at once. Assign someone else (after approval: a `changes` entry with `approved_by`).' },
    'zh-CN': { message: '{id} 在 {date} 的{shiftName}与其 {otherDate} 的{otherShiftName}时间重叠', hint: '同一人不能同时值两个班。请改派他人（已批准的排班须通过带 `approved_by` 的 `changes` 调整）。' },
  },
  ROSTER_REST: {
    severity: 'error',
    en: { message: '{id} starts the {shift} shift on {date} only {gap} h after their {otherShift} shift of {otherDate} ended; at least {min} h of rest are required', hint: 'kefu.yaml `roster.min_rest_hours` is the least rest between one person\'s shifts (no back-to-back duties). Assign someone else.' },
    'zh-CN': { message: '{id} 于 {otherDate} {otherShiftName}结束后仅 {gap} 小时即值 {date} 的{shiftName}，两班之间至少须休息 {min} 小时', hint: 'kefu.yaml 的 `roster.min_rest_hours` 规定同一人两班之间的最短休息时间（不得连班）。请改派他人。' },
  },
  ROSTER_WEEK_LIMIT: {
    severity: 'error',
    en: { message: '{id} has {count} shifts in the week {week} to {weekEnd}; at most {max} are allowed', hint: 'kefu.yaml `roster.max_shifts_per_week` limits one person\'s shifts per ISO week (Monday to Sunday, counting the previous month\'s roster). Give this shift to someone else.' },
    'zh-CN': { message: '{id} 在 {week} 至 {weekEnd} 这一周排了 {count} 个班，每周最多 {max} 个', hint: 'kefu.yaml 的 `roster.max_shifts_per_week` 限定每人每周（周一至周日，含上月排班）的班次数。请把此班改派他人。' },
  },
} as const satisfies Record<string, Entry>;

export type Code = keyof typeof CATALOGUE;
export const CODES = Object.keys(CATALOGUE) as Code[];

export function severityOf(code: Code): Severity {
  return CATALOGUE[code].severity;
}

export function formatText(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? clipValue(String(params[name])) : whole));
}

/** Longest value quoted in a message: a 10 MB key or value from a hostile file is shown by its start. */
const MAX_VALUE_LENGTH = 200;

function clipValue(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}

/** Words that appear as parameter values and read differently per language. */
const VOCABULARY: Record<string, Record<Lang, string>> = {
  string: { en: 'text', 'zh-CN': '文本' },
  number: { en: 'a number', 'zh-CN': '数字' },
  int: { en: 'a whole number', 'zh-CN': '整数' },
  boolean: { en: 'true or false', 'zh-CN': '布尔值（true/false）' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'a mapping', 'zh-CN': '映射' },
  null: { en: 'nothing (null)', 'zh-CN': '空值' },
  undefined: { en: 'nothing', 'zh-CN': '空' },
  datetime: { en: 'timestamp with offset', 'zh-CN': '带时区的时间戳' },
  date: { en: 'date', 'zh-CN': '日期' },
  'clock time': { en: 'clock time', 'zh-CN': '时刻' },
  month: { en: 'month', 'zh-CN': '月份' },
  'month-day': { en: 'month-day', 'zh-CN': '月-日' },
  id: { en: 'id', 'zh-CN': '编号' },
  'staff id': { en: 'staff id', 'zh-CN': '员工编号' },
  phone: { en: 'phone number', 'zh-CN': '电话号码' },
  duration: { en: 'deadline rule', 'zh-CN': '时限' },
  'key name': { en: 'key name', 'zh-CN': '键名' },
  record: { en: 'a mapping of names to values', 'zh-CN': '键值映射' },
  'advice-quote': { en: ' — quote phone numbers, ids, dates and clock times ("08:30") so they stay text', 'zh-CN': '——电话、编号、日期和时刻（"08:30"）请加引号，保持为文本' },
  'advice-boolean': { en: ' (yes/no, on/off are text in YAML 1.2)', 'zh-CN': '（YAML 1.2 中 yes/no、on/off 是文本）' },
  'advice-none': { en: '', 'zh-CN': '' },
  'order-before': { en: 'earlier than the event before it', 'zh-CN': '早于前一事件' },
  'order-after': { en: 'later than the event after it', 'zh-CN': '晚于后一事件' },
  digest: { en: 'digest', 'zh-CN': '摘要' },
  // roles (SPEC §3.2)
  supervisor: { en: 'supervisor', 'zh-CN': '客服主管' },
  clerk: { en: 'clerk', 'zh-CN': '值班管理员' },
  maintenance: { en: 'maintenance', 'zh-CN': '维修人员' },
  lobby: { en: 'lobby', 'zh-CN': '大堂' },
  cleaner: { en: 'cleaner', 'zh-CN': '保洁' },
  manager: { en: 'manager', 'zh-CN': '管理处经理' },
  team_lead: { en: 'team lead', 'zh-CN': '班组长' },
  // duty entry kinds (SPEC §3.4)
  consult: { en: 'consult', 'zh-CN': '咨询' },
  help: { en: 'help', 'zh-CN': '求助' },
  repair: { en: 'repair', 'zh-CN': '报修' },
  suggestion: { en: 'suggestion', 'zh-CN': '建议' },
  incident: { en: 'incident', 'zh-CN': '突发事件' },
  emergency: { en: 'emergency', 'zh-CN': '紧急情况' },
  notice: { en: 'notice', 'zh-CN': '通知' },
  other: { en: 'other', 'zh-CN': '其他' },
  'entry': { en: 'duty entry', 'zh-CN': '值班记录' },
  'callback': { en: 'callback', 'zh-CN': '回访记录' },
  'complaint': { en: 'complaint', 'zh-CN': '投诉' },
  'case': { en: 'complaint or work order', 'zh-CN': '投诉或工单' },
  dissatisfied: { en: 'dissatisfied', 'zh-CN': '不满意' },
  very_dissatisfied: { en: 'very dissatisfied', 'zh-CN': '很不满意' },
};

const LOCALIZED_PARAMS = new Set(['expected', 'format', 'kind', 'satisfaction', 'advice', 'roles', 'needed', 'relation']);

/** The parser's own words for its syntax errors are English; these are the common ones in Chinese. */
const YAML_ERRORS_ZH: Record<string, string> = {
  BAD_INDENT: '缩进不正确',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  MISSING_CHAR: '缺少结束符号（引号或括号未闭合）',
  UNEXPECTED_TOKEN: '此处出现了意外的内容',
  BLOCK_AS_IMPLICIT_KEY: '嵌套结构不能作为键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（是否缺少冒号后的空格或缩进有误？）',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列无效',
  BAD_SCALAR_START: '值不能以此字符开头，请加引号',
  BLOCK_IN_FLOW: '花括号/方括号内不能使用块结构',
  KEY_OVER_1024_CHARS: '键过长（超过 1024 个字符）',
  MULTIPLE_ANCHORS: '一个节点有多个锚点',
  MULTIPLE_TAGS: '一个节点有多个标签',
  BAD_PROP_ORDER: '锚点与标签位置不正确',
  BAD_ALIAS: '别名无效',
  BAD_DIRECTIVE: 'YAML 指令无效',
  NON_STRING_KEY: '键必须是文本',
  IMPOSSIBLE: '无法解析的结构',
};

/** What the English enumeration keys of the record formats mean, for zh-CN readers. */
const ENUM_ZH: Record<string, string> = {
  phone: '电话', visit: '来访/上门', patrol: '巡查', letter: '信函', email: '电子邮件', wechat: '微信', intercom: '对讲', fax: '传真', onsite: '现场',
  consult: '咨询', help: '求助', repair: '报修/维修', complaint: '投诉', suggestion: '建议', incident: '突发事件', emergency: '紧急情况', notice: '通知', other: '其他',
  open: '未办结', done: '已办结', major: '重大', important: '重要', minor: '轻微',
  special_service: '特约服务', first_aid: '急救', activity: '社区活动',
  completed: '已完成', no_answer: '无人接听', refused: '拒绝',
  very_satisfied: '非常满意', satisfied: '满意', neutral: '一般', dissatisfied: '不满意', very_dissatisfied: '很不满意',
  midterm: '中期', end: '期满', draft: '草稿', approved: '已批准',
  supervisor: '客服主管', clerk: '值班管理员', maintenance: '维修人员', lobby: '大堂', cleaner: '保洁', manager: '管理处经理', team_lead: '班组长',
  residential: '住宅', office: '写字楼', calendar: '日历日', workdays: '工作日',
  entry: '记录', update: '更新', correction: '更正', handover: '交接班', review: '审阅', callback: '回访', plan: '回访计划',
  escalated: '上报', assigned: '派单', replied: '答复', resolved: '解决', reopened: '重开', reclassified: '改级', invalid: '无效', note: '备注',
  responded: '响应', leak_tested: '试漏', cancelled: '取消', received: '受理', workorder: '工单', resolve: '解决',
};

/**
 * What kefu itself refuses before or after the parser (src/domain/yaml-file.ts), by the
 * `yamlCode` it gives: the detail in each language, and a hint of its own (the syntax
 * hint, about indentation and quotes, would mislead here).
 */
const KEFU_YAML_ERRORS: Record<string, Record<Lang, Text>> = {
  NOT_PRINTABLE: {
    en: { message: 'the control character {char} is not allowed in YAML text', hint: 'Delete the character: most editors do not show it, and it usually comes from a paste or a terminal. To keep it as data, write it as an escape inside double quotes (for example "\\e" for ESC).' },
    'zh-CN': { message: 'YAML 文本中不允许出现控制字符 {char}', hint: '请删除该字符：多数编辑器不显示它，它通常来自粘贴或终端。若确需作为数据保留，请在双引号内写成转义形式（例如 ESC 写作 "\\e"）。' },
  },
  NESTING_TOO_DEEP: {
    en: { message: 'lists and mappings are nested more than {limit} levels deep here', hint: 'No record nests this deep: the file is damaged or was made to harm. Compare it with the committed version (`git diff`) and remove what does not belong.' },
    'zh-CN': { message: '此处列表与映射嵌套超过 {limit} 层', hint: '正常记录不会嵌套这么深：文件已损坏或系恶意制作。请与已提交版本比对（`git diff`），删除不属于这里的内容。' },
  },
  TOO_MANY_VALUES: {
    en: { message: 'the file holds more than {limit} values (keys, items and scalars); kefu reads no more in one file', hint: 'One record file holds one day, month or case — far fewer values. Compare it with the committed version (`git diff`) and remove what does not belong; bulky data belongs outside the desk.' },
    'zh-CN': { message: '文件中的值（键、列表项与标量）超过 {limit} 个；kefu 单个文件最多读取这么多', hint: '一个记录文件只记一天、一个月或一件事，值远少于此。请与已提交版本比对（`git diff`），删除不属于这里的内容；大批数据不应放入台账。' },
  },
  TOO_MANY_LINES: {
    en: { message: 'the file has more than {limit} lines; kefu reads no more in one file', hint: 'One record file holds one day, month or case — far fewer lines. Compare it with the committed version (`git diff`) and remove what does not belong; bulky data belongs outside the desk.' },
    'zh-CN': { message: '文件超过 {limit} 行；kefu 单个文件最多读取这么多行', hint: '一个记录文件只记一天、一个月或一件事，行数远少于此。请与已提交版本比对（`git diff`），删除不属于这里的内容；大批数据不应放入台账。' },
  },
};

/** The parser's commonest complaints, said the way a clerk would understand them. */
const YAML_MESSAGES: { pattern: RegExp; en: string; zh: string }[] = [
  { pattern: /Implicit map keys need to be followed by map values/, en: 'a key must be followed by `: ` and its value', zh: '键后须跟“: ”和值' },
  { pattern: /Nested mappings are not allowed in compact mappings/, en: 'the value on this line contains `: ` — put it in quotes', zh: '本行的值中含有“: ”，请给值加引号' },
  { pattern: /Implicit keys need to be on a single line/, en: 'a key must fit on one line — check the indentation and the colon', zh: '键须写在一行内——请检查缩进和冒号' },
  { pattern: /Sequence item without - indicator/, en: 'a list item must start with `- ` — check the indentation', zh: '列表项须以“- ”开头——请检查缩进' },
  { pattern: /Missing closing "?quote|Missing closing '/, en: 'a quote is not closed', zh: '引号未闭合' },
  { pattern: /Tabs are not allowed as indentation|Tab/i, en: 'tabs are not allowed for indentation; use spaces', zh: '不能用 Tab 缩进，请用空格' },
  { pattern: /All mapping items must start at the same column/, en: 'all keys of a mapping must start in the same column', zh: '同一映射中的键须从同一列开始' },
  { pattern: /All collection items must start at the same column/, en: 'all items of a list must start in the same column', zh: '同一列表中的各项须从同一列开始' },
];

/**
 * A table entry by a key that may come from a desk's file: own keys only, so that a value
 * like `constructor` or `toString` is not mistaken for a word of the table (issue 8).
 */
function lookUp<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function localizeValue(value: string, lang: Lang): string {
  const word = lookUp(VOCABULARY, value);
  if (word) return word[lang];
  // lists of enum keys: "clerk/manager", "clerk, manager"
  if (/^[a-z_]+([/,] ?[a-z_]+)+$/.test(value)) return value.replace(/[a-z_]+/g, (w) => lookUp(VOCABULARY, w)?.[lang] ?? w);
  return value;
}

/** An enumeration value as the user reads it: `重要 (important)` in zh-CN, the value itself in en. */
export function enumLabel(value: string, lang: Lang): string {
  return (lang === 'zh-CN' && lookUp(ENUM_ZH, value)) || value;
}

/**
 * TORN_TAIL found by kefu's note of an unfinished append (`cut: 'line'`,
 * domain/interrupted-appends.ts): the file ends in a newline, so the catalogue's
 * "does not end with a newline" would be wrong, and the repair is known exactly.
 */
const TORN_AT_LINE_BREAK: Record<Lang, Text> = {
  en: { message: 'An append to this file was interrupted: its item, from this line on, is cut off at a line break (it can read as a shorter, valid item)', hint: 'The cut item was never committed (`git diff` shows it): delete its lines from this one to the end of the file, run `kefu validate`, then write the item again. kefu appends nothing to this file until then.' },
  'zh-CN': { message: '对该文件的一次追加曾被中断：从这一行起的条目在换行处被截断（可能被读成一条较短的有效条目）', hint: '不完整的条目从未提交（`git diff` 可见）：请删除从这一行到文件末尾的内容，运行 `kefu validate`，然后重新写入该条目。在此之前 kefu 不会向该文件追加任何内容。' },
};

export function describe(code: Code, params: Record<string, unknown>, lang: Lang): Text {
  const local: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    local[key] = LOCALIZED_PARAMS.has(key) && typeof value === 'string' ? localizeValue(value, lang) : value;
  }
  const own = code === 'YAML_SYNTAX' && typeof params.yamlCode === 'string' ? lookUp(KEFU_YAML_ERRORS, params.yamlCode)?.[lang] : undefined;
  if (own) {
    if (typeof local.limit === 'number') local.limit = local.limit.toLocaleString('en-US'); // 100,000
    local.detail = formatText(own.message, local);
  } else if (code === 'YAML_SYNTAX') {
    const known = YAML_MESSAGES.find((m) => m.pattern.test(String(params.detail)));
    if (known) local.detail = lang === 'en' ? known.en : known.zh;
    else if (lang === 'zh-CN' && typeof params.yamlCode === 'string' && lookUp(YAML_ERRORS_ZH, params.yamlCode)) local.detail = lookUp(YAML_ERRORS_ZH, params.yamlCode);
  }
  if (code === 'SCHEMA_ENUM' && lang === 'zh-CN' && typeof params.values === 'string') {
    // the file must say `visit`; the clerk needs to know that visit means 来访
    local.values = params.values.split(', ').map((v) => (lookUp(ENUM_ZH, v) ? `${v}（${lookUp(ENUM_ZH, v)}）` : v)).join('、');
  }
  if (code === 'SCHEMA_TYPE' && typeof params.actual === 'string') local.actual = lookUp(VOCABULARY, params.actual)?.[lang] ?? params.actual;
  if (code === 'SCHEMA_UNKNOWN_KEY') {
    const m = params.didYouMean;
    local.suggestion = m === undefined ? '' : lang === 'en' ? ` — did you mean \`${String(m)}\`?` : `——是否应为 \`${String(m)}\`？`;
  }
  const t = code === 'TORN_TAIL' && params.cut === 'line' ? TORN_AT_LINE_BREAK[lang] : CATALOGUE[code][lang];
  return { message: formatText(t.message, local), hint: formatText(own?.hint ?? t.hint, local) };
}
