import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { CheckpointFields, CheckpointRow } from '../../../shared/api/places';
import { stmt } from '../db/statements';
import { type EntityDef, requireRef } from '../kernel/entity';

type Fields = z.output<typeof CheckpointFields>;

export const checkpoints: EntityDef<Fields, CheckpointRow> = {
  table: 'checkpoints',
  scopeColumn: 't.community_id',
  communityOf: (f) => f.communityId!,
  label: '卡点',
  from: 'checkpoints t JOIN communities m ON m.id = t.community_id LEFT JOIN compounds c ON c.id = t.compound_id',
  select: `t.id, t.name, t.kind, t.community_id AS communityId, m.name AS communityName, t.compound_id AS compoundId,
    c.name AS compoundName, t.lng, t.lat, t.hours, t.staff_per_shift AS staffPerShift, t.status, t.note,
    t.created_at AS createdAt, t.updated_at AS updatedAt`,
  filters: {
    communityId: 't.community_id = ?',
    compoundId: 't.compound_id = ?',
    kind: 't.kind = ?',
    status: 't.status = ?',
  },
  sorts: { id: 't.id', name: 't.name', communityName: 'm.name', kind: 't.kind', status: 't.status', staffPerShift: 't.staff_per_shift' },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    kind: f.kind,
    community_id: f.communityId,
    compound_id: f.compoundId,
    lng: f.lng,
    lat: f.lat,
    hours: f.hours,
    staff_per_shift: f.staffPerShift,
    status: f.status,
    note: f.note,
  }),
  dependents: [],
  duplicate: (f) => `已有名为“${f.name}”的卡点`,
  /** A gate's community is its compound's; other kinds must name a community. */
  check: (db, f) => {
    if (f.compoundId !== null) {
      requireRef(db, 'compounds', f.compoundId, 'compoundId', '所在小区');
      const { communityId } = stmt(db, 'SELECT community_id AS communityId FROM compounds WHERE id = ?').get(f.compoundId) as {
        communityId: number;
      };
      return { ...f, communityId };
    }
    if (f.kind === 'gate') {
      throw new ApiError('VALIDATION', '小区门岗必须选择所在小区', [{ path: 'compoundId', message: '小区门岗必须选择所在小区' }]);
    }
    if (f.communityId === null) {
      throw new ApiError('VALIDATION', '请选择卡点所属社区', [{ path: 'communityId', message: '请选择卡点所属社区' }]);
    }
    requireRef(db, 'communities', f.communityId, 'communityId', '所属社区');
    return f;
  },
};
