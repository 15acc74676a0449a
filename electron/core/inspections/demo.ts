import type Database from 'better-sqlite3-multiple-ciphers';
import { base, Faker, zh_CN } from '@faker-js/faker';
import { addDays, localDay } from '../../../shared/domain/days';
import type { TargetKindCode } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { ALL_COMMUNITIES, createRow } from '../kernel/entity';
import { DEMO_SEED } from '../places/demo';
import { currentChecklist } from './checklists';
import { aroundDuty } from './disinfection';
import { targetOf } from './inspections';
import { premises } from './premises';
import { createProblem } from './problems';

/** Empties the 督查整改 data for a demo reset (the checklists stay). */
export function clearInspections(db: Database.Database): void {
  db.exec(
    'DELETE FROM disinfections; DELETE FROM disinfection_areas; DELETE FROM photos; DELETE FROM problem_events; DELETE FROM problems; DELETE FROM inspection_targets; DELETE FROM inspections; DELETE FROM premises;',
  );
}

const PREFIXES = [
  '惠民',
  '华联',
  '家乐',
  '鑫源',
  '百姓',
  '康泰',
  '仁和',
  '福满',
  '金桥',
  '顺发',
  '永兴',
  '佳佳',
  '万家',
  '兴隆',
  '好又多',
  '红星',
  '阳光',
  '平安',
  '同仁',
  '利民',
  '富康',
  '宏达',
];
const KINDS: [string, number, string[]][] = [
  ['shop', 160, ['五金店', '理发店', '服装店', '手机店', '烟酒店', '水果店']],
  ['restaurant', 80, ['饭店', '面馆', '餐厅', '包子铺']],
  ['supermarket', 60, ['超市', '便利店', '生活超市']],
  ['pharmacy', 30, ['大药房', '药店']],
  ['hotel', 25, ['宾馆', '快捷酒店']],
  ['unit', 20, ['卫生院', '供电所', '中学', '幼儿园']],
  ['market', 15, ['农贸市场', '菜市场']],
  ['petrol', 10, ['加油站']],
];

/**
 * The demo office's 督查整改: ~400 premises near its compounds, disinfection areas for
 * every compound and the premises that need them (and around households under home
 * observation), two weeks of disinfection with a few gaps, and two weeks of morning and
 * evening inspections whose problems are in every state — closed after a re-check, fixed
 * and waiting, open, overdue, sent back. Deterministic for the seed.
 */
export function seedDemoInspections(db: Database.Database, now: Date, seed = DEMO_SEED): void {
  const f = new Faker({ locale: [zh_CN, base], seed: seed + 11 });
  const today = localDay(now);
  const ctx = { db, now, scope: ALL_COMMUNITIES };
  const compounds = stmt(db, 'SELECT id, community_id AS communityId, grid_id AS gridId, lng, lat, management_type AS mt FROM compounds ORDER BY id').all() as {
    id: number;
    communityId: number;
    gridId: number | null;
    lng: number | null;
    lat: number | null;
    mt: string;
  }[];
  if (!compounds.length) return;

  // Premises
  const used = new Set<string>();
  const premisesIds: { id: number; kind: string }[] = [];
  for (const [kind, count, words] of KINDS) {
    for (let i = 0; i < count; i++) {
      const c = compounds[f.number.int({ min: 0, max: compounds.length - 1 })]!;
      let name = `${f.helpers.arrayElement(PREFIXES)}${f.helpers.arrayElement(words)}`;
      for (let n = 2; used.has(`${c.communityId}|${name}`); n++) name = `${name.replace(/（\d+店）$/, '')}（${n}店）`;
      used.add(`${c.communityId}|${name}`);
      const row = createRow(ctx, premises, {
        name,
        kind: kind as never,
        communityId: c.communityId,
        gridId: c.gridId,
        address: `${f.location.street()}${f.number.int({ min: 1, max: 300 })}号`,
        lng: c.lng === null ? null : c.lng + f.number.float({ min: -0.002, max: 0.002 }),
        lat: c.lat === null ? null : c.lat + f.number.float({ min: -0.002, max: 0.002 }),
        manager: f.person.lastName() + f.person.firstName(),
        phone: `1${f.helpers.arrayElement(['38', '39', '58', '87'])}${f.string.numeric(8)}`,
        pledgeDate: f.number.int({ min: 0, max: 9 }) < 8 ? addDays(today, -f.number.int({ min: 20, max: 40 })) : null,
        codePosted: f.number.int({ min: 0, max: 9 }) < 9,
        codeCheckedOn: addDays(today, -f.number.int({ min: 0, max: 10 })),
        status: f.number.int({ min: 0, max: 19 }) === 0 ? 'paused' : 'open',
        note: null,
      });
      premisesIds.push({ id: row.id, kind });
    }
  }

  // Disinfection areas and two weeks of records, with a few missed rounds.
  const from = addDays(today, -13);
  const area = stmt(db, 'INSERT INTO disinfection_areas (owner_kind, owner_id, area, per_day, active_from) VALUES (?, ?, ?, ?, ?)');
  for (const c of compounds) {
    for (const a of ['corridor', 'unitDoor', 'garbage', ...(c.mt === 'managed' ? ['elevator'] : [])]) area.run('compound', c.id, a, 2, from);
  }
  for (const p of premisesIds)
    if (['supermarket', 'market', 'pharmacy', 'hotel', 'restaurant'].includes(p.kind))
      area.run('premises', p.id, p.kind === 'market' ? 'whole' : 'toilet', 2, from);
  for (const k of stmt(db, "SELECT id FROM key_persons WHERE measure IN ('homeObservation', 'homeIsolation')").all() as { id: number }[]) aroundDuty(db, k.id);
  const areas = stmt(db, 'SELECT id, per_day AS perDay, active_from AS fromDay, active_until AS until FROM disinfection_areas').all() as {
    id: number;
    perDay: number;
    fromDay: string;
    until: string | null;
  }[];
  const rec = stmt(db, "INSERT INTO disinfections (area_id, day, ts, by_name, agent, amount, username) VALUES (?, ?, ?, ?, ?, ?, 'shequ')");
  const cleaners = Array.from({ length: 40 }, () => f.person.lastName() + f.person.firstName());
  const hourNow = (now.getTime() / 3_600_000 + 8) % 24;
  for (let d = 13; d >= 0; d--) {
    const day = addDays(today, -d);
    for (const a of areas) {
      if (a.fromDay > day || (a.until !== null && a.until <= day)) continue;
      for (let k = 0; k < a.perDay; k++) {
        const hour = k === 0 ? 8 : 16;
        if (d === 0 && hour >= hourNow) continue;
        if (f.number.int({ min: 0, max: 99 }) < 4) continue; // the gaps 督查 is there to find
        rec.run(
          a.id,
          day,
          new Date(`${day}T${String(hour).padStart(2, '0')}:${String(f.number.int({ min: 0, max: 59 })).padStart(2, '0')}:00+08:00`).toISOString(),
          f.helpers.arrayElement(cleaners),
          f.helpers.arrayElement(['chlorine', 'chlorine', 'alcohol', 'peracetic']),
          f.number.int({ min: 1, max: 5 }),
        );
      }
    }
  }

  // Morning and evening inspections for two weeks.
  const team = (stmt(db, 'SELECT id FROM people ORDER BY id LIMIT 30').all() as { id: number }[]).map((r) => r.id);
  const checkpoints = (stmt(db, "SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  if (!team.length || !checkpoints.length) return;
  const lists = { checkpoint: currentChecklist(db, 'checkpoint'), compound: currentChecklist(db, 'compound'), premises: currentChecklist(db, 'premises') };
  const inspectors = ['zhihui', 'ducha'];
  for (let d = 13; d >= 0; d--) {
    const day = addDays(today, -d);
    for (const slot of ['am', 'pm'] as const) {
      if (d === 0 && slot === 'pm') continue;
      const at = new Date(`${day}T${slot === 'am' ? '09' : '19'}:30:00+08:00`);
      const who = { username: inspectors[d % 2]!, now: at };
      const inspection = Number(
        stmt(db, 'INSERT INTO inspections (day, slot, kind, note, created_by, created_at) VALUES (?, ?, ?, NULL, ?, ?)').run(
          day,
          slot,
          d % 5 === 2 && slot === 'pm' ? 'covert' : 'routine',
          who.username,
          at.toISOString(),
        ).lastInsertRowid,
      );
      for (const p of f.helpers.arrayElements(team, 3)) stmt(db, 'INSERT INTO inspection_members (inspection_id, person_id) VALUES (?, ?)').run(inspection, p);
      const targets: [TargetKindCode, number][] = [
        ...f.helpers.arrayElements(checkpoints, 4).map((id): [TargetKindCode, number] => ['checkpoint', id]),
        ...f.helpers.arrayElements(compounds, 2).map((c): [TargetKindCode, number] => ['compound', c.id]),
        ...f.helpers.arrayElements(premisesIds, 3).map((p): [TargetKindCode, number] => ['premises', p.id]),
      ];
      for (const [kind, id] of targets) {
        const t = targetOf(db, kind, id);
        const failed = f.number.int({ min: 0, max: 99 }) < 22 ? f.helpers.arrayElements(lists[kind].items, f.number.int({ min: 1, max: 2 })) : [];
        const targetRow = Number(
          stmt(db, 'INSERT INTO inspection_targets (inspection_id, target_kind, target_id, target_name, checklist_id, failed) VALUES (?, ?, ?, ?, ?, ?)').run(
            inspection,
            kind,
            id,
            t.name,
            lists[kind].id,
            JSON.stringify(failed.map((x) => x.key)),
          ).lastInsertRowid,
        );
        for (const item of failed) {
          const pid = createProblem(
            db,
            {
              inspectionTargetId: targetRow,
              targetKind: kind,
              targetId: id,
              targetName: t.name,
              communityId: t.communityId,
              category: item.category,
              item: item.label,
              description: `${item.label}未落实`,
              responsibleKind: t.responsibleKind,
              responsibleName: t.responsibleName,
              foundOn: day,
              photos: [],
            },
            who,
          );
          // Older problems were mostly fixed and closed; recent ones are still moving. Some stay overdue.
          const roll = f.number.int({ min: 0, max: 99 });
          const fixAt = new Date(at.getTime() + f.number.int({ min: 3, max: 30 }) * 3_600_000);
          if (fixAt > now || roll < 12) continue;
          const ev = stmt(db, 'INSERT INTO problem_events (problem_id, ts, username, action, note) VALUES (?, ?, ?, ?, ?)');
          stmt(db, "UPDATE problems SET status = 'fixed', fixed_at = ?, fixed_by = 'shequ' WHERE id = ?").run(fixAt.toISOString(), pid);
          ev.run(pid, fixAt.toISOString(), 'shequ', 'fix', '已整改到位');
          const checkAt = new Date(fixAt.getTime() + 12 * 3_600_000);
          if (checkAt > now || roll < 25) continue;
          if (roll < 32) {
            stmt(db, "UPDATE problems SET status = 'open', fixed_at = NULL, fixed_by = NULL WHERE id = ?").run(pid);
            ev.run(pid, checkAt.toISOString(), who.username, 'recheckFail', '复查仍未落实，退回整改');
            continue;
          }
          stmt(db, "UPDATE problems SET status = 'closed', closed_at = ? WHERE id = ?").run(checkAt.toISOString(), pid);
          ev.run(pid, checkAt.toISOString(), who.username, 'recheckPass', '复查合格，销号');
        }
      }
    }
  }
}
