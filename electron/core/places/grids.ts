import type { z } from 'zod';
import type { GridFields, GridRow } from '../../../shared/api/places';
import type { EntityDef } from '../kernel/entity';

type Fields = z.output<typeof GridFields>;

export const grids: EntityDef<Fields, GridRow> = {
  table: 'grids',
  scopeColumn: null,
  label: '片区',
  from: 'grids t',
  select: `t.id, t.name, t.leader, t.leader_phone AS leaderPhone, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM compounds c WHERE c.grid_id = t.id) AS compoundCount`,
  filters: {},
  sorts: { name: 't.name', leader: 't.leader', id: 't.id' },
  defaultSort: 'id',
  columns: (f) => ({ name: f.name, leader: f.leader, leader_phone: f.leaderPhone, note: f.note }),
  dependents: [{ sql: 'SELECT count(*) AS n FROM compounds WHERE grid_id = ?', noun: '小区' }],
  duplicate: (f) => `已有名为“${f.name}”的片区`,
};
