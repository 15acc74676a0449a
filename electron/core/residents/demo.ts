import { base, Faker, zh_CN } from '@faker-js/faker';
import type Database from 'better-sqlite3-multiple-ciphers';
import { FEVER } from '../../../shared/api/residents';
import { stmt } from '../db/statements';
import { searchKey } from '../kernel/search-key';
import { addDays as shiftDay, localDay, localHour } from '../../../shared/domain/days';

/** Residents, their buildings and households, registrations and alerts go before the territory they hang on. */
export function clearResidents(db: Database.Database): void {
  db.exec(
    'DELETE FROM test_rounds; DELETE FROM needs; DELETE FROM passes; DELETE FROM campaigns; DELETE FROM alerts; DELETE FROM followups; DELETE FROM key_persons; DELETE FROM registrations; DELETE FROM residents; DELETE FROM households; DELETE FROM buildings;',
  );
}

/** A valid 18-digit ID number (GB 11643 checksum) for demo residents of the office's district. */
export function demoIdNumber(region: string, birth: string, seq: number, female: boolean): string {
  const s = (seq * 2 + (female ? 0 : 1)) % 1000;
  const body = `${region}${birth}${String(s).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * The demo office's people at the articles' scale (seed 002: "近14万多名人民群众"): every
 * compound's households filled to its population, a finished and a running 入户排查,
 * ~300 key persons under measures with their follow-ups, and two weeks of checkpoint
 * registrations with the occasional fever. Deterministic for the seed; everything
 * personal is invented.
 */
export function seedDemoResidents(db: Database.Database, now: Date, seed: number): void {
  const f = new Faker({ locale: [zh_CN, base], seed: seed + 2 });
  const at = now.toISOString();
  const today = localDay(now);
  const keys = new Map<string, string>();
  const keyOf = (name: string) => keys.get(name) ?? keys.set(name, searchKey(name)).get(name)!;
  const compounds = stmt(db, 'SELECT id, community_id AS communityId, buildings, households, population FROM compounds ORDER BY id').all() as {
    id: number;
    communityId: number;
    buildings: number;
    households: number;
    population: number;
  }[];
  const insB = stmt(db, 'INSERT INTO buildings (compound_id, name) VALUES (?, ?)');
  const insH = stmt(db, 'INSERT INTO households (building_id, unit, room) VALUES (?, ?, ?)');
  const insR = stmt(
    db,
    'INSERT INTO residents (household_id, compound_id, name, id_number, birth_date, gender, phone, relation, kind, flags, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const RELATIONS = ['户主', '配偶', '子女', '父母', '孙子女'];
  // The sequence part of an ID counts people born on the same day, so no two demo IDs collide.
  const born = new Map<string, number>();
  const residentIds: number[] = [];
  for (const c of compounds) {
    const buildings = Math.max(1, c.buildings);
    const perBuilding = Math.max(1, Math.ceil(c.households / buildings));
    const households: number[] = [];
    for (let b = 1; b <= buildings && households.length < c.households; b++) {
      const bid = Number(insB.run(c.id, String(b)).lastInsertRowid);
      for (let k = 0; k < perBuilding && households.length < c.households; k++) {
        const unit = String(1 + Math.floor(k / 12));
        households.push(Number(insH.run(bid, unit, String(100 * (1 + Math.floor((k % 12) / 2)) + 1 + (k % 2))).lastInsertRowid));
      }
    }
    if (!households.length) continue;
    for (let p = 0; p < c.population; p++) {
      const household = households[p % households.length]!;
      const female = f.datatype.boolean();
      const year = f.number.int({ min: 1935, max: 2021 });
      const birth = `${year}${String(f.number.int({ min: 1, max: 12 })).padStart(2, '0')}${String(f.number.int({ min: 1, max: 28 })).padStart(2, '0')}`;
      const name = f.person.lastName() + f.person.firstName(female ? 'female' : 'male');
      const old = year < 1957;
      const flags = [old && f.datatype.boolean({ probability: 0.08 }) ? '独居老人' : null, f.datatype.boolean({ probability: 0.04 }) ? '慢病' : null]
        .filter(Boolean)
        .join('、');
      const kind = f.helpers.weightedArrayElement([
        { weight: 80, value: 'resident' },
        { weight: 12, value: 'tenant' },
        { weight: 6, value: 'floating' },
        { weight: 2, value: 'temporary' },
      ]);
      const nth = born.get(birth) ?? 0;
      born.set(birth, nth + 1);
      const id = demoIdNumber('411402', birth, nth, female);
      const phone = year < 2008 ? `1${f.helpers.arrayElement(['35', '37', '38', '39', '50', '58', '86', '87'])}${f.string.numeric(8)}` : null;
      residentIds.push(
        Number(
          insR.run(
            household,
            c.id,
            name,
            id,
            `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
            female ? 'F' : 'M',
            phone,
            RELATIONS[p % RELATIONS.length],
            kind,
            flags,
            `${keyOf(name)}|${phone?.slice(-4) ?? ''}|${id.slice(-4).toLowerCase()}`,
            at,
            at,
          ).lastInsertRowid,
        ),
      );
    }
  }

  // 入户排查: last month's round finished, this week's under way.
  const campaign = (name: string, start: string, end: string) =>
    Number(
      stmt(db, "INSERT INTO campaigns (name, start_date, end_date, scope_all, created_by, created_at) VALUES (?, ?, ?, 1, 'zhihui', ?)").run(
        name,
        start,
        end,
        at,
      ).lastInsertRowid,
    );
  const done = campaign('上月全面入户排查', shiftDay(today, -30), shiftDay(today, -23));
  const running = campaign('本周入户排查', shiftDay(today, -2), shiftDay(today, 4));
  db.prepare(
    "INSERT INTO visits (campaign_id, household_id, day, result, present, username, recorded_at) SELECT ?, id, ?, CASE WHEN id % 41 = 0 THEN 'vacant' ELSE 'done' END, 3, 'shequ', ? FROM households WHERE id % 53 <> 0",
  ).run(done, shiftDay(today, -25), at);
  db.prepare(
    "INSERT INTO visits (campaign_id, household_id, day, result, present, username, recorded_at) SELECT ?, id, ?, CASE WHEN id % 11 = 0 THEN 'absent' ELSE 'done' END, 3, 'shequ', ? FROM households WHERE id % 5 < 3",
  ).run(running, shiftDay(today, -1), at);

  // ~300 key persons: arrivals over the last two weeks, each with a 四包一 team and their checks.
  const team = (kind: string) => (stmt(db, 'SELECT id FROM people WHERE kind = ? ORDER BY id').all(kind) as { id: number }[]).map((r) => r.id);
  const [cadres, grids, doctors, police, party] = [team('cadre'), team('grid'), team('medical'), team('police'), team('party')];
  const pick = (list: number[], k: number) => (list.length ? list[k % list.length]! : null);
  const insK = stmt(
    db,
    `INSERT INTO key_persons (resident_id, name, id_number, phone, compound_id, category, origin, arrival_date, transport, measure, start_date, end_date, status,
      cadre_id, grid_id, doctor_id, police_id, volunteer_id, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'observing', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insE = stmt(db, "INSERT INTO key_person_events (key_person_id, ts, status, note, username) VALUES (?, ?, 'observing', '登记', 'zhihui')");
  const insF = stmt(db, "INSERT INTO followups (key_person_id, day, slot, temperature, symptoms, username, recorded_at) VALUES (?, ?, ?, ?, NULL, 'shequ', ?)");
  const hour = localHour(now);
  for (let k = 0; k < 300 && residentIds.length; k++) {
    const rid = residentIds[(k * 467) % residentIds.length]!;
    const r = stmt(db, 'SELECT name, id_number, phone, compound_id FROM residents WHERE id = ?').get(rid) as {
      name: string;
      id_number: string;
      phone: string | null;
      compound_id: number;
    };
    const start = shiftDay(today, -(k % 14));
    const category = f.helpers.weightedArrayElement([
      { weight: 70, value: 'arrival' },
      { weight: 15, value: 'riskArea' },
      { weight: 8, value: 'closeContact' },
      { weight: 5, value: 'secondaryContact' },
      { weight: 2, value: 'inbound' },
    ]);
    const id = Number(
      insK.run(
        rid,
        r.name,
        r.id_number,
        r.phone,
        r.compound_id,
        category,
        f.helpers.arrayElement(['郑州', '武汉', '北京', '上海', '广州', '深圳', '西安']),
        shiftDay(start, -1),
        f.helpers.arrayElement(['火车', '自驾', '长途汽车', '飞机']),
        category === 'closeContact' ? 'centralQuarantine' : category === 'arrival' ? 'healthMonitoring' : 'homeObservation',
        start,
        shiftDay(start, 14),
        pick(cadres, k),
        pick(grids, k),
        pick(doctors, k),
        pick(police, k),
        pick(party, k),
        `${keyOf(r.name)}|${r.phone?.slice(-4) ?? ''}`,
        at,
        at,
      ).lastInsertRowid,
    );
    insE.run(id, at);
    for (let d = start; d <= today; d = shiftDay(d, 1)) {
      for (const slot of ['am', 'pm'] as const) {
        if (d === today && (slot === 'pm' || hour < 12 || k % 4 === 0)) continue; // today: some mornings still to do
        insF.run(id, d, slot, 36 + f.number.int({ min: 0, max: 9 }) / 10, at);
      }
    }
  }

  // Two weeks at the checkpoints: ~150 people and vehicles a day each, a fever now and then.
  const checkpoints = stmt(db, "SELECT id, name FROM checkpoints WHERE status = 'active' ORDER BY id").all() as { id: number; name: string }[];
  const insReg = stmt(
    db,
    "INSERT INTO registrations (checkpoint_id, ts, subject, name, plate, direction, temperature, abnormal, refused, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'kadian')",
  );
  const insA = stmt(
    db,
    "INSERT INTO alerts (kind, ts, checkpoint_id, registration_id, message, ack_by, ack_at, action) VALUES ('temperature', ?, ?, ?, ?, ?, ?, ?)",
  );
  const from = Date.parse(`${shiftDay(today, -13)}T06:00:00+08:00`);
  for (const cp of checkpoints) {
    for (let d = 0; d < 14; d++) {
      const n = 120 + ((cp.id * 7 + d * 13) % 60);
      for (let i = 0; i < n; i++) {
        const ts = from + d * 86_400_000 + Math.floor((i / n) * 16 * 3_600_000);
        if (ts > now.getTime()) break;
        const vehicle = i % 6 === 0;
        const t = Math.round((36 + f.number.float({ min: 0, max: 1.05 })) * 10) / 10;
        const fever = t >= FEVER;
        const rid = Number(
          insReg.run(
            cp.id,
            new Date(ts).toISOString(),
            vehicle ? 'vehicle' : 'person',
            vehicle ? null : f.person.lastName() + f.person.firstName(),
            vehicle ? `豫N${f.string.alphanumeric({ length: 5, casing: 'upper' })}` : null,
            i % 2 ? 'in' : 'out',
            t,
            fever ? 1 : 0,
            i % 97 === 0 ? 1 : 0,
          ).lastInsertRowid,
        );
        if (fever) {
          // Fevers of the last two hours still wait on 总览; earlier ones were handled.
          const handled = ts < now.getTime() - 2 * 3_600_000;
          insA.run(
            new Date(ts).toISOString(),
            cp.id,
            rid,
            `${cp.name}：${vehicle ? '车辆人员' : '来人'}体温 ${t.toFixed(1)} ℃`,
            handled ? 'zhihui' : null,
            handled ? new Date(ts + 600_000).toISOString() : null,
            handled ? '复测正常，已放行' : null,
          );
        }
      }
    }
  }
}
