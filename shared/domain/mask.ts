/**
 * Masking of personal data, the same everywhere (lists, exports, audit log):
 * 张*伟, 4114**********1006, 138****5678.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return `${phone.slice(0, Math.max(0, phone.length - 7))}***${phone.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Field names that hold personal data, and how each is masked. */
export const PERSONAL_FIELDS: Record<string, (v: string) => string> = {
  phone: maskPhone,
  leaderPhone: maskPhone,
  secretary: maskName,
  leader: maskName,
  contact: maskName,
  keeper: maskName,
  idNumber: maskIdNumber,
};

/** Applies one masker to every string below a personal field (e.g. an audit diff's before/after). */
function maskAll(value: unknown, masker: (v: string) => string): unknown {
  if (typeof value === 'string') return masker(value);
  if (Array.isArray(value)) return value.map((v) => maskAll(v, masker));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAll(v, masker)]));
  return value;
}

/** Returns a copy with every personal field masked, at any depth. */
export function maskPersonal<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskPersonal) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const masker = PERSONAL_FIELDS[k];
    out[k] = masker ? maskAll(v, masker) : maskPersonal(v);
  }
  return out as T;
}

/** How many rows a result holds, for the audit log of unmasked reads. */
export function rowCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)) return (value as { rows: unknown[] }).rows.length;
  return value ? 1 : 0;
}
