import { phone } from '../../../../shared/api/common';
import { checkIdNumber } from '../../../../shared/domain/values';

/** 卡点登记's typed fields, in the order Enter walks them (each input carries its label as aria-label). */
export const ENTRY_FIELDS = [
  ['name', '姓名'],
  ['idNumber', '身份证号'],
  ['phone', '手机号'],
  ['temperature', '体温'],
  ['passNo', '出入证号'],
  ['reason', '事由'],
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number][0];
export const labelOf = (f: EntryField) => ENTRY_FIELDS.find(([k]) => k === f)![1];
export const nextField = (f: EntryField): EntryField | null => ENTRY_FIELDS[ENTRY_FIELDS.findIndex(([k]) => k === f) + 1]?.[0] ?? null;

export const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v));

/**
 * What is wrong with what was typed in a field, in the words the office would use, or null.
 * Checked on Enter, so a wrong ID number is caught while the person is still at the gate.
 */
export function problemIn(field: EntryField, raw: unknown): string | null {
  const t = text(raw);
  if (!t) return null;
  // Inputs have no maxLength (a scanned pass code is long, and a cut one fails its signature): lengths are checked here.
  if (field === 'name' && [...t].length > 20) return '姓名不能超过 20 个字';
  if (field === 'reason' && [...t].length > 60) return '事由不能超过 60 个字';
  if (field === 'passNo' && t.length > 20) return '出入证号不能超过 20 位';
  if (field === 'idNumber') {
    const r = checkIdNumber(t);
    return r.ok ? null : r.reason;
  }
  if (field === 'phone') return phone.safeParse(t).success ? null : '电话号码格式不正确（手机 11 位，座机需带区号）';
  if (field === 'temperature') {
    const n = Number(t);
    return /^\d{2}(\.\d)?$/.test(t) && n >= 34 && n <= 43 ? null : '体温应在 34–43 ℃ 之间，如 36.5';
  }
  return null;
}

/** The first field that stops a save (with why), or null when the entry is complete. */
export function incomplete(v: Record<string, unknown>, vehicle: boolean): [EntryField, string] | null {
  for (const [f] of ENTRY_FIELDS) {
    const bad = problemIn(f, v[f]);
    if (bad) return [f, bad];
  }
  // A pass number names the household, so a person with one may go without a name (as the core allows).
  if (!text(v.name) && (vehicle || !text(v.passNo))) return ['name', vehicle ? '请填写车牌号' : '请填写姓名'];
  return null;
}
