import type Database from 'better-sqlite3-multiple-ciphers';
import { Basemap } from '../../../shared/api/map';
import { tileOrigins } from '../../../shared/domain/csp';
import { getSetting } from '../auth/settings';

/** The configured basemap, or the schematic map when none (or something unreadable) is stored. */
export function readBasemap(db: Database.Database) {
  const parsed = Basemap.safeParse(JSON.parse(getSetting(db, 'basemap') ?? '{"source":"none"}'));
  return parsed.success ? parsed.data : { source: 'none', url: '', crs: 'WGS84' as const };
}

/** Origins the page may load images from besides itself: the online basemap, when it is the one in use. */
export function basemapOrigins(db: Database.Database): string[] {
  const b = readBasemap(db);
  return b.source === 'online' ? tileOrigins(b.url) : [];
}
