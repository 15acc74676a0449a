import type Database from 'better-sqlite3-multiple-ciphers';
import { dayFigures } from './figures';

/**
 * A day's figures as a read job (db/read-thread.ts): over an office of 140,000 residents and
 * years of registrations they take a noticeable while, so a briefing's generation counts
 * them on a thread of its own; the same function counts them on the core's thread in a small
 * office.
 */
export const dayFiguresJob = (db: Database.Database, { day, map }: { day: string; map: boolean }) => dayFigures(db, day, { map });
