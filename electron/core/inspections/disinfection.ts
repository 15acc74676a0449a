import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { AreaRow, CoverageRow, DisinfectionInput } from '../../../shared/api/disinfection';
import { ApiError } from '../../../shared/api/errors';
import { localDay } from '../../../shared/domain/days';
import { DisinfectArea } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { ALL_COMMUNITIES, type Scope } from '../kernel/entity';
import { writeMoves } from '../supplies/ledger';

/**
 * 消杀: areas of a compound or a premises with how many times a day they are due (电梯、
 * 楼道、单元门、公共卫生间 — "每天消毒不少于两次"), and around each household under home
 * observation while its measure lasts. A record may draw its agent from stock (a 领用 row
 * in the ledger, which refuses to go below zero). Coverage is per day: done (at most the
 * due number per area) against due.
 */

type Db = Database.Database;
type Who = { username: string; now: Date };
type OwnerKind = 'compound' | 'premises' | 'keyPerson';

/** The owner's name and community, as SQL on the area alias `a`. */
const OWNER = `CASE a.owner_kind WHEN 'compound' THEN (SELECT name FROM compounds WHERE id = a.owner_id)
    WHEN 'premises' THEN (SELECT name FROM premises WHERE id = a.owner_id)
    ELSE (SELECT coalesce(c.name || ' ', '') || '居家观察户' FROM key_persons k LEFT JOIN compounds c ON c.id = k.compound_id WHERE k.id = a.owner_id) END`;
const COMMUNITY_ID = `CASE a.owner_kind WHEN 'compound' THEN (SELECT community_id FROM compounds WHERE id = a.owner_id)
    WHEN 'premises' THEN (SELECT community_id FROM premises WHERE id = a.owner_id)
    ELSE (SELECT c.community_id FROM key_persons k JOIN compounds c ON c.id = k.compound_id WHERE k.id = a.owner_id) END`;
const COMMUNITY = `(SELECT name FROM communities WHERE id = ${COMMUNITY_ID})`;
/** The caller's communities only (社区工作人员), as SQL on the area alias `a` with @all and @uid. */
const MINE = `(@all = 1 OR (${COMMUNITY_ID}) IN (SELECT community_id FROM user_communities WHERE user_id = @uid))`;
const mine = (scope: Scope) => ({ all: scope.all ? 1 : 0, uid: scope.userId });
/** Areas due on :day. */
const ACTIVE = 'a.active_from <= @day AND (a.active_until IS NULL OR a.active_until > @day)';

export function listAreas(db: Db, f: { ownerKind?: OwnerKind; ownerId?: number; q?: string }, now: Date, scope: Scope): z.input<typeof AreaRow>[] {
  const day = localDay(now);
  return stmt(
    db,
    `SELECT * FROM (SELECT a.id, a.owner_kind AS ownerKind, a.owner_id AS ownerId, ${OWNER} AS ownerName, ${COMMUNITY} AS communityName, a.area, a.per_day AS perDay,
       a.active_until AS activeUntil, (SELECT count(*) FROM disinfections d WHERE d.day = @day AND d.area_id = a.id) AS doneToday
     FROM disinfection_areas a WHERE ${ACTIVE} AND ${MINE} AND (@kind IS NULL OR a.owner_kind = @kind) AND (@owner IS NULL OR a.owner_id = @owner))
     WHERE @q IS NULL OR ownerName LIKE @q ORDER BY ownerKind, ownerName, id LIMIT 500`,
  ).all({ day, kind: f.ownerKind ?? null, owner: f.ownerId ?? null, q: f.q ? `%${f.q}%` : null, ...mine(scope) }) as z.input<typeof AreaRow>[];
}

/** Sets a place's areas: new ones start today, removed ones stop today (their records stay). */
export function setAreas(
  db: Db,
  ownerKind: 'compound' | 'premises',
  ownerId: number,
  areas: { area: keyof typeof DisinfectArea.labels; perDay: number }[],
  now: Date,
) {
  const table = ownerKind === 'compound' ? 'compounds' : 'premises';
  if (!stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(ownerId)) throw new ApiError('NOT_FOUND', `${ownerKind === 'compound' ? '小区' : '经营场所'}不存在`);
  const today = localDay(now);
  const wanted = new Map(areas.map((a) => [a.area, a.perDay]));
  for (const a of stmt(db, 'SELECT id, area FROM disinfection_areas WHERE owner_kind = ? AND owner_id = ? AND active_until IS NULL').all(
    ownerKind,
    ownerId,
  ) as { id: number; area: string }[]) {
    if (!wanted.has(a.area as never)) stmt(db, 'UPDATE disinfection_areas SET active_until = ? WHERE id = ?').run(today, a.id);
  }
  for (const [area, perDay] of wanted) {
    stmt(
      db,
      `INSERT INTO disinfection_areas (owner_kind, owner_id, area, per_day, active_from) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (owner_kind, owner_id, area) DO UPDATE SET per_day = excluded.per_day, active_until = NULL`,
    ).run(ownerKind, ownerId, area, perDay, today);
  }
  return listAreas(db, { ownerKind, ownerId }, now, ALL_COMMUNITIES);
}

/** A household under home observation or isolation is disinfected around once a day while the measure lasts. */
export function aroundDuty(db: Db, keyPersonId: number): void {
  const k = stmt(db, 'SELECT measure, start_date, end_date, status FROM key_persons WHERE id = ?').get(keyPersonId) as
    { measure: string; start_date: string; end_date: string; status: string } | undefined;
  if (!k || !['homeObservation', 'homeIsolation'].includes(k.measure)) return;
  stmt(
    db,
    `INSERT INTO disinfection_areas (owner_kind, owner_id, area, per_day, active_from, active_until) VALUES ('keyPerson', ?, 'around', 1, ?, ?)
     ON CONFLICT (owner_kind, owner_id, area) DO UPDATE SET active_from = excluded.active_from, active_until = excluded.active_until`,
  ).run(keyPersonId, k.start_date, k.end_date);
}

/** When a measure ends early (解除, 转送), the duty ends the next day. */
export function endAroundDuty(db: Db, keyPersonId: number, now: Date): void {
  stmt(db, "UPDATE disinfection_areas SET active_until = min(coalesce(active_until, '9999-12-31'), ?) WHERE owner_kind = 'keyPerson' AND owner_id = ?").run(
    localDay(new Date(now.getTime() + 86_400_000)),
    keyPersonId,
  );
}

export function recordDisinfection(db: Db, f: z.output<typeof DisinfectionInput>, who: Who) {
  const day = localDay(who.now);
  const area = stmt(db, `SELECT a.id, a.area, ${OWNER} AS ownerName FROM disinfection_areas a WHERE a.id = @id AND ${ACTIVE}`).get({ id: f.areaId, day }) as
    { id: number; area: keyof typeof DisinfectArea.labels; ownerName: string } | undefined;
  if (!area) throw new ApiError('VALIDATION', '该消杀区域不存在或今天不需要消杀');
  let moveId: number | null | undefined = null;
  if (f.itemId !== null) {
    if (f.warehouseId === null) throw new ApiError('VALIDATION', '从库存领用时请选择仓库', [{ path: 'warehouseId', message: '请选择仓库' }]);
    if (!Number.isInteger(f.amount))
      throw new ApiError('VALIDATION', '从库存领用时用量应为整数（按物资的计量单位）', [{ path: 'amount', message: '应为整数' }]);
    [moveId] = writeMoves(
      db,
      [
        {
          itemId: f.itemId,
          warehouseId: f.warehouseId,
          qty: -f.amount,
          kind: 'use',
          counterparty: area.ownerName,
          reason: `消杀：${area.ownerName} ${DisinfectArea.labels[area.area]}`,
        },
      ],
      who,
    );
  }
  stmt(db, 'INSERT INTO disinfections (area_id, day, ts, by_name, agent, amount, item_id, stock_move_id, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    f.areaId,
    day,
    who.now.toISOString(),
    f.by,
    f.agent,
    f.amount,
    f.itemId,
    moveId ?? null,
    who.username,
  );
  return { ok: true as const };
}

export function listDisinfections(db: Db, f: { day: string; page: number; pageSize: number }, scope: Scope) {
  const total = (
    stmt(db, `SELECT count(*) AS n FROM disinfections d JOIN disinfection_areas a ON a.id = d.area_id WHERE d.day = @day AND ${MINE}`).get({
      day: f.day,
      ...mine(scope),
    }) as { n: number }
  ).n;
  const rows = stmt(
    db,
    `SELECT d.id, d.ts, ${OWNER} AS ownerName, a.area, d.by_name AS "by", d.agent, d.amount, i.name AS itemName
     FROM disinfections d JOIN disinfection_areas a ON a.id = d.area_id LEFT JOIN supply_items i ON i.id = d.item_id
     WHERE d.day = @day AND ${MINE} ORDER BY d.ts DESC, d.id DESC LIMIT @limit OFFSET @offset`,
  ).all({ day: f.day, limit: f.pageSize, offset: (f.page - 1) * f.pageSize, ...mine(scope) });
  return { rows: rows as never[], total };
}

/** Due and done on a day: done counts at most the due number per area, so an area done four times does not hide one not done at all. */
export function dayCoverage(db: Db, day: string, scope: Scope = ALL_COMMUNITIES) {
  const areas = stmt(
    db,
    `SELECT a.id, a.owner_kind AS ownerKind, a.owner_id AS ownerId, a.area, a.per_day AS perDay FROM disinfection_areas a WHERE ${ACTIVE} AND ${MINE}`,
  ).all({ day, ...mine(scope) }) as {
    id: number;
    ownerKind: string;
    ownerId: number;
    area: keyof typeof DisinfectArea.labels;
    perDay: number;
  }[];
  const done = new Map(
    (stmt(db, 'SELECT area_id AS id, count(*) AS n FROM disinfections WHERE day = ? GROUP BY area_id').all(day) as { id: number; n: number }[]).map((r) => [
      r.id,
      r.n,
    ]),
  );
  return areas.map((a) => ({ ...a, done: Math.min(a.perDay, done.get(a.id) ?? 0) }));
}

export function coverage(db: Db, day: string, behindOnly: boolean, scope: Scope): { due: number; done: number; rows: z.input<typeof CoverageRow>[] } {
  const areas = dayCoverage(db, day, scope);
  const owners = new Map<string, z.input<typeof CoverageRow> & { ids: number[] }>();
  for (const a of areas) {
    const key = `${a.ownerKind}:${a.ownerId}`;
    const o = owners.get(key) ?? { ownerKind: a.ownerKind, ownerId: a.ownerId, name: '', communityName: null, due: 0, done: 0, behind: [], ids: [] };
    o.due += a.perDay;
    o.done += a.done;
    if (a.done < a.perDay) o.behind.push(`${DisinfectArea.labels[a.area]} ${a.done}/${a.perDay}`);
    o.ids.push(a.id);
    owners.set(key, o);
  }
  const name = stmt(db, `SELECT ${OWNER} AS name, ${COMMUNITY} AS communityName FROM disinfection_areas a WHERE a.id = ?`);
  const rows = [...owners.values()]
    .filter((o) => !behindOnly || o.done < o.due)
    .map(({ ids, ...o }) => ({ ...o, ...(name.get(ids[0]) as { name: string; communityName: string | null }) }))
    .sort((x, y) => x.done / x.due - y.done / y.due || x.name.localeCompare(y.name, 'zh'));
  return { due: areas.reduce((s, a) => s + a.perDay, 0), done: areas.reduce((s, a) => s + a.done, 0), rows };
}
