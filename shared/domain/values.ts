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

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCheck = { ok: true; value: string; birth: string; gender: 'male' | 'female' } | { ok: false; reason: string };

/**
 * Validates a mainland resident ID number (GB 11643): 18 characters, a real birth date,
 * and the check digit; a trailing x becomes X. Numbers that Excel turned into floating
 * point (4.10102E+17, or digits ending in 000 after losing precision) are reported as
 * damaged, never imported.
 */
export function checkIdNumber(raw: unknown): IdCheck {
  if (typeof raw === 'number') {
    return { ok: false, reason: '身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”后重新填写' };
  }
  const s = cleanText(String(raw ?? '')).replace(/\s/g, '');
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, reason: '身份证号被 Excel 存成了科学计数法（如 4.10102E+17），已损坏；请把该列设为“文本”后重新填写' };
  if (!/^\d{17}[\dxX]$/.test(s)) return { ok: false, reason: '身份证号应为 18 位（最后一位可以是 X）' };
  const id = s.toUpperCase();
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return { ok: false, reason: '身份证号中的出生日期无效' };
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) {
    return id.endsWith('000')
      ? { ok: false, reason: '身份证号末尾是 000，疑似被 Excel 当作数字截断；请核对原始号码' }
      : { ok: false, reason: '身份证号校验位不正确，请核对' };
  }
  return { ok: true, value: id, birth: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

export type PhoneCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Mobile (11 digits starting 1[3-9]) or landline with area code (0370-1234567). */
export function checkPhone(raw: unknown): PhoneCheck {
  const s = cleanText(String(raw ?? '')).replace(/[\s()（）]/g, '').replace(/^\+?86-?/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return { ok: true, value: s };
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (land) return { ok: true, value: `${land[1]}-${land[2]}` };
  if (/^\d{7,8}$/.test(s)) return { ok: false, reason: '座机号码缺少区号（如 0370-1234567）' };
  return { ok: false, reason: '电话号码格式不正确（手机 11 位，座机需带区号）' };
}

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export type DateCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Dates as offices write them: Excel serial numbers, 2022-10-02, 2022/10/2, 2022.10.2,
 * 2022年10月2日, 20221002. Returns ISO yyyy-mm-dd.
 */
export function parseDate(raw: unknown): DateCheck {
  const bad = { ok: false as const, reason: '日期格式无法识别（可写作 2022-10-02、2022/10/2、2022年10月2日）' };
  let y: number;
  let m: number;
  let d: number;
  if (raw instanceof Date) {
    [y, m, d] = [raw.getFullYear(), raw.getMonth() + 1, raw.getDate()];
  } else if (typeof raw === 'number') {
    if (!(raw > 0 && raw < 2958466)) return bad;
    const t = new Date(EXCEL_EPOCH + Math.floor(raw) * 86_400_000);
    [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  } else {
    const s = cleanText(String(raw ?? '')).replace(/\s/g, '');
    const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (!match) return bad;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) {
    return { ok: false, reason: '日期不存在（请核对年月日）' };
  }
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
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
  return (withoutNotes.trim() ? withoutNotes : text)
    .replace(/[\s*＊:：()（）[\]【】<>《》「」'"“”‘’·、,，.。/\\_-]/g, '')
    .toLowerCase();
}
