import type { z } from 'zod';
import type { Resident } from '../../../shared/api/residents';
import type { EntityDef } from '../kernel/entity';
import { searchKey } from '../kernel/search-key';

type Out = z.input<typeof Resident>;

/**
 * 居民: read through the entity layer, scoped by the compound's community in SQL. The
 * search key holds the name, its pinyin and the last four digits of phone and ID number,
 * so staff can look someone up by 尾号 as they do on the phone.
 */
export const residentKey = (name: string, phone: string | null, idNumber: string) =>
  `${searchKey(name)}|${phone?.slice(-4) ?? ''}|${idNumber.slice(-4).toLowerCase()}`;

export const residentsDef: EntityDef<never, Out> = {
  table: 'residents',
  scopeColumn: 'p.community_id',
  label: '居民',
  from: `residents t LEFT JOIN compounds p ON p.id = t.compound_id LEFT JOIN communities c ON c.id = p.community_id LEFT JOIN households h ON h.id = t.household_id LEFT JOIN buildings b ON b.id = h.building_id
    LEFT JOIN (SELECT resident_id, status, max(start_date || printf('%010d', id)) FROM key_persons WHERE resident_id IS NOT NULL GROUP BY resident_id) kp ON kp.resident_id = t.id`,
  // kp: the latest key-person record linked to the resident (SQLite takes the bare status from the max() row), joined once, not per row.
  // communityName is for the export (a compound name is unique only within its community); the list's contract leaves it out.
  select: `t.id, t.name, t.id_number AS idNumber, t.phone, t.gender, t.birth_date AS birthDate, t.compound_id AS compoundId, p.name AS compoundName, c.name AS communityName,
    b.name AS building, h.unit, h.room, t.relation, t.kind, t.flags, t.origin, t.return_date AS returnDate, t.note, kp.status AS keyPerson`,
  filters: { compoundId: 't.compound_id = ?', buildingId: 'h.building_id = ?', kind: 't.kind = ?' },
  sorts: { id: 't.id', name: 't.name', compoundName: 'p.name, t.id', birthDate: 't.birth_date' },
  defaultSort: 'id',
  columns: () => ({}),
  dependents: [],
  duplicate: () => '身份证号与已登记的居民重复',
  fromRow: (r) => ({ ...(r as unknown as Out), flags: r.flags ? String(r.flags).split('、') : [] }),
};
