import { pinyin } from 'pinyin-pro';

/**
 * The text a list search matches: the name, its full pinyin and its initials, so that
 * 馨苑华园 is found by "馨苑", "xinyuan" or "xyhy". '|' keeps a query from matching
 * across two parts.
 */
export function searchKey(name: string): string {
  const opts = { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true } as const;
  const full = pinyin(name, opts).join('');
  const initials = pinyin(name, { ...opts, pattern: 'first' }).join('');
  return `${name}|${full}|${initials}`.toLowerCase().replace(/\s+/g, '');
}

/** A user's query as a LIKE pattern against searchKey (case and spaces ignored). */
export function searchPattern(q: string): string {
  const cleaned = q
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  return `%${cleaned}%`;
}
