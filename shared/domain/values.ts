/**
 * Normalising what people type into office spreadsheets. Pure functions, shared by the
 * import engine (core) and form hints (renderer).
 */

/** Full-width ASCII (Ａ１（） etc.) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Trim, half-width, collapse inner runs of spaces. */
export function cleanText(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, ' ').trim();
}

/**
 * Free text as typed: full-width letters and digits (Ａ１) and spaces become half-width,
 * but Chinese punctuation stays — 惠民超市（2店） is stored that way, and turning its
 * brackets into () would make a re-imported row a new one.
 */
export function cleanTypedText(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCheck = { ok: true; value: string; birth: string; gender: 'male' | 'female'; note?: string } | { ok: false; reason: string };

const checkDigit = (body17: string) => ID_CHECK[ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body17[i]), 0) % 11]!;

/**
 * Validates a mainland resident ID number (GB 11643): 18 characters, a real birth date,
 * and the check digit; a trailing x becomes X. A first-generation 15-digit number (issued
 * until 2004, born 19yy) is converted to its 18-digit form, with a note saying so.
 * Numbers that Excel turned into floating point (4.10102E+17, or digits ending in 000
 * after losing precision) are reported as damaged, never imported.
 */
export function checkIdNumber(raw: unknown): IdCheck {
  // 15 digits fit a double exactly, so a first-generation ID stored as a number is intact.
  if (typeof raw === 'number' && !(Number.isSafeInteger(raw) && String(raw).length === 15)) {
    return { ok: false, reason: '身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”后重新填写' };
  }
  const s = cleanText(String(raw ?? '')).replace(/\s/g, '');
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, reason: '身份证号被 Excel 存成了科学计数法（如 4.10102E+17），已损坏；请把该列设为“文本”后重新填写' };
  if (/^\d{15}$/.test(s)) {
    const body = `${s.slice(0, 6)}19${s.slice(6)}`;
    const converted = checkIdNumber(body + checkDigit(body));
    if (!converted.ok) return { ok: false, reason: '15 位一代身份证号中的出生日期无效' };
    return { ...converted, note: '是 15 位一代身份证号，已按国家标准转换为 18 位' };
  }
  if (!/^\d{17}[\dxX]$/.test(s)) return { ok: false, reason: '身份证号应为 18 位（最后一位可以是 X）' };
  const id = s.toUpperCase();
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return { ok: false, reason: '身份证号中的出生日期无效' };
  }
  if (checkDigit(id) !== id[17]) {
    return id.endsWith('000')
      ? { ok: false, reason: '身份证号末尾是 000，疑似被 Excel 当作数字截断；请核对原始号码' }
      : { ok: false, reason: '身份证号校验位不正确，请核对' };
  }
  return { ok: true, value: id, birth: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

export type PhoneCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Mobile (11 digits starting 1[3-9]) or landline with area code (0370-1234567). */
export function checkPhone(raw: unknown): PhoneCheck {
  const s = cleanText(String(raw ?? ''))
    .replace(/[\s()（）]/g, '')
    .replace(/^\+?86-?/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return { ok: true, value: s };
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (land) return { ok: true, value: `${land[1]}-${land[2]}` };
  if (/^\d{7,8}$/.test(s)) return { ok: false, reason: '座机号码缺少区号（如 0370-1234567）' };
  return { ok: false, reason: '电话号码格式不正确（手机 11 位，座机需带区号）' };
}

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export type DateCheck = { ok: true; value: string; note?: string } | { ok: false; reason: string };

const WEEKDAYS = '日一二三四五六';
const pad2 = (n: number) => String(n).padStart(2, '0');
/** The year in China (UTC+8) on a given instant. */
const yearInChina = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * Dates as offices write them: Excel serial numbers (also stored as text, 44566),
 * 2022-10-02, 2022/10/2, 2022.10.2, 22/10/2, 2022年10月2日, 20221002, with a time after
 * it (2022-10-02 08:30) or a weekday (2022/10/2 星期日, checked against the date). A date
 * without a year (10月2日) takes the year of `now` and says so in `note`. Returns ISO
 * yyyy-mm-dd.
 */
export function parseDate(raw: unknown, now: Date = new Date()): DateCheck {
  const bad = { ok: false as const, reason: '日期格式无法识别（可写作 2022-10-02、2022/10/2、2022年10月2日）' };
  let y: number;
  let m: number;
  let d: number;
  let note: string | undefined;
  let weekday = -1;
  const serial = (n: number) => {
    const t = new Date(EXCEL_EPOCH + Math.floor(n) * 86_400_000);
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()] as const;
  };
  if (raw instanceof Date) {
    [y, m, d] = [raw.getFullYear(), raw.getMonth() + 1, raw.getDate()];
  } else if (typeof raw === 'number') {
    if (!(raw > 0 && raw < 2958466)) return bad;
    [y, m, d] = serial(raw);
  } else {
    let s = cleanText(String(raw ?? ''));
    s = s.replace(/[(（]?(?:星期|周|礼拜)([一二三四五六日天])[)）]?/, (_, w: string) => ((weekday = WEEKDAYS.indexOf(w === '天' ? '日' : w)), ' '));
    // A time after the date (08:30, 8:30:00, 8时30分, 上午) says nothing about the day.
    s = s.replace(/(?:\s+|T)(?:上午|下午|晚上)?\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?|[时点](?:\d{1,2}分)?)\s*$/, '');
    s = s.replace(/\s/g, '');
    let match: RegExpExecArray | null;
    if (/^\d{5}(\.\d+)?$/.test(s)) {
      [y, m, d] = serial(Number(s));
    } else if ((match = /^(\d{4}|\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
      [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      // 22/1/5: this century unless that lies in the future (85/3/4 is 1985).
      if (match[1]!.length === 2) y += 2000 + y <= yearInChina(now) + 1 ? 2000 : 1900;
    } else if ((match = /^(\d{1,2})月(\d{1,2})日?$/.exec(s))) {
      [y, m, d] = [yearInChina(now), Number(match[1]), Number(match[2])];
      note = `没有写年份，已按 ${y} 年计`;
    } else return bad;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) {
    return { ok: false, reason: '日期不存在（请核对年月日）' };
  }
  const value = `${y}-${pad2(m)}-${pad2(d)}`;
  if (weekday >= 0 && date.getUTCDay() !== weekday) return { ok: false, reason: `日期与星期不符：${value} 是星期${WEEKDAYS[date.getUTCDay()]}` };
  return note ? { ok: true, value, note } : { ok: true, value };
}

export type NumberCheck = { ok: true; value: number } | { ok: false; reason: string };

/** Numbers, also when stored as text with full-width digits or thousands separators. */
export function parseNumber(raw: unknown): NumberCheck {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
  const s = cleanText(String(raw ?? '')).replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, reason: '应填写数字' };
  return { ok: true, value: Number(s) };
}

/**
 * A header cell reduced to what matters: bracketed notes ("人口（人）", "身份证号（必填）"),
 * spaces, asterisks and punctuation go; full-width forms become half-width.
 */
export function normalizeHeader(s: unknown): string {
  const text = cleanText(String(s ?? ''));
  const withoutNotes = text.replace(/[([【][^)\]】]*[)\]】]/g, '');
  return (withoutNotes.trim() ? withoutNotes : text).replace(/[\s*＊:：()（）[\]【】<>《》「」'"“”‘’·、,，.。/\\_-]/g, '').toLowerCase();
}
