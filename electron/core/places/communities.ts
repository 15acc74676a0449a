import type { z } from 'zod';
import type { CommunityFields, CommunityRow } from '../../../shared/api/places';
import type { EntityDef } from '../kernel/entity';

type Fields = z.output<typeof CommunityFields>;

export const communities: EntityDef<Fields, CommunityRow> = {
  table: 'communities',
  scopeColumn: null,
  label: '社区',
  from: 'communities t',
  select: `t.id, t.name, t.kind, t.secretary, t.phone, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM compounds c WHERE c.community_id = t.id) AS compoundCount,
    (SELECT coalesce(sum(c.population), 0) FROM compounds c WHERE c.community_id = t.id) AS population`,
  filters: { kind: 't.kind = ?' },
  sorts: { name: 't.name', kind: 't.kind', createdAt: 't.created_at', id: 't.id' },
  defaultSort: 'id',
  columns: (f) => ({ name: f.name, kind: f.kind, secretary: f.secretary, phone: f.phone, note: f.note }),
  dependents: [
    { sql: 'SELECT count(*) AS n FROM compounds WHERE community_id = ?', noun: '小区' },
    { sql: 'SELECT count(*) AS n FROM checkpoints WHERE community_id = ?', noun: '卡点' },
  ],
  duplicate: (f) => `已有名为“${f.name}”的社区`,
};
