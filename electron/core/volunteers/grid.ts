import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { GridPost } from '../../../shared/api/volunteers';
import { REASON_LABELS, whyNot } from '../../../shared/domain/roster-solver';
import { shiftLabel, shiftSpan } from '../../../shared/domain/shifts';
import { stmt } from '../db/statements';
import { searchPattern } from '../kernel/search-key';
import { assignmentsOf, conflicts, dateOf, loadRoster, type PostRow, postShifts, rosterSummary, solverOptions, solverPeople } from './roster';

/** The roster as the grid shows it: a page of posts, each day × shift cell with its people and their conflicts. */
export function rosterGrid(
  db: Database.Database,
  input: { id: number; kindId?: number; communityId?: number; q?: string; teamId?: number; page: number; pageSize: number },
) {
  const r = loadRoster(db, input.id);
  const where = ['t.active = 1'];
  const params: unknown[] = [];
  if (input.kindId !== undefined) (where.push('t.kind_id = ?'), params.push(input.kindId));
  if (input.communityId !== undefined) (where.push('t.community_id = ?'), params.push(input.communityId));
  if (input.q) (where.push("t.search_key LIKE ? ESCAPE '\\'"), params.push(searchPattern(input.q)));
  // A team's sheet: the posts where its members stand in this roster.
  if (input.teamId !== undefined)
    (where.push('t.id IN (SELECT a.post_id FROM assignments a JOIN team_members m ON m.person_id = a.person_id WHERE a.roster_id = ? AND m.team_id = ?)'),
      params.push(r.id, input.teamId));
  const w = `WHERE ${where.join(' AND ')}`;
  const from = 'FROM posts t JOIN post_kinds k ON k.id = t.kind_id LEFT JOIN communities c ON c.id = t.community_id';
  const total = (stmt(db, `SELECT count(*) AS n ${from} ${w}`).get(...params) as { n: number }).n;
  const posts = stmt(
    db,
    `SELECT t.id, t.name, k.name AS kind_name, t.compound_id, t.community_id, c.name AS community_name, t.per_shift, t.pattern, t.custom_shifts ${from} ${w}
     ORDER BY k.position, c.name, t.id LIMIT ? OFFSET ?`,
  ).all(...params, input.pageSize, (input.page - 1) * input.pageSize) as PostRow[];
  const names = new Map((stmt(db, 'SELECT id, name FROM people').all() as { id: number; name: string }[]).map((p) => [p.id, p.name]));
  const members =
    input.teamId === undefined
      ? null
      : new Set((stmt(db, 'SELECT person_id AS id FROM team_members WHERE team_id = ?').all(input.teamId) as { id: number }[]).map((m) => m.id));
  const issues = conflicts(db, r);
  const byCell = new Map<string, z.input<typeof GridPost>['cells'][number][number]>();
  for (const a of assignmentsOf(db, r.id)) {
    if (members && !members.has(a.person_id)) continue;
    const k = `${a.post_id}:${a.day}:${a.shift}`;
    byCell.set(k, [
      ...(byCell.get(k) ?? []),
      {
        id: a.id,
        personId: a.person_id,
        name: names.get(a.person_id) ?? '?',
        source: a.source,
        attendance: a.attendance,
        stoodBy: a.stood_by === null ? null : (names.get(a.stood_by) ?? null),
        conflicts: issues.get(a.id) ?? [],
      },
    ]);
  }
  const dates = Array.from({ length: r.days }, (_, d) => dateOf(r, d));
  return {
    roster: rosterSummary(db, r.id),
    dates,
    total,
    posts: posts.map((p) => {
      const shifts = postShifts(p);
      return {
        id: p.id,
        name: p.name,
        kindName: p.kind_name,
        communityName: p.community_name,
        perShift: p.per_shift,
        shifts: shifts.map(shiftLabel),
        cells: dates.map((_, day) => shifts.map((_, shift) => byCell.get(`${p.id}:${day}:${shift}`) ?? [])),
      };
    }),
  };
}

/** People for one slot: those who fit first (nearest first), then the others with the reason. */
export function candidates(db: Database.Database, input: { rosterId: number; postId: number; day: number; shift: number; q?: string }) {
  const r = loadRoster(db, input.rosterId);
  const post = stmt(db, 'SELECT t.id, t.name, t.compound_id, t.community_id, t.per_shift, t.pattern, t.custom_shifts FROM posts t WHERE t.id = ?').get(
    input.postId,
  ) as PostRow | undefined;
  const sh = post && postShifts(post)[input.shift];
  if (!post || !sh || input.day >= r.days) throw new ApiError('VALIDATION', '该班次不存在');
  const [start, end] = shiftSpan(input.day, sh);
  const people = solverPeople(db, r);
  const posts = new Map((stmt(db, 'SELECT id, pattern, custom_shifts FROM posts').all() as PostRow[]).map((p) => [p.id, p]));
  const state = { shifts: new Map<number, [number, number][]>(), nights: new Map<number, number>(), hours: new Map<number, number>() };
  const here = new Set<number>();
  for (const a of assignmentsOf(db, r.id)) {
    if (a.post_id === input.postId && a.day === input.day && a.shift === input.shift) here.add(a.person_id);
    const p = posts.get(a.post_id);
    const s = p && postShifts(p)[a.shift];
    if (s)
      state.shifts.set(
        a.person_id,
        [...(state.shifts.get(a.person_id) ?? []), shiftSpan(a.day, s)].sort((x, y) => x[0] - y[0]),
      );
  }
  const info = new Map(
    (
      stmt(db, 'SELECT p.id, p.kind, p.search_key, c.name AS community FROM people p LEFT JOIN communities c ON c.id = p.community_id').all() as {
        id: number;
        kind: string;
        search_key: string;
        community: string | null;
      }[]
    ).map((p) => [p.id, p]),
  );
  const q = input.q?.toLowerCase().replace(/\s/g, '');
  const slot = { key: '', start, end, need: post.per_shift, compoundId: post.compound_id, communityId: post.community_id };
  const near = (p: (typeof people)[number]) =>
    p.compoundId !== null && p.compoundId === post.compound_id ? 0 : p.communityId !== null && p.communityId === post.community_id ? 1 : 2;
  return people
    .filter((p) => !here.has(p.id) && (!q || info.get(p.id)!.search_key.includes(q)))
    .map((p) => {
      const why = whyNot(p, slot, state, solverOptions(r));
      return { p, why, near: near(p) };
    })
    .sort((a, b) => Number(a.why !== null) - Number(b.why !== null) || a.near - b.near || a.p.id - b.p.id)
    .slice(0, 50)
    .map(({ p, why }) => ({
      id: p.id,
      name: p.name,
      kind: info.get(p.id)!.kind as never,
      communityName: info.get(p.id)!.community,
      fits: why === null,
      why: why ? REASON_LABELS[why] : null,
    }));
}
