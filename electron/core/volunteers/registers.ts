import type { z } from 'zod';
import type { Person, PersonFields, Post, PostFields, Team, TeamFields } from '../../../shared/api/volunteers';
import { ApiError } from '../../../shared/api/errors';
import { type EntityDef, requireRef } from '../kernel/entity';

/** People, teams and posts through the same entity layer as the territory registers. */

type PersonF = z.output<typeof PersonFields>;
type PersonOut = z.input<typeof Person>;

export const people: EntityDef<PersonF, PersonOut> = {
  table: 'people',
  scopeColumn: null,
  readScopeColumn: 't.community_id',
  label: '人员',
  from: 'people t LEFT JOIN compounds p ON p.id = t.compound_id LEFT JOIN communities c ON c.id = t.community_id',
  select: `t.id, t.name, t.phone, t.id_number AS idNumber, t.gender, t.age_group AS ageGroup, t.compound_id AS compoundId, p.name AS compoundName,
    t.community_id AS communityId, c.name AS communityName, t.kind, t.party_member AS partyMember, t.skills, t.weekdays,
    t.window_start AS windowStart, t.window_end AS windowEnd, t.days_off AS daysOff, t.health, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    coalesce((SELECT group_concat(tm.name, '、') FROM team_members m JOIN teams tm ON tm.id = m.team_id WHERE m.person_id = t.id), '') AS teams`,
  filters: {
    kind: 't.kind = ?',
    communityId: 't.community_id = ?',
    forCompoundId: '(t.community_id IS NULL OR t.community_id = (SELECT community_id FROM compounds WHERE id = ?))',
    teamId: 't.id IN (SELECT person_id FROM team_members WHERE team_id = ?)',
    health: 't.health = ?',
  },
  sorts: { id: 't.id', name: 't.name', kind: 't.kind, t.id', communityName: 'c.name' },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    phone: f.phone,
    id_number: f.idNumber,
    gender: f.gender,
    age_group: f.ageGroup,
    compound_id: f.compoundId,
    community_id: f.communityId,
    kind: f.kind,
    party_member: f.partyMember || f.kind === 'party' ? 1 : 0,
    skills: f.skills.join('、'),
    weekdays: [...new Set(f.weekdays)].sort().join(''),
    window_start: f.windowStart,
    window_end: f.windowEnd,
    days_off: [...new Set(f.daysOff)].sort().join(','),
    health: f.health,
    note: f.note,
  }),
  dependents: [],
  duplicate: () => '身份证号与已登记的人员重复',
  check: (db, f) => {
    let communityId = f.communityId;
    if (f.compoundId !== null) {
      requireRef(db, 'compounds', f.compoundId, 'compoundId', '居住小区');
      // The compound decides the community: a person lives in one place.
      communityId = (db.prepare('SELECT community_id AS id FROM compounds WHERE id = ?').get(f.compoundId) as { id: number }).id;
    } else if (communityId !== null) requireRef(db, 'communities', communityId, 'communityId', '所属社区');
    if ((f.windowStart === null) !== (f.windowEnd === null))
      throw new ApiError('VALIDATION', '请同时填写可值守的开始和结束时间', [{ path: 'windowEnd', message: '请同时填写开始和结束时间' }]);
    return { ...f, communityId };
  },
  fromRow: (r) => ({
    ...(r as unknown as PersonOut),
    partyMember: r.partyMember === 1,
    skills: r.skills ? String(r.skills).split('、') : [],
    weekdays: String(r.weekdays).split('').map(Number),
    daysOff: r.daysOff ? String(r.daysOff).split(',') : [],
  }),
};

type TeamF = z.output<typeof TeamFields>;
export const teams: EntityDef<TeamF, z.input<typeof Team>> = {
  table: 'teams',
  scopeColumn: null,
  label: '队伍',
  from: 'teams t LEFT JOIN people l ON l.id = t.leader_id LEFT JOIN communities c ON c.id = t.community_id',
  select: `t.id, t.name, t.kind, t.leader_id AS leaderId, l.name AS leaderName, t.community_id AS communityId, c.name AS communityName,
    t.compound_id AS compoundId, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM team_members m WHERE m.team_id = t.id) AS members`,
  filters: { kind: 't.kind = ?' },
  sorts: { id: 't.id', name: 't.name', kind: 't.kind, t.id' },
  defaultSort: 'id',
  columns: (f) => ({ name: f.name, kind: f.kind, leader_id: f.leaderId, community_id: f.communityId, compound_id: f.compoundId, note: f.note }),
  dependents: [],
  duplicate: (f) => `已有名为“${f.name}”的队伍`,
  check: (db, f) => {
    if (f.leaderId !== null) requireRef(db, 'people', f.leaderId, 'leaderId', '队长');
    if (f.communityId !== null) requireRef(db, 'communities', f.communityId, 'communityId', '所属社区');
    if (f.compoundId !== null) requireRef(db, 'compounds', f.compoundId, 'compoundId', '所属小区');
    return f;
  },
};

type PostF = z.output<typeof PostFields>;
export const posts: EntityDef<PostF, z.input<typeof Post>> = {
  table: 'posts',
  scopeColumn: null,
  label: '岗位',
  from: 'posts t JOIN post_kinds k ON k.id = t.kind_id LEFT JOIN compounds p ON p.id = t.compound_id LEFT JOIN communities c ON c.id = t.community_id',
  select: `t.id, t.name, t.kind_id AS kindId, k.name AS kindName, t.checkpoint_id AS checkpointId, t.compound_id AS compoundId, p.name AS compoundName,
    t.community_id AS communityId, c.name AS communityName, t.place, t.per_shift AS perShift, t.pattern, t.custom_shifts AS customShifts, t.active,
    t.created_at AS createdAt, t.updated_at AS updatedAt`,
  filters: { kindId: 't.kind_id = ?', communityId: 't.community_id = ?', active: 't.active = ?' },
  sorts: { id: 't.id', name: 't.name', kindName: 'k.position, t.id', communityName: 'c.name, t.id' },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    kind_id: f.kindId,
    compound_id: f.compoundId,
    community_id: f.communityId,
    place: f.place,
    per_shift: f.perShift,
    pattern: f.pattern,
    custom_shifts: f.pattern === 'custom' ? JSON.stringify(f.customShifts ?? []) : null,
    active: f.active ? 1 : 0,
  }),
  dependents: [],
  duplicate: () => '岗位重复',
  check: (db, f) => {
    requireRef(db, 'post_kinds', f.kindId, 'kindId', '岗位类型');
    let communityId = f.communityId;
    if (f.compoundId !== null) {
      requireRef(db, 'compounds', f.compoundId, 'compoundId', '所在小区');
      communityId = (db.prepare('SELECT community_id AS id FROM compounds WHERE id = ?').get(f.compoundId) as { id: number }).id;
    } else if (communityId !== null) requireRef(db, 'communities', communityId, 'communityId', '所属社区');
    if (f.pattern === 'custom' && !f.customShifts?.length)
      throw new ApiError('VALIDATION', '自定义班次请至少填写一个班次', [{ path: 'customShifts', message: '请至少填写一个班次' }]);
    return { ...f, communityId };
  },
  fromRow: (r) => ({
    ...(r as unknown as z.input<typeof Post>),
    active: r.active === 1,
    customShifts: r.customShifts ? JSON.parse(String(r.customShifts)) : null,
  }),
};
