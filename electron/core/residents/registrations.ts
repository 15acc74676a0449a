import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { FEVER, type Registration, type RegistrationInput } from '../../../shared/api/residents';
import { stmt } from '../db/statements';
import { type Scope, scopeWhere } from '../kernel/entity';
import { passProblem } from './household-services';
import { checkPassCode } from './pass-codes';
import { dayEnd, dayStart } from '../../../shared/domain/days';

/** Checkpoint registrations (登记) and the alerts an abnormal temperature raises. */

type RegOut = z.input<typeof Registration>;
const SELECT = `SELECT r.id, r.checkpoint_id AS checkpointId, k.name AS checkpointName, r.ts, r.subject, r.name, r.phone, r.id_number AS idNumber, r.resident_id AS residentId, r.plate, r.direction, r.temperature,
  r.abnormal, r.pass_no AS passNo, r.reason, r.refused, r.pass_flag AS passFlag, r.username FROM registrations r JOIN checkpoints k ON k.id = r.checkpoint_id`;
const fromRow = (r: Record<string, unknown>) => ({ ...(r as unknown as RegOut), abnormal: r.abnormal === 1, refused: r.refused === 1 });

/** [start, end) of a calendar day as stored instants (ranges of ts use the index). */
const dayRange = (day: string): [string, string] => [dayStart(day), dayEnd(day)];

const WEEK = 7 * 86_400_000;

export function register(db: Database.Database, f: z.output<typeof RegistrationInput>, who: { username: string; now: Date }): RegOut {
  if (f.clientId) {
    // Sent again after a lost reply or a queue flush: the first one stands.
    const seen = stmt(db, `${SELECT} WHERE r.client_id = ?`).get(f.clientId) as Record<string, unknown> | undefined;
    if (seen) return fromRow(seen);
  }
  const cp = stmt(db, 'SELECT name FROM checkpoints WHERE id = ?').get(f.checkpointId) as { name: string } | undefined;
  if (!cp) throw new ApiError('VALIDATION', '卡点不存在', [{ path: 'checkpointId', message: '卡点不存在' }]);
  const hasPass = !!(f.passNo || f.passCode);
  // A scanned pass names the household, so the gate need not type a name for it.
  if (f.subject === 'person' && !f.name && !hasPass) throw new ApiError('VALIDATION', '请填写姓名', [{ path: 'name', message: '请填写姓名' }]);
  if (f.subject === 'vehicle' && !f.plate) throw new ApiError('VALIDATION', '请填写车牌号', [{ path: 'plate', message: '请填写车牌号' }]);
  const abnormal = f.temperature !== null && f.temperature >= FEVER;
  // A phone's queued entry keeps the time it was made, within the last week and never in the future (its clock may be off).
  const at = f.at ? Math.min(Math.max(Date.parse(f.at), who.now.getTime() - WEEK), who.now.getTime()) : who.now.getTime();
  const ts = new Date(at).toISOString();
  // The entry is kept either way; a bad pass is flagged for the person at the gate to act on.
  let passNo = f.passNo?.toUpperCase() ?? null;
  let passFlag: string | null = null;
  if (f.passCode) {
    const check = checkPassCode(db, f.passCode, f.direction, new Date(at));
    passNo = check.passNo ?? passNo;
    passFlag = check.reason;
  } else if (passNo) passFlag = passProblem(db, passNo, f.direction, new Date(at));
  const resident = f.idNumber ? (stmt(db, 'SELECT id FROM residents WHERE id_number = ?').get(f.idNumber) as { id: number } | undefined) : undefined;
  const id = Number(
    stmt(
      db,
      `INSERT INTO registrations (checkpoint_id, ts, subject, name, phone, id_number, resident_id, plate, direction, temperature, abnormal, pass_no, reason, refused,
         pass_flag, username, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.checkpointId,
      ts,
      f.subject,
      f.name,
      f.phone,
      f.idNumber,
      resident?.id ?? null,
      f.plate,
      f.direction,
      f.temperature,
      abnormal ? 1 : 0,
      passNo,
      f.reason,
      f.refused ? 1 : 0,
      passFlag,
      who.username,
      f.clientId,
    ).lastInsertRowid,
  );
  if (abnormal) {
    // The alert names the place and the reading, not the person: it is shown on the 总览 of every role.
    stmt(db, "INSERT INTO alerts (kind, ts, checkpoint_id, registration_id, message) VALUES ('temperature', ?, ?, ?, ?)").run(
      ts,
      f.checkpointId,
      id,
      `${cp.name}：${f.subject === 'vehicle' ? '车辆人员' : '来人'}体温 ${f.temperature!.toFixed(1)} ℃`,
    );
  }
  return fromRow(stmt(db, `${SELECT} WHERE r.id = ?`).get(id) as Record<string, unknown>);
}

export function listRegistrations(db: Database.Database, f: { checkpointId?: number; day: string; page: number; pageSize: number }, scope: Scope) {
  const [from, to] = dayRange(f.day);
  const w = scopeWhere(scope, '(SELECT community_id FROM checkpoints WHERE id = r.checkpoint_id)');
  const where = `r.ts >= ? AND r.ts < ? AND (? IS NULL OR r.checkpoint_id = ?) AND ${w.sql}`;
  const params = [from, to, f.checkpointId ?? null, f.checkpointId ?? null, ...w.params];
  const total = (stmt(db, `SELECT count(*) AS n FROM registrations r WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = (
    stmt(db, `${SELECT} WHERE ${where} ORDER BY r.ts DESC, r.id DESC LIMIT ? OFFSET ?`).all(...params, f.pageSize, (f.page - 1) * f.pageSize) as Record<
      string,
      unknown
    >[]
  ).map(fromRow);
  return { rows, total };
}

/** Per checkpoint, one day: the counts the registrations' triggers keep per day (see migration 0100). */
export function dailyCounts(db: Database.Database, day: string, scope: Scope) {
  const w = scopeWhere(scope, 'community_id');
  const counts = stmt(db, 'SELECT people, vehicles, abnormal, refused FROM registration_days WHERE day = ? AND checkpoint_id = ?');
  return (stmt(db, `SELECT id, name FROM checkpoints WHERE ${w.sql} ORDER BY id`).all(...w.params) as { id: number; name: string }[]).map((k) => ({
    checkpointId: k.id,
    checkpointName: k.name,
    ...((counts.get(day, k.id) as { people: number; vehicles: number; abnormal: number; refused: number } | undefined) ?? {
      people: 0,
      vehicles: 0,
      abnormal: 0,
      refused: 0,
    }),
  }));
}

/** An alert belongs to its checkpoint's community or its key person's compound's; one with neither is office-wide. */
const ALERT_COMMUNITY = `coalesce(k.community_id, (SELECT p.community_id FROM key_persons kp JOIN compounds p ON p.id = kp.compound_id WHERE kp.id = a.key_person_id))`;
const ALERT_SCOPE = scopeWhere({ all: true, userId: 0 }, ALERT_COMMUNITY, true).sql;

export const openAlerts = (db: Database.Database, scope: Scope) =>
  stmt(
    db,
    `SELECT a.id, a.kind, a.ts, a.checkpoint_id AS checkpointId, k.name AS checkpointName, a.message, a.seen_by AS seenBy, a.seen_at AS seenAt,
       a.ack_by AS ackBy, a.ack_at AS ackAt, a.action
     FROM alerts a LEFT JOIN checkpoints k ON k.id = a.checkpoint_id WHERE a.ack_at IS NULL AND ${ALERT_SCOPE} ORDER BY a.ts DESC LIMIT 200`,
  ).all(...scopeWhere(scope, '', true).params) as never[];

export function acknowledge(db: Database.Database, id: number, action: string, who: { username: string; now: Date }): void {
  const a = stmt(db, 'SELECT ack_at FROM alerts WHERE id = ?').get(id) as { ack_at: string | null } | undefined;
  if (!a) throw new ApiError('NOT_FOUND', '预警不存在');
  if (a.ack_at) throw new ApiError('CONFLICT', '该预警已有人处理');
  stmt(db, 'UPDATE alerts SET ack_by = ?, ack_at = ?, action = ? WHERE id = ?').run(who.username, who.now.toISOString(), action, id);
}

/**
 * The gate's 已知晓: the person at the checkpoint saw the fever warning. Only the first
 * is recorded; the alert stays open for the command centre to act on.
 */
export function markSeen(db: Database.Database, id: number, who: { username: string; now: Date }): void {
  const a = stmt(db, 'SELECT kind FROM alerts WHERE id = ?').get(id) as { kind: string } | undefined;
  if (!a) throw new ApiError('NOT_FOUND', '预警不存在');
  stmt(db, 'UPDATE alerts SET seen_by = ?, seen_at = ? WHERE id = ? AND seen_at IS NULL').run(who.username, who.now.toISOString(), id);
}

/** Checkpoints with an open alert, for the map (the partial index keeps this cheap). */
export const alertingCheckpoints = (db: Database.Database) =>
  (stmt(db, 'SELECT DISTINCT checkpoint_id AS id FROM alerts WHERE ack_at IS NULL AND checkpoint_id IS NOT NULL').all() as { id: number }[]).map((r) => r.id);

/** Compounds of key persons whose follow-up alert is open. */
export const alertingCompounds = (db: Database.Database) =>
  (
    stmt(
      db,
      'SELECT DISTINCT k.compound_id AS id FROM alerts a JOIN key_persons k ON k.id = a.key_person_id WHERE a.ack_at IS NULL AND k.compound_id IS NOT NULL',
    ).all() as { id: number }[]
  ).map((r) => r.id);
