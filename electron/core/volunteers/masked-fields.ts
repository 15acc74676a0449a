import { ApiError } from '../../../shared/api/errors';
import { maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';

const FIELDS = [
  { key: 'phone', column: 'phone', mask: maskPhone, label: '手机号码' },
  { key: 'idNumber', column: 'id_number', mask: maskIdNumber, label: '身份证号' },
] as const;

/**
 * An edit form is prefilled with what the list showed, masked (138****5678): a mask of the
 * person's stored phone / ID number is that value, unchanged, so saving another field keeps
 * it. Any other text with stars would store stars, and is refused.
 */
export function unmaskPerson<T extends { phone: string | null; idNumber: string | null }>(db: Database.Database, id: number, input: T): T {
  const masked = FIELDS.filter((f) => input[f.key]?.includes('*'));
  if (masked.length === 0) return input;
  const stored = stmt(db, 'SELECT phone, id_number FROM people WHERE id = ?').get(id) as Record<string, string | null> | undefined;
  if (!stored) return input; // updateRow says the person is gone
  const out = { ...input };
  for (const f of masked) {
    const value = stored[f.column];
    if (!value || f.mask(value) !== input[f.key])
      throw new ApiError('VALIDATION', `${f.label}是脱敏后的内容，请填写完整的${f.label}`, [{ path: f.key, message: `请填写完整的${f.label}` }]);
    out[f.key] = value;
  }
  return out;
}
