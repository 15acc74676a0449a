import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../electron/core/registry/core';
import { residentKey } from '../../electron/core/residents/residents';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { signIn } from '../helpers/sessions';
import { medianOfCalls, ms } from './timing';
import { openDemoOffice } from './office';

/**
 * The demo office at full weight: 150,000 residents in households, 5,000,000 checkpoint
 * registrations over two weeks, 300 key persons under measures, a running campaign with
 * most households visited. Then the three questions asked every morning, through
 * core.call: today's counts per checkpoint, today's due follow-ups, the campaign's
 * coverage. Each is printed beside the same question on an empty ledger (baseline).
 */
const localDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function fill(core: Core, residents: number, registrations: number, now: Date): void {
  const db = core.db;
  const at = now.toISOString();
  const compounds = db.prepare('SELECT id, population FROM compounds ORDER BY id').all() as { id: number; population: number }[];
  const checkpoints = (db.prepare('SELECT id FROM checkpoints ORDER BY id').all() as { id: number }[]).map((c) => c.id);
  db.transaction(() => {
    // Residents: three to a household, households twelve to a building entrance.
    const insB = db.prepare('INSERT INTO buildings (compound_id, name) VALUES (?, ?)');
    const insH = db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '1', ?)");
    const insR = db.prepare(
      "INSERT INTO residents (household_id, compound_id, name, id_number, birth_date, gender, phone, kind, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, '1980-01-01', 'M', ?, 'resident', ?, ?, ?)",
    );
    let n = 0;
    let household = 0;
    let building = 0;
    for (let c = 0; n < residents; c = (c + 1) % compounds.length) {
      const compound = compounds[c]!;
      building = Number(insB.run(compound.id, String(1 + Math.floor(n / compounds.length / 36))).lastInsertRowid);
      for (let h = 0; h < 12 && n < residents; h++) {
        household = Number(insH.run(building, String(101 + h)).lastInsertRowid);
        for (let p = 0; p < 3 && n < residents; p++, n++) {
          const id = makeId(
            '411402',
            `19${50 + (n % 50)}${String(1 + (Math.floor(n / 50) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 600) % 28)).padStart(2, '0')}`,
            Math.floor(n / 16800) % 1000,
          );
          insR.run(household, compound.id, `居民${n}`, `${id}`, `139${String(n).padStart(8, '0')}`, residentKey(`居民${n}`, null, id), at, at);
        }
      }
    }
  })();
  // Registrations: bulk load without the indexes and triggers, then build them (a sort, much faster than maintaining them row by row).
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL").all() as {
    sql: string;
  }[];
  for (const i of db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL").all() as {
    name: string;
  }[])
    db.exec(`DROP INDEX ${i.name}`);
  // The per-day counts' triggers too: they are rebuilt in one pass below.
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'registrations'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const insReg = db.prepare(
    "INSERT INTO registrations (checkpoint_id, ts, subject, name, direction, temperature, abnormal, refused, username) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'bench')",
  );
  const start = now.getTime() - 14 * 86_400_000;
  db.transaction(() => {
    for (let i = 0; i < registrations; i++) {
      const t = 36 + (i % 17) / 10;
      insReg.run(
        checkpoints[i % checkpoints.length],
        new Date(start + Math.floor((i / registrations) * 14 * 86_400_000)).toISOString(),
        i % 5 === 0 ? 'vehicle' : 'person',
        null,
        i % 2 ? 'in' : 'out',
        t,
        t >= 37.3 ? 1 : 0,
      );
    }
  })();
  for (const i of indexes) db.exec(i.sql);
  for (const t of triggers) db.exec(t.sql);
  // What the triggers would have counted row by row, counted once (as migration 0100 does).
  db.exec(`DELETE FROM registration_days;
    INSERT INTO registration_days (day, checkpoint_id, people, vehicles, abnormal, refused)
    SELECT date(ts, '+8 hours'), checkpoint_id, sum(subject = 'person'), sum(subject = 'vehicle'), sum(abnormal), sum(refused) FROM registrations GROUP BY 1, 2;`);
  // 300 key persons under measures (with morning checks), and a campaign two-thirds done.
  db.transaction(() => {
    const insK = db.prepare(
      "INSERT INTO key_persons (name, compound_id, category, measure, start_date, end_date, status, search_key, created_at, updated_at) VALUES (?, ?, 'arrival', 'homeObservation', ?, ?, 'observing', ?, ?, ?)",
    );
    const insF = db.prepare("INSERT INTO followups (key_person_id, day, slot, temperature, username, recorded_at) VALUES (?, ?, 'am', 36.5, 'bench', ?)");
    const today = localDay(now);
    for (let k = 0; k < 300; k++) {
      const startDay = localDay(new Date(now.getTime() - (k % 13) * 86_400_000));
      const end = localDay(new Date(Date.parse(`${startDay}T00:00:00Z`) + 14 * 86_400_000 - 8 * 3_600_000));
      const id = Number(insK.run(`重点${k}`, compounds[k % compounds.length]!.id, startDay, end, `重点${k}`, at, at).lastInsertRowid);
      if (k % 3) insF.run(id, today, at);
    }
    const campaign = Number(
      db
        .prepare("INSERT INTO campaigns (name, start_date, end_date, scope_all, created_by, created_at) VALUES ('本轮入户排查', ?, ?, 1, 'bench', ?)")
        .run(localDay(now), localDay(now), at).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO visits (campaign_id, household_id, day, result, username, recorded_at) SELECT ?, id, ?, 'done', 'bench', ? FROM households WHERE id % 3 <> 0`,
    ).run(campaign, localDay(now), at);
  })();
  db.exec('ANALYZE');
}

async function measure(core: Core, now: Date) {
  const call = await signIn(core, 'zhihui');
  const day = localDay(now);
  const campaign = (core.db.prepare('SELECT id FROM campaigns ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined)?.id;
  const time = (name: string, input: unknown) => medianOfCalls(call, name, input);
  return {
    daily: await time('registrations.daily', { day }),
    due: await time('followups.due', { day }),
    coverage: campaign ? await time('campaigns.coverage', { id: campaign, by: 'community' }) : 0,
  };
}

export async function benchResidents(): Promise<void> {
  console.log('\n## Residents: the morning questions on a full database (core.call, median of 5)');
  const now = new Date();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-res-'));
  try {
    const core = await openDemoOffice(dir);
    const base = await measure(core, now);
    let t0 = process.hrtime.bigint();
    fill(core, 150_000, 5_000_000, now);
    const built = ms(t0);
    t0 = process.hrtime.bigint();
    const full = await measure(core, now);
    console.log(`database built in ${(built / 1000).toFixed(1)} s (150,000 residents, 5,000,000 registrations; target < 60 s)`);
    console.log(`today's counts per checkpoint: ${full.daily.toFixed(1)} ms (empty: ${base.daily.toFixed(1)} ms)`);
    console.log(`today's due follow-ups (300 key persons): ${full.due.toFixed(1)} ms (empty: ${base.due.toFixed(1)} ms)`);
    console.log(`campaign coverage by community (50,000 households): ${full.coverage.toFixed(1)} ms — targets < 100 ms each`);
    core.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
