import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { useSession } from '../features/auth/me';

const PREFIX = 'sc:list:';

/** The storage key of one list's remembered state; per user, so a shared office PC keeps each person's own filters. */
export function rememberedKey(username: string, list: string): string {
  return `${PREFIX}${username}:${list}`;
}

function read<T extends object>(key: string, initial: T): T {
  try {
    const saved = localStorage.getItem(key);
    return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
  } catch {
    // A value from an older build or a full/blocked storage: start from the defaults.
    return initial;
  }
}

/**
 * A list's filters, search, sort and page size, kept in localStorage so they survive
 * leaving the page and a reload. `transient` keys (查看完整信息 and the like) are never
 * stored: unmasking needs a fresh reason each time. `override` wins over what was stored
 * (a link from the map that names what to search for).
 */
export function useRemembered<T extends object>(
  list: string,
  initial: T,
  opts: { transient?: (keyof T)[]; override?: Partial<T> } = {},
): [T, Dispatch<SetStateAction<T>>] {
  const { me } = useSession();
  const key = rememberedKey(me.username, list);
  const [state, setState] = useState<T>(() => {
    const stored = read(key, initial);
    for (const k of opts.transient ?? []) stored[k] = initial[k];
    return { ...stored, ...opts.override };
  });
  const transient = (opts.transient ?? []).join(',');
  useEffect(() => {
    const kept = { ...state } as Record<string, unknown>;
    for (const k of transient ? transient.split(',') : []) delete kept[k];
    try {
      localStorage.setItem(key, JSON.stringify(kept));
    } catch {
      // Storage full or disabled (private window): the list still works, it just forgets.
    }
  }, [key, state, transient]);
  return [state, setState];
}
