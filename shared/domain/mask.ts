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

/**
 * A birth date beside a masked ID would give back the digits the mask hides (the ID's
 * 7th–14th are the birth date), so only the year is shown.
 */
export function maskBirthDate(date: string): string {
  return /^\d{4}/.test(date) ? `${date.slice(0, 4)}-**-**` : '****';
}

/** What a role without personal:unmask sees in place of free text that may describe people. */
export const HIDDEN_TEXT = '（含个人信息，已隐藏）';
export const hideText = (v: string) => (v ? HIDDEN_TEXT : v);

/** Field names that hold personal data, and how each is masked. */
export const PERSONAL_FIELDS: Record<string, (v: string) => string> = {
  phone: maskPhone,
  leaderPhone: maskPhone,
  secretary: maskName,
  leader: maskName,
  contact: maskName,
  keeper: maskName,
  idNumber: maskIdNumber,
  birthDate: maskBirthDate,
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

/**
 * Applies a masker at a dotted path, walking through arrays: 'rows.name' masks the name
 * of every row of a page, 'posts.cells.name' every person in a roster grid's cells,
 * while a post's own `name` beside them is left alone.
 */
export function maskAt<T>(value: T, path: readonly string[], masker: (v: string) => string): T {
  if (Array.isArray(value)) return value.map((v) => maskAt(v, path, masker)) as T;
  if (path.length === 0) return maskAll(value, masker) as T;
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, path[0]!)) return value;
  const [head, ...rest] = path;
  return { ...value, [head!]: maskAt((value as Record<string, unknown>)[head!], rest, masker) } as T;
}

/** Where a method's data names people or holds free text about them (declared on the contract method). */
export interface PersonalPaths {
  names?: readonly string[];
  notes?: readonly string[];
}

/** Names masked (张*伟) and free text hidden at the declared paths: what a role without personal:unmask sees. */
export function maskNamesAndNotes<T>(value: T, paths: PersonalPaths): T {
  let out = value;
  for (const p of paths.names ?? []) out = maskAt(out, p.split('.'), maskName);
  for (const p of paths.notes ?? []) out = maskAt(out, p.split('.'), hideText);
  return out;
}
