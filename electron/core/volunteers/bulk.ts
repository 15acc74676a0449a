import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { PeopleBulkSet, peopleBulk } from '../../../shared/api/people-bulk';
import { PersonFields } from '../../../shared/api/volunteers';
import { maskName } from '../../../shared/domain/mask';
import { applyToEach } from '../api/bulk';
import { entityCtx, type Handlers } from '../api/types';
import { stmt } from '../db/statements';
import { type EntityCtx, getRow, requireRef, updateRow } from '../kernel/entity';
import { people } from './registers';

/**
 * The same change to many people, all or none. Each person is re-checked whole with the
 * form's rules (PersonFields), so a bulk change cannot store what the form would refuse;
 * a person whose other data no longer passes is named and nothing is written.
 */
function updatePerson(ctx: EntityCtx, id: number, set: z.output<typeof PeopleBulkSet>): boolean {
  const { teamId, ...fields } = set;
  const row = getRow(ctx, people, id);
  const merged: Record<string, unknown> = { ...row, ...fields };
  // A new community leaves the compound behind when the compound is in another one (the compound decides the community).
  if (fields.communityId !== undefined && row.compoundId !== null) {
    const c = stmt(ctx.db, 'SELECT community_id AS c FROM compounds WHERE id = ?').get(row.compoundId) as { c: number } | undefined;
    if (c?.c !== fields.communityId) merged.compoundId = null;
  }
  const parsed = PersonFields.safeParse(merged);
  if (!parsed.success) throw new ApiError('VALIDATION', [...new Set(parsed.error.issues.map((i) => i.message))].join('；'));
  const before = JSON.stringify(row);
  const after = updateRow(ctx, people, id, parsed.data);
  let joined = false;
  if (teamId !== undefined) joined = stmt(ctx.db, 'INSERT OR IGNORE INTO team_members (team_id, person_id) VALUES (?, ?)').run(teamId, id).changes > 0;
  return joined || JSON.stringify({ ...after, updatedAt: row.updatedAt }) !== before;
}

export const peopleBulkHandlers: Handlers<keyof typeof peopleBulk> = {
  'people.bulkUpdate': ({ ids, set }, ctx) => {
    const ectx = entityCtx(ctx);
    if (set.teamId !== undefined) requireRef(ctx.db, 'teams', set.teamId, 'set.teamId', '队伍');
    if (set.communityId) requireRef(ctx.db, 'communities', set.communityId, 'set.communityId', '所属社区');
    const nameOf = stmt(ctx.db, 'SELECT name FROM people WHERE id = ?');
    const label = (id: number) => {
      const r = nameOf.get(id) as { name: string } | undefined;
      return r ? maskName(r.name) : `编号 ${id}`;
    };
    return { changed: applyToEach([...new Set(ids)], label, (id) => updatePerson(ectx, id, set)).filter(Boolean).length };
  },
};
