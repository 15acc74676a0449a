import type Database from 'better-sqlite3-multiple-ciphers';
import { maskPersonal } from '../../../shared/domain/mask';
import { stmt } from '../db/statements';
import { auditRetentionYears, putSetting } from './settings';

export type AuditKind = 'write' | 'read_personal' | 'export' | 'auth' | 'security';

export interface AuditInput {
  ts: string;
  userId: number | null;
  username: string | null;
  client: string;
  method: string;
  kind: AuditKind;
  entity?: string | null;
  entityId?: number | null;
  detail?: unknown;
  rowCount?: number | null;
}

/** Appends one row. Personal fields in `detail` are masked before they are stored. */
export function writeAudit(db: Database.Database, e: AuditInput): void {
  const detail = e.detail === undefined || e.detail === null ? null : JSON.stringify(maskPersonal(e.detail));
  stmt(
    db,
    `INSERT INTO audit_log (ts, user_id, username, client, method, kind, entity, entity_id, detail, row_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.ts, e.userId, e.username, e.client, e.method, e.kind, e.entity ?? null, e.entityId ?? null, detail, e.rowCount ?? null);
}

/** Field-by-field differences of a write, for the log ("before" and "after" of what changed). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'createdAt') continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  return out;
}

/** Deletes rows older than the retention period; the delete trigger allows nothing newer. */
export function purgeAudit(db: Database.Database, now: Date): number {
  const cutoff = new Date(now);
  cutoff.setFullYear(cutoff.getFullYear() - auditRetentionYears(db));
  putSetting(db, 'audit_purge_before', cutoff.toISOString());
  return stmt(db, 'DELETE FROM audit_log WHERE ts < ?').run(cutoff.toISOString()).changes;
}
