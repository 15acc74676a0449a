import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';

export function getSetting(db: Database.Database, key: string): string | null {
  return (stmt(db, 'SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function putSetting(db: Database.Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export const idleTimeoutMinutes = (db: Database.Database) => Number(getSetting(db, 'idle_timeout_minutes') ?? 30);
export const auditRetentionYears = (db: Database.Database) => Number(getSetting(db, 'audit_retention_years') ?? 3);
