// Residents' names and phone numbers are personal information (PIPL): output
// masks them unless --reveal (SPEC §2). Staff data is not masked.

/** 13812341234 → 138****1234; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** 李先生 → 李* (SPEC §2), 欧阳娜娜 → 欧阳* (compound surnames), Zhang Wei → Z* W*. */
export function maskName(name: string): string {
  const n = name.trim();
  if (/^[\p{Script=Han}]+$/u.test(n)) {
    const surname = COMPOUND_SURNAMES.some((s) => n.startsWith(s)) && n.length > 2 ? n.slice(0, 2) : n.slice(0, 1);
    return `${surname}*`;
  }
  return n.split(/\s+/).map((w) => `${w.slice(0, 1)}*`).join(' ');
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木'];

export interface Masker {
  name(value: string | undefined): string | undefined;
  phone(value: string | undefined): string | undefined;
}

export function masker(reveal: boolean): Masker {
  return reveal
    ? { name: (v) => v, phone: (v) => v }
    : { name: (v) => (v === undefined ? v : maskName(v)), phone: (v) => (v === undefined ? v : maskPhone(v)) };
}

const MOBILE = /(?<![\dA-Za-z])1[3-9]\d{9}(?!\d)/g;
const PHONE_VALUE = /((?:^|[{,\s-])phone\s*:\s*)(["']?)([^"',}\n#]*?)\2(?=\s*(?:[,}#]|$))/g;
const NAME_VALUE = /((?:^|[{,\s-])name\s*:\s*)(["']?)([^"',}\n#]*?)\2(?=\s*(?:[,}#]|$))/g;

/**
 * Text of a record file as shown in a code frame or a message: residents' phone numbers
 * and names masked (SPEC §2) — any mobile number anywhere, the digits of every `phone:`
 * value (a tag or quote around them stays visible), every `name:` value. staff.yaml is
 * shown as it is: staff data is not personal data of residents.
 */
export function maskRecordText(text: string, file = ''): string {
  if (file === 'staff.yaml') return text;
  return text
    .replace(PHONE_VALUE, (_m, key: string, q: string, value: string) => `${key}${q}${value.replace(/\d{5,}/g, (digits) => maskPhone(digits))}${q}`)
    .replace(NAME_VALUE, (_m, key: string, q: string, value: string) => `${key}${q}${value.trim() ? maskName(value) : value}${q}`)
    .replace(MOBILE, (m) => maskPhone(m));
}
