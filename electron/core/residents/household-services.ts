import crypto from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { stmt } from '../db/statements';
import { type Scope, scopeWhere } from '../kernel/entity';
import { localDay } from '../../../shared/domain/days';

type Who = { username: string; now: Date };

const PASS_SELECT = `SELECT s.id, s.pass_no AS passNo, s.household_id AS householdId, p.name || ' ' || b.name || '栋' || CASE WHEN h.unit <> '' THEN h.unit || '单元' ELSE '' END || h.room AS address,
  s.uses, s.per_days AS perDays, s.valid_from AS validFrom, s.valid_to AS validTo, s.revoked
  FROM passes s JOIN households h ON h.id = s.household_id JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id`;
const passRow = (r: Record<string, unknown>) => ({ ...(r as never as object), revoked: r.revoked === 1 }) as never;

export function issuePass(db: Database.Database, f: { householdId: number; uses: number; perDays: number; validFrom: string; validTo: string }, who: Who) {
  if (!stmt(db, 'SELECT 1 FROM households WHERE id = ?').get(f.householdId))
    throw new ApiError('VALIDATION', '该户不存在', [{ path: 'householdId', message: '该户不存在' }]);
  if (f.validTo < f.validFrom) throw new ApiError('VALIDATION', '有效期结束不能早于开始', [{ path: 'validTo', message: '结束不能早于开始' }]);
  // Short, unguessable, easy to read out: 8 characters without 0/O/1/I.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let passNo: string;
  do passNo = Array.from(crypto.randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
  while (stmt(db, 'SELECT 1 FROM passes WHERE pass_no = ?').get(passNo));
  const id = Number(
    stmt(db, 'INSERT INTO passes (pass_no, household_id, uses, per_days, valid_from, valid_to, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      passNo,
      f.householdId,
      f.uses,
      f.perDays,
      f.validFrom,
      f.validTo,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  return passRow(stmt(db, `${PASS_SELECT} WHERE s.id = ?`).get(id) as Record<string, unknown>);
}

export function listPasses(db: Database.Database, scope: Scope, compoundId?: number) {
  const w = scopeWhere(scope, 'p.community_id');
  return (
    stmt(db, `${PASS_SELECT} WHERE (? IS NULL OR p.id = ?) AND ${w.sql} ORDER BY s.id DESC LIMIT 1000`).all(
      compoundId ?? null,
      compoundId ?? null,
      ...w.params,
    ) as Record<string, unknown>[]
  ).map(passRow);
}

/**
 * What is wrong with a pass shown at a checkpoint now, in Chinese, or null: unknown,
 * revoked, outside its dates, or its exits in the rolling window already used. Only
 * exits count against the rule (coming home is always allowed).
 */
export function passProblem(db: Database.Database, passNo: string, direction: 'in' | 'out', now: Date): string | null {
  const p = stmt(db, 'SELECT uses, per_days, valid_from, valid_to, revoked FROM passes WHERE pass_no = ?').get(passNo.toUpperCase()) as
    { uses: number; per_days: number; valid_from: string; valid_to: string; revoked: number } | undefined;
  if (!p) return '出入证号不存在';
  if (p.revoked) return '出入证已收回';
  const today = localDay(now);
  if (today < p.valid_from || today > p.valid_to) return `出入证不在有效期（${p.valid_from} 至 ${p.valid_to}）`;
  if (direction !== 'out') return null;
  const since = new Date(now.getTime() - p.per_days * 86_400_000).toISOString();
  const used = (
    stmt(db, "SELECT count(*) AS n FROM registrations WHERE pass_no = ? AND ts >= ? AND direction = 'out'").get(passNo.toUpperCase(), since) as { n: number }
  ).n;
  return used >= p.uses ? `出入证 ${p.per_days} 天内限出 ${p.uses} 次，已用 ${used} 次` : null;
}

export function revokePass(db: Database.Database, id: number) {
  if (stmt(db, 'UPDATE passes SET revoked = 1 WHERE id = ?').run(id).changes === 0) throw new ApiError('NOT_FOUND', '出入证不存在');
}

export function listNeeds(db: Database.Database, open: boolean, scope: Scope) {
  const w = scopeWhere(scope, 'coalesce((SELECT community_id FROM compounds WHERE id = k.compound_id), p.community_id)');
  return stmt(
    db,
    `SELECT n.id, n.kind, n.detail, coalesce(k.name, p.name || ' ' || b.name || '栋' || h.room) AS who, v.name AS volunteer, n.created_at AS createdAt, n.done_at AS doneAt
     FROM needs n LEFT JOIN key_persons k ON k.id = n.key_person_id LEFT JOIN households h ON h.id = n.household_id
     LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN compounds p ON p.id = b.compound_id LEFT JOIN people v ON v.id = n.volunteer_id
     WHERE (? = 0 OR n.done_at IS NULL) AND ${w.sql} ORDER BY n.done_at IS NOT NULL, n.created_at DESC LIMIT 500`,
  ).all(open ? 1 : 0, ...w.params) as never[];
}

export function createNeed(
  db: Database.Database,
  f: { keyPersonId: number | null; householdId: number | null; kind: string; detail: string; volunteerId: number | null },
  who: Who,
) {
  if (f.keyPersonId === null && f.householdId === null) throw new ApiError('VALIDATION', '请选择重点人员或住户');
  const id = Number(
    stmt(db, 'INSERT INTO needs (key_person_id, household_id, kind, detail, volunteer_id, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      f.keyPersonId,
      f.householdId,
      f.kind,
      f.detail,
      f.volunteerId,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  return { id };
}

export function createRound(db: Database.Database, f: { name: string; day: string }, who: Who) {
  const id = Number(
    stmt(db, 'INSERT INTO test_rounds (name, day, created_by, created_at) VALUES (?, ?, ?, ?)').run(f.name, f.day, who.username, who.now.toISOString())
      .lastInsertRowid,
  );
  // Due: the compound's registered residents when it has any, else its stated population.
  stmt(
    db,
    `INSERT INTO test_counts (round_id, compound_id, due)
     SELECT ?, p.id, CASE WHEN r.n > 0 THEN r.n ELSE p.population END FROM compounds p
     LEFT JOIN (SELECT compound_id, count(*) AS n FROM residents GROUP BY compound_id) r ON r.compound_id = p.id`,
  ).run(id);
  return { id };
}
