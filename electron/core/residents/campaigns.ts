import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Campaign } from '../../../shared/api/campaigns';
import { stmt } from '../db/statements';
import type { Scope } from '../kernel/entity';

/**
 * Coverage of a campaign: the households in its scope, and those reached (a visit found
 * them 已排查 or 空置). Everything is grouped from the households up, so a figure at any
 * level is the sum of the levels below it.
 */
const SCOPE = `(SELECT scope_all FROM campaigns WHERE id = :id) = 1 OR p.community_id IN (SELECT community_id FROM campaign_communities WHERE campaign_id = :id)`;
/** The caller's communities (社区工作人员 see the households of theirs only). */
const MINE = `(:all = 1 OR p.community_id IN (SELECT community_id FROM user_communities WHERE user_id = :user))`;
const REACHED = `EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = :id AND v.household_id = h.id AND v.result IN ('done', 'vacant'))`;

export function campaignSummary(db: Database.Database, id: number): z.input<typeof Campaign> {
  const c = stmt(db, 'SELECT id, name, start_date AS startDate, end_date AS endDate, scope_all AS scopeAll FROM campaigns WHERE id = ?').get(id) as
    { id: number; name: string; startDate: string; endDate: string; scopeAll: number } | undefined;
  if (!c) throw new ApiError('NOT_FOUND', `排查活动不存在（编号 ${id}）`);
  const communities = (
    stmt(db, 'SELECT m.name FROM campaign_communities x JOIN communities m ON m.id = x.community_id WHERE x.campaign_id = ? ORDER BY m.id').all(id) as {
      name: string;
    }[]
  ).map((r) => r.name);
  const totals = stmt(
    db,
    `SELECT count(*) AS households, coalesce(sum(${REACHED}), 0) AS reached
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id WHERE ${SCOPE}`,
  ).get({ id }) as { households: number; reached: number };
  return { ...c, scopeAll: c.scopeAll === 1, communities, ...totals };
}

export function createCampaign(
  db: Database.Database,
  f: { name: string; startDate: string; endDate: string; communityIds: number[] },
  who: { username: string; now: Date },
) {
  if (f.endDate < f.startDate) throw new ApiError('VALIDATION', '结束日期不能早于开始日期', [{ path: 'endDate', message: '结束日期不能早于开始日期' }]);
  const id = Number(
    stmt(db, 'INSERT INTO campaigns (name, start_date, end_date, scope_all, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      f.name,
      f.startDate,
      f.endDate,
      f.communityIds.length ? 0 : 1,
      who.username,
      who.now.toISOString(),
    ).lastInsertRowid,
  );
  for (const c of f.communityIds) {
    if (!stmt(db, 'SELECT 1 FROM communities WHERE id = ?').get(c))
      throw new ApiError('VALIDATION', '所选社区不存在', [{ path: 'communityIds', message: '社区不存在' }]);
    stmt(db, 'INSERT INTO campaign_communities (campaign_id, community_id) VALUES (?, ?)').run(id, c);
  }
  return campaignSummary(db, id);
}

const LEVEL: Record<string, { id: string; name: string; join: string; parent: string }> = {
  community: { id: 'm.id', name: 'm.name', join: 'JOIN communities m ON m.id = p.community_id', parent: '1' },
  grid: { id: 'coalesce(g.id, 0)', name: "coalesce(g.name, '未分片区')", join: 'LEFT JOIN grids g ON g.id = p.grid_id', parent: '1' },
  compound: { id: 'p.id', name: 'p.name', join: '', parent: '(:parent IS NULL OR p.community_id = :parent)' },
  building: { id: 'b.id', name: "p.name || ' ' || b.name || '栋'", join: '', parent: '(:parent IS NULL OR p.id = :parent)' },
};

export function coverageBy(db: Database.Database, id: number, by: string, scope: Scope, parentId?: number) {
  campaignSummary(db, id);
  const l = LEVEL[by]!;
  return stmt(
    db,
    `SELECT ${l.id} AS id, ${l.name} AS name, count(*) AS households, coalesce(sum(${REACHED}), 0) AS reached
     FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id ${l.join}
     WHERE (${SCOPE}) AND ${MINE} AND ${l.parent} GROUP BY 1 ORDER BY 1`,
  ).all({ id, parent: parentId ?? null, all: scope.all ? 1 : 0, user: scope.userId }) as { id: number; name: string; households: number; reached: number }[];
}

export function unreached(db: Database.Database, f: { id: number; compoundId?: number; page: number; pageSize: number }, scope: Scope) {
  campaignSummary(db, f.id);
  const where = `(${SCOPE}) AND ${MINE} AND NOT ${REACHED} AND (:compound IS NULL OR p.id = :compound)`;
  const from = 'FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id';
  const params = { id: f.id, compound: f.compoundId ?? null, all: scope.all ? 1 : 0, user: scope.userId };
  const total = (stmt(db, `SELECT count(*) AS n ${from} WHERE ${where}`).get(params) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT h.id AS householdId, p.name AS compoundName, b.name AS building, h.unit, h.room,
       (SELECT count(*) FROM residents r WHERE r.household_id = h.id) AS residents,
       (SELECT v.result FROM visits v WHERE v.campaign_id = :id AND v.household_id = h.id ORDER BY v.id DESC LIMIT 1) AS lastResult
     ${from} WHERE ${where} ORDER BY p.name, length(b.name), b.name, h.unit, h.room LIMIT :limit OFFSET :offset`,
  ).all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { rows: rows as never[], total };
}

export function recordVisit(
  db: Database.Database,
  f: { campaignId: number; householdId: number; day: string; result: string; present: number | null; findings: string | null },
  who: { username: string; now: Date },
) {
  const c = campaignSummary(db, f.campaignId);
  if (f.day < c.startDate || f.day > c.endDate)
    throw new ApiError('VALIDATION', `走访日期应在活动期间（${c.startDate} 至 ${c.endDate}）`, [{ path: 'day', message: '不在活动期间' }]);
  if (!stmt(db, 'SELECT 1 FROM households WHERE id = ?').get(f.householdId)) throw new ApiError('VALIDATION', '该户不存在');
  stmt(db, 'INSERT INTO visits (campaign_id, household_id, day, result, present, findings, username, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    f.campaignId,
    f.householdId,
    f.day,
    f.result,
    f.present,
    f.findings,
    who.username,
    who.now.toISOString(),
  );
  return { ok: true as const };
}
