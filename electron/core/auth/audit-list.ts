import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditRow } from '../../../shared/api/auth';
import { stmt } from '../db/statements';

export interface AuditQuery {
  username?: string;
  kind?: AuditRow['kind'];
  entity?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Newest first; every filter is a bound parameter in one fixed statement. */
export function listAudit(db: Database.Database, q: AuditQuery) {
  const where = `WHERE (?1 IS NULL OR username = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR entity = ?3)
    AND (?4 IS NULL OR ts >= ?4) AND (?5 IS NULL OR ts < ?5)`;
  const params = [q.username ?? null, q.kind ?? null, q.entity ?? null, q.from ?? null, q.to ?? null];
  const total = (stmt(db, `SELECT count(*) AS n FROM audit_log ${where}`).get(...params) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT id, ts, username, client, method, kind, entity, entity_id AS entityId, detail, row_count AS rowCount
     FROM audit_log ${where} ORDER BY ts DESC, id DESC LIMIT ?6 OFFSET ?7`,
  ).all(...params, q.pageSize, (q.page - 1) * q.pageSize) as AuditRow[];
  return { rows, total };
}
