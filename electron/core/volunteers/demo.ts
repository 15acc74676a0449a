import { base, Faker, zh_CN } from '@faker-js/faker';
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEMO_SEED } from '../places/demo';
import { stmt } from '../db/statements';
import { searchKey } from '../kernel/search-key';
import { createRoster, fillRoster } from './roster';
import { addDays, localDay, midnight } from '../../../shared/domain/days';

/** Removes people, teams, rosters and the posts not tied to a checkpoint (those go with their checkpoints). */
export function clearVolunteers(db: Database.Database): void {
  db.exec('DELETE FROM rosters; DELETE FROM teams; DELETE FROM people; DELETE FROM posts WHERE checkpoint_id IS NULL;');
}

const KINDS: [string, number][] = [
  ['party', 300],
  ['volunteer', 520],
  ['cadre', 60],
  ['grid', 60],
  ['property', 80],
  ['police', 30],
  ['medical', 40],
  ['building', 80],
  ['sinking', 30],
];
const SKILLS = ['驾驶', '医护', '宣传', '心理疏导', '电脑操作', '消杀', '搬运', '外语'];

/** Monday of the week containing `now`, in Beijing time. */
export function mondayOf(now: Date): string {
  const today = localDay(now);
  return addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/**
 * The demo office's people (seed 002: "460余名辖区居民主动站出来"; seed 001: party members in
 * temporary branches and teams): about 1,200 people in teams, posts at the sealed and
 * controlled compounds and at the office beside the checkpoints' own, and this week's
 * roster filled. Deterministic for the seed.
 */
export function seedDemoVolunteers(db: Database.Database, now: Date, seed = DEMO_SEED): void {
  const f = new Faker({ locale: [zh_CN, base], seed: seed + 1 });
  const at = now.toISOString();
  const compounds = stmt(
    db,
    'SELECT t.id, t.name, t.community_id AS communityId, t.grid_id AS gridId, t.control_level AS level, t.population FROM compounds t ORDER BY t.id',
  ).all() as {
    id: number;
    name: string;
    communityId: number;
    gridId: number | null;
    level: string;
    population: number;
  }[];
  if (!compounds.length) return;
  // People live where people are: a compound is picked in proportion to its population.
  const weights = compounds.map((c) => ({ weight: Math.max(1, c.population), value: c }));
  const insertPerson = stmt(
    db,
    `INSERT INTO people (name, phone, gender, age_group, compound_id, community_id, kind, party_member, skills, weekdays, window_start, window_end, health, search_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const people: { id: number; kind: string; compoundId: number; communityId: number; gridId: number | null; party: boolean }[] = [];
  for (const [kind, n] of KINDS) {
    for (let i = 0; i < n; i++) {
      const c = f.helpers.weightedArrayElement(weights);
      const name = f.person.lastName() + f.person.firstName();
      const party = kind === 'party' || (kind !== 'volunteer' && f.datatype.boolean({ probability: 0.4 }));
      const shape = f.number.int({ min: 1, max: 20 });
      const [weekdays, ws, we] =
        shape <= 3 ? ['12345', null, null] : shape <= 6 ? ['1234567', 8, 20] : shape === 7 ? ['67', null, null] : ['1234567', null, null];
      const id = Number(
        insertPerson.run(
          name,
          `1${f.helpers.arrayElement(['35', '37', '38', '39', '50', '58', '86', '87'])}${f.string.numeric(8)}`,
          f.helpers.arrayElement(['M', 'F']),
          f.helpers.weightedArrayElement([
            { weight: 4, value: '18-35' },
            { weight: 4, value: '36-50' },
            { weight: 2, value: '51-60' },
            { weight: 1, value: '60+' },
          ]),
          c.id,
          c.communityId,
          kind,
          party ? 1 : 0,
          f.helpers.arrayElements(SKILLS, { min: 0, max: 2 }).join('、'),
          weekdays,
          ws,
          we,
          f.datatype.boolean({ probability: 0.02 }) ? 'observe' : 'healthy',
          searchKey(name),
          at,
          at,
        ).lastInsertRowid,
      );
      people.push({ id, kind, compoundId: c.id, communityId: c.communityId, gridId: c.gridId, party });
    }
  }

  const insertTeam = stmt(
    db,
    'INSERT INTO teams (name, kind, leader_id, community_id, compound_id, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMember = stmt(db, 'INSERT OR IGNORE INTO team_members (team_id, person_id) VALUES (?, ?)');
  const team = (name: string, kind: string, members: typeof people, communityId: number | null, compoundId: number | null) => {
    if (!members.length) return;
    const id = Number(insertTeam.run(name, kind, members[0]!.id, communityId, compoundId, searchKey(name), at, at).lastInsertRowid);
    for (const m of members) insertMember.run(id, m.id);
  };
  for (const c of stmt(db, 'SELECT id, name FROM communities ORDER BY id').all() as { id: number; name: string }[]) {
    const here = people.filter((p) => p.communityId === c.id);
    team(
      `${c.name}党员先锋队`,
      'vanguard',
      here.filter((p) => p.party),
      c.id,
      null,
    );
    team(
      `${c.name}志愿服务队`,
      'service',
      here.filter((p) => p.kind === 'volunteer'),
      c.id,
      null,
    );
  }
  for (const g of stmt(db, 'SELECT id, name FROM grids ORDER BY id').all() as { id: number; name: string }[]) {
    team(
      `${g.name}临时党支部`,
      'branch',
      people.filter((p) => p.gridId === g.id && (p.kind === 'cadre' || p.kind === 'sinking' || p.kind === 'grid')),
      null,
      null,
    );
  }
  const key = compounds.filter((c) => c.level === 'sealed' || c.level === 'controlled');
  for (const c of key)
    team(
      `${c.name}楼栋党小组`,
      'building',
      people.filter((p) => p.compoundId === c.id && (p.party || p.kind === 'building')),
      c.communityId,
      c.id,
    );

  // Posts besides the checkpoints' 执勤岗: disinfection and door-to-door service at the key compounds, and the office's own.
  const kind = (code: string) => (stmt(db, 'SELECT id FROM post_kinds WHERE code = ?').get(code) as { id: number }).id;
  const insertPost = stmt(
    db,
    'INSERT INTO posts (name, kind_id, compound_id, community_id, place, per_shift, pattern, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of key) {
    insertPost.run(`${c.name}消毒岗`, kind('disinfection'), c.id, c.communityId, null, 1, 'day', searchKey(`${c.name}消毒岗`), at, at);
    insertPost.run(`${c.name}服务岗`, kind('service'), c.id, c.communityId, null, 2, 'day', searchKey(`${c.name}服务岗`), at, at);
  }
  insertPost.run('街道物资库物资保障岗', kind('supplies'), null, null, '街道物资库', 2, 'day', searchKey('街道物资库物资保障岗'), at, at);
  insertPost.run('街道应急处置组', kind('emergency'), null, null, '街道办事处', 2, 'two', searchKey('街道应急处置组'), at, at);
  insertPost.run('街道流动宣传车', kind('publicity'), null, null, '辖区道路', 2, 'day', searchKey('街道流动宣传车'), at, at);

  const id = createRoster(db, { name: '本周排班', startDate: mondayOf(now), days: 7, minRestHours: 8, weeklyCapHours: 48 }, { username: 'diaodu', now });
  // The demo's week was planned before it began (the fill never plans shifts already started).
  fillRoster(db, id, true, midnight(mondayOf(now)));
}
