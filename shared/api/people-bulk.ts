import { z } from 'zod';
import { method } from './contract';
import { Id, optionalText } from './common';
import { Health, PersonKind } from '../domain/enums';

/**
 * 批量修改 for the people list (and its inline cells, which send one id): the fields a
 * dispatcher changes for many at once. Names, phones and ID numbers belong to one person
 * and are changed in the edit form only.
 */
export const PeopleBulkSet = z
  .object({
    kind: z.enum(PersonKind.values, { error: '请选择人员类别' }),
    communityId: Id.nullable(),
    health: z.enum(Health.values, { error: '请选择健康状况' }),
    partyMember: z.boolean(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, '请至少选择一天可值守'),
    /** Joins this team (kept in the teams they are already in). */
    teamId: Id,
    note: optionalText('备注'),
  })
  .partial()
  .refine((s) => Object.keys(s).length > 0, '请选择要修改的字段');

export const peopleBulk = {
  'people.bulkUpdate': method({
    notes: ['set.note'],
    summary: '批量修改人员（类别、所属社区、健康状况、可值守日、加入队伍等，全部成功或全部不改）',
    perm: 'roster:write',
    write: 'tx',
    input: z.object({ ids: z.array(Id).min(1, '请先选择人员').max(2000, '一次最多修改 2000 人'), set: PeopleBulkSet }),
    output: z.object({ changed: z.number().int() }),
  }),
};
