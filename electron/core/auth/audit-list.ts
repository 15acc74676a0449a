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
  const where = `WHERE (@username IS NULL OR username = @username) AND (@kind IS NULL OR kind = @kind)
    AND (@entity IS NULL OR entity = @entity) AND (@from IS NULL OR ts >= @from) AND (@to IS NULL OR ts < @to)`;
  const params = { username: q.username ?? null, kind: q.kind ?? null, entity: q.entity ?? null, from: q.from ?? null, to: q.to ?? null };
  const total = (stmt(db, `SELECT count(*) AS n FROM audit_log ${where}`).get(params) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT id, ts, username, client, method, kind, entity, entity_id AS entityId, detail, row_count AS rowCount
     FROM audit_log ${where} ORDER BY ts DESC, id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditRow[];
  return { rows, total };
}
