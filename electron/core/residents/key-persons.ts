import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { FEVER } from '../../../shared/api/residents';
import { type DueRow, KeyCategory, type KeyPerson, type KeyPersonFields, KeyStatus } from '../../../shared/api/key-persons';
import { maskName } from '../../../shared/domain/mask';
import { getSetting, putSetting } from '../auth/settings';
import { stmt } from '../db/statements';
import { type Scope, scopeWhere } from '../kernel/entity';
import { searchKey } from '../kernel/search-key';
import { addDays, localDay, localHour } from '../../../shared/domain/days';

type Who = { username: string; now: Date };
type KeyOut = z.input<typeof KeyPerson>;

export const DEFAULT_DAYS = 14;

/** Default days under a measure, per category (14 unless the office set otherwise). */
export function measureDays(db: Database.Database): Record<string, number> {
  const stored = JSON.parse(getSetting(db, 'key_person_days') ?? '{}') as Record<string, number>;
  return Object.fromEntries(Object.keys(KeyCategory).map((k) => [k, stored[k] ?? DEFAULT_DAYS]));
}
export function setMeasureDays(db: Database.Database, days: Record<string, number>) {
  putSetting(db, 'key_person_days', JSON.stringify({ ...measureDays(db), ...days }));
  return measureDays(db);
}

const SELECT = `SELECT k.id, k.name, k.id_number AS idNumber, k.phone, k.compound_id AS compoundId, p.name AS compoundName, k.category, k.origin, k.arrival_date AS arrivalDate,
  k.measure, k.start_date AS startDate, k.end_date AS endDate, k.status,
  c.name AS cadre, g.name AS grid, d.name AS doctor, o.name AS police, v.name AS volunteer, k.resident_id AS residentId, r.name AS residentName
  FROM key_persons k LEFT JOIN compounds p ON p.id = k.compound_id LEFT JOIN residents r ON r.id = k.resident_id
  LEFT JOIN people c ON c.id = k.cadre_id LEFT JOIN people g ON g.id = k.grid_id LEFT JOIN people d ON d.id = k.doctor_id
  LEFT JOIN people o ON o.id = k.police_id LEFT JOIN people v ON v.id = k.volunteer_id`;
const fromRow = ({ cadre, grid, doctor, police, volunteer, ...r }: Record<string, unknown>) => ({
  ...(r as unknown as KeyOut),
  team: [cadre, grid, doctor, police, volunteer] as (string | null)[],
});

export function getKeyPerson(db: Database.Database, id: number): KeyOut {
  const r = stmt(db, `${SELECT} WHERE k.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `重点人员不存在（编号 ${id}）`);
  return fromRow(r);
}

export function listKeyPersons(
  db: Database.Database,
  f: { q?: string; status?: string; category?: string; compoundId?: number; page: number; pageSize: number },
  scope: Scope,
) {
  const where = [
    '(? IS NULL OR k.status = ?)',
    '(? IS NULL OR k.category = ?)',
    '(? IS NULL OR k.compound_id = ?)',
    "(? IS NULL OR k.search_key LIKE ? ESCAPE '\\')",
  ];
  const q = f.q
    ? `%${f.q
        .toLowerCase()
        .replace(/\s/g, '')
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const params: unknown[] = [f.status ?? null, f.status ?? null, f.category ?? null, f.category ?? null, f.compoundId ?? null, f.compoundId ?? null, q, q];
  const w = scopeWhere(scope, '(SELECT community_id FROM compounds WHERE id = k.compound_id)');
  where.push(w.sql);
  params.push(...w.params);
  const total = (stmt(db, `SELECT count(*) AS n FROM key_persons k WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
  const rows = (
    stmt(db, `${SELECT} WHERE ${where.join(' AND ')} ORDER BY k.start_date DESC, k.id DESC LIMIT ? OFFSET ?`).all(
      ...params,
      f.pageSize,
      (f.page - 1) * f.pageSize,
    ) as Record<string, unknown>[]
  ).map(fromRow);
  return { rows, total };
}

export function createKeyPerson(db: Database.Database, f: z.output<typeof KeyPersonFields>, who: Who): KeyOut {
  let { name, idNumber, phone, compoundId } = f;
  if (f.residentId !== null) {
    // A registered resident: the record takes their details, so the two cannot disagree.
    const r = stmt(db, 'SELECT name, id_number, phone, compound_id FROM residents WHERE id = ?').get(f.residentId) as
      { name: string; id_number: string; phone: string | null; compound_id: number | null } | undefined;
    if (!r) throw new ApiError('VALIDATION', '居民不存在', [{ path: 'residentId', message: '居民不存在' }]);
    ({ name, id_number: idNumber, phone, compound_id: compoundId } = { ...r, id_number: r.id_number });
  }
  for (const [field, id] of [
    ['cadreId', f.cadreId],
    ['gridId', f.gridId],
    ['doctorId', f.doctorId],
    ['policeId', f.policeId],
    ['volunteerId', f.volunteerId],
  ] as const) {
    if (id !== null && !stmt(db, 'SELECT 1 FROM people WHERE id = ?').get(id))
      throw new ApiError('VALIDATION', '责任人不存在', [{ path: field, message: '责任人不存在' }]);
  }
  const days = f.days ?? measureDays(db)[f.category]!;
  const at = who.now.toISOString();
  const id = Number(
    stmt(
      db,
      `INSERT INTO key_persons (resident_id, name, id_number, phone, compound_id, address, category, origin, arrival_date, transport, measure, start_date, end_date, status,
        cadre_id, grid_id, doctor_id, police_id, volunteer_id, note, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'observing', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.residentId,
      name,
      idNumber,
      phone,
      compoundId,
      f.address,
      f.category,
      f.origin,
      f.arrivalDate,
      f.transport,
      f.measure,
      f.startDate,
      addDays(f.startDate, days),
      f.cadreId,
      f.gridId,
      f.doctorId,
      f.policeId,
      f.volunteerId,
      f.note,
      `${searchKey(name)}|${phone?.slice(-4) ?? ''}`,
      at,
      at,
    ).lastInsertRowid,
  );
  stmt(db, "INSERT INTO key_person_events (key_person_id, ts, status, note, username) VALUES (?, ?, 'observing', ?, ?)").run(
    id,
    at,
    `${f.startDate} 起${days}天`,
    who.username,
  );
  return getKeyPerson(db, id);
}

/**
 * Links a key person to their record in the resident register (or unlinks, with null).
 * The resident must live in the key person's community; details the key person lacks
 * (ID number, phone, compound) are taken from the register.
 */
export function linkResident(db: Database.Database, id: number, residentId: number | null, who: Who): KeyOut {
  const k = stmt(db, 'SELECT compound_id AS compoundId FROM key_persons WHERE id = ?').get(id) as { compoundId: number | null } | undefined;
  if (!k) throw new ApiError('NOT_FOUND', `重点人员不存在（编号 ${id}）`);
  if (residentId === null) {
    stmt(db, 'UPDATE key_persons SET resident_id = NULL, updated_at = ? WHERE id = ?').run(who.now.toISOString(), id);
    return getKeyPerson(db, id);
  }
  const r = stmt(
    db,
    'SELECT r.compound_id AS compoundId, p.community_id AS communityId FROM residents r LEFT JOIN compounds p ON p.id = r.compound_id WHERE r.id = ?',
  ).get(residentId) as { compoundId: number | null; communityId: number | null } | undefined;
  if (!r) throw new ApiError('VALIDATION', '居民不存在', [{ path: 'residentId', message: '居民不存在' }]);
  if (k.compoundId !== null) {
    const own = (stmt(db, 'SELECT community_id AS id FROM compounds WHERE id = ?').get(k.compoundId) as { id: number }).id;
    if (r.communityId !== own)
      throw new ApiError('VALIDATION', '该居民不在此人所住小区的社区，请从本社区的居民中选择', [{ path: 'residentId', message: '不是本社区的居民' }]);
  }
  stmt(
    db,
    `UPDATE key_persons SET resident_id = r.id, id_number = coalesce(key_persons.id_number, r.id_number), phone = coalesce(key_persons.phone, r.phone),
       compound_id = coalesce(key_persons.compound_id, r.compound_id), updated_at = ? FROM (SELECT id, id_number, phone, compound_id FROM residents WHERE id = ?) r
     WHERE key_persons.id = ?`,
  ).run(who.now.toISOString(), residentId, id);
  return getKeyPerson(db, id);
}

export function setStatus(db: Database.Database, id: number, status: keyof typeof KeyStatus, note: string | null, who: Who): void {
  const k = stmt(db, 'SELECT status FROM key_persons WHERE id = ?').get(id) as { status: string } | undefined;
  if (!k) throw new ApiError('NOT_FOUND', `重点人员不存在（编号 ${id}）`);
  if (k.status === status) throw new ApiError('CONFLICT', `已经是“${KeyStatus[status]}”`);
  stmt(db, 'UPDATE key_persons SET status = ?, updated_at = ? WHERE id = ?').run(status, who.now.toISOString(), id);
  stmt(db, 'INSERT INTO key_person_events (key_person_id, ts, status, note, username) VALUES (?, ?, ?, ?, ?)').run(
    id,
    who.now.toISOString(),
    status,
    note,
    who.username,
  );
}

/**
 * The day's follow-ups: everyone still 观察中 whose measure covers the day ([start, end)),
 * with the morning (due by 12:00) and afternoon (due by 20:00) checks found or overdue.
 */
export function dueList(
  db: Database.Database,
  f: { day: string; compoundId?: number; responsibleId?: number },
  now: Date,
  scope: Scope,
): z.input<typeof DueRow>[] {
  const w = scopeWhere(scope, 'p.community_id');
  const rows = stmt(
    db,
    `SELECT k.id, k.name, p.name AS compoundName, coalesce(g.name, c.name, d.name) AS responsible, k.end_date AS endDate
     FROM key_persons k LEFT JOIN compounds p ON p.id = k.compound_id
     LEFT JOIN people g ON g.id = k.grid_id LEFT JOIN people c ON c.id = k.cadre_id LEFT JOIN people d ON d.id = k.doctor_id
     WHERE k.status = 'observing' AND k.start_date <= ? AND k.end_date > ?
       AND (? IS NULL OR k.compound_id = ?)
       AND (? IS NULL OR ? IN (k.cadre_id, k.grid_id, k.doctor_id, k.police_id, k.volunteer_id))
       AND ${w.sql}
     ORDER BY p.name, k.id`,
  ).all(f.day, f.day, f.compoundId ?? null, f.compoundId ?? null, f.responsibleId ?? null, f.responsibleId ?? null, ...w.params) as {
    id: number;
    name: string;
    compoundName: string | null;
    responsible: string | null;
    endDate: string;
  }[];
  const checks = new Map(
    (
      stmt(db, 'SELECT key_person_id AS id, slot, temperature, symptoms FROM followups WHERE day = ?').all(f.day) as {
        id: number;
        slot: 'am' | 'pm';
        temperature: number | null;
        symptoms: string | null;
      }[]
    ).map((c) => [`${c.id}:${c.slot}`, { temperature: c.temperature, symptoms: c.symptoms }]),
  );
  const today = localDay(now);
  const hour = localHour(now);
  const passed = (slot: 'am' | 'pm') => f.day < today || (f.day === today && hour >= (slot === 'am' ? 12 : 20));
  return rows.map((r) => {
    const am = checks.get(`${r.id}:am`) ?? null;
    const pm = checks.get(`${r.id}:pm`) ?? null;
    return {
      keyPersonId: r.id,
      name: r.name,
      compoundName: r.compoundName,
      responsible: r.responsible,
      day: f.day,
      am,
      pm,
      overdue: (['am', 'pm'] as const).filter((s) => (s === 'am' ? am : pm) === null && passed(s)),
      lastDay: addDays(f.day, 1) === r.endDate,
    };
  });
}

/** The afternoon check's window opens at noon (the morning one is overdue from then). */
const PM_FROM = 12;

export function recordFollowup(
  db: Database.Database,
  f: { keyPersonId: number; day: string; slot: 'am' | 'pm'; temperature: number | null; symptoms: string | null },
  who: Who,
): { alert: boolean } {
  const k = stmt(db, 'SELECT name, status, start_date, end_date, compound_id FROM key_persons WHERE id = ?').get(f.keyPersonId) as
    { name: string; status: string; start_date: string; end_date: string; compound_id: number | null } | undefined;
  if (!k) throw new ApiError('NOT_FOUND', '重点人员不存在');
  if (f.day < k.start_date || f.day >= k.end_date)
    throw new ApiError('VALIDATION', `${f.day} 不在该人员的管控期内（${k.start_date} 至 ${addDays(k.end_date, -1)}）`);
  if (f.temperature === null && !f.symptoms) throw new ApiError('VALIDATION', '请填写体温或症状', [{ path: 'temperature', message: '请填写体温' }]);
  // A check is recorded when it was made: not for a day to come, not an afternoon one in the morning.
  const today = localDay(who.now);
  if (f.day > today) throw new ApiError('VALIDATION', `不能登记 ${f.day} 的随访：那一天还没到`, [{ path: 'day', message: '日期还没到' }]);
  if (f.day === today && f.slot === 'pm' && localHour(who.now) < PM_FROM) {
    const hhmm = new Date(who.now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
    throw new ApiError('VALIDATION', `下午随访 ${PM_FROM}:00 以后才能登记（现在是 ${hhmm}）`, [{ path: 'slot', message: `下午随访 ${PM_FROM}:00 以后登记` }]);
  }
  try {
    stmt(db, 'INSERT INTO followups (key_person_id, day, slot, temperature, symptoms, username, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      f.keyPersonId,
      f.day,
      f.slot,
      f.temperature,
      f.symptoms,
      who.username,
      who.now.toISOString(),
    );
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ApiError('CONFLICT', `${f.day}${f.slot === 'am' ? '上午' : '下午'}的随访已登记`);
    throw e;
  }
  const alert = (f.temperature !== null && f.temperature >= FEVER) || !!f.symptoms;
  if (alert) {
    const place = k.compound_id ? (stmt(db, 'SELECT name FROM compounds WHERE id = ?').get(k.compound_id) as { name: string }).name : '辖区';
    const what = [f.temperature !== null && f.temperature >= FEVER ? `体温 ${f.temperature.toFixed(1)} ℃` : null, f.symptoms ? `症状：${f.symptoms}` : null]
      .filter(Boolean)
      .join('，');
    // Shown to every role on 总览: the name is masked as in any list.
    stmt(db, "INSERT INTO alerts (kind, ts, key_person_id, message) VALUES ('followup', ?, ?, ?)").run(
      who.now.toISOString(),
      f.keyPersonId,
      `${place} 重点人员${maskName(k.name)}${what}`,
    );
  }
  return { alert };
}

export const history = (db: Database.Database, id: number) =>
  stmt(db, 'SELECT ts, status, note, username FROM key_person_events WHERE key_person_id = ? ORDER BY id').all(id) as never[];
