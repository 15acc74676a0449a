import { useEffect, useState } from 'react';
import { useSession } from '../auth/me';

/** What an inspector has entered and not yet sent. Photos are the downscaled JPEGs (about 100–300 kB each as base64). */
export interface InspectionDraft<T> {
  day: string;
  slot: string;
  kind: string;
  members: { value: number; label: string }[];
  targets: T[];
  savedAt: string;
}

const keyOf = (username: string) => `sc:inspection-draft:${username}`;

export function readDraft<T>(username: string): InspectionDraft<T> | null {
  try {
    const raw = localStorage.getItem(keyOf(username));
    return raw ? (JSON.parse(raw) as InspectionDraft<T>) : null;
  } catch {
    return null;
  }
}

/** Forgets the draft at once (after 提交: the entry form may be gone before its next effect runs). */
export function clearDraft(username: string): void {
  localStorage.removeItem(keyOf(username));
}

const stripPhotos = (value: unknown): unknown => JSON.parse(JSON.stringify(value), (k, v: unknown) => (k === 'photos' && Array.isArray(v) ? [] : v)) as unknown;

/**
 * Keeps the unsent inspection in this browser (per user) on every change, so a reload, a
 * dropped connection or a closed tab loses nothing; it is removed once there is nothing to
 * send (after 提交, or when every place is taken out). When the photos do not fit in the
 * browser's storage (about 5 MB) the draft is kept without them and `photosDropped` says so.
 */
export function useInspectionDraft<T>(draft: Omit<InspectionDraft<T>, 'savedAt'>): { photosDropped: boolean } {
  const { me } = useSession();
  const [photosDropped, setPhotosDropped] = useState(false);
  const json = JSON.stringify(draft);
  useEffect(() => {
    const key = keyOf(me.username);
    const value = JSON.parse(json) as InspectionDraft<T>;
    if (!value.targets.length) {
      localStorage.removeItem(key);
      setPhotosDropped(false);
      return;
    }
    value.savedAt = new Date().toISOString();
    try {
      localStorage.setItem(key, JSON.stringify(value));
      setPhotosDropped(false);
    } catch {
      try {
        localStorage.setItem(key, JSON.stringify(stripPhotos(value)));
        setPhotosDropped(true);
      } catch {
        // Storage disabled: the form still works, it just is not kept.
      }
    }
  }, [json, me.username]);
  return { photosDropped };
}
