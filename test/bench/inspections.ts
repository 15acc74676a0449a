import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../electron/core/registry/core';
import { addDays, localDay } from '../../shared/domain/days';
import { signIn } from '../helpers/sessions';
import { medianOfCalls, ms } from './timing';
import { openDemoOffice } from './office';

/**
 * 督查整改 at volume: 20,000 problems over three months and 1,000,000 disinfection records
 * over the same time on the demo office (plus its 400 premises). The three questions of
 * the command centre, through core.call: the overdue list, today's disinfection coverage
 * per place, and a month's 督查通报 — each beside the same on the plain demo (baseline).
 */

function fill(core: Core, problems: number, records: number, now: Date) {
  const db = core.db;
  const today = localDay(now);
  const targets = db.prepare('SELECT id, name, community_id AS c FROM checkpoints').all() as { id: number; name: string; c: number }[];
  const checklist = (db.prepare("SELECT id FROM checklists WHERE target_kind = 'checkpoint' ORDER BY version DESC LIMIT 1").get() as { id: number }).id;
  const areas = (db.prepare('SELECT id FROM disinfection_areas').all() as { id: number }[]).map((a) => a.id);
  db.transaction(() => {
    const insI = db.prepare("INSERT INTO inspections (day, slot, kind, created_by, created_at) VALUES (?, 'am', 'routine', 'bench', ?)");
    const insT = db.prepare(
      "INSERT INTO inspection_targets (inspection_id, target_kind, target_id, target_name, checklist_id, failed) VALUES (?, 'checkpoint', ?, ?, ?, '[\"register\"]')",
    );
    const insP = db.prepare(
      `INSERT INTO problems (inspection_target_id, target_kind, target_id, target_name, community_id, category, item, responsible_kind, found_on, deadline, status, fixed_at, fixed_by, closed_at, created_at)
       VALUES (?, 'checkpoint', ?, ?, ?, ?, '登记', 'checkpointLead', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const cats = ['duty', 'measures', 'hygiene', 'publicity', 'other'];
    let inspection = 0;
    for (let i = 0; i < problems; i++) {
      const day = addDays(today, -(i % 90));
      if (i % 10 === 0) inspection = Number(insI.run(day, now.toISOString()).lastInsertRowid);
      const t = targets[i % targets.length]!;
      const target = Number(insT.run(inspection, t.id, t.name, checklist).lastInsertRowid);
      // Three in four closed, the rest open (many past their deadline) or waiting for the re-check.
      const state = i % 4 === 3 ? (i % 8 === 3 ? 'open' : 'fixed') : 'closed';
      const at = new Date(`${day}T12:00:00+08:00`).toISOString();
      insP.run(
        target,
        t.id,
        t.name,
        t.c,
        cats[i % 5],
        day,
        addDays(day, i % 3),
        state,
        state === 'open' ? null : at,
        state === 'open' ? null : 'bench',
        state === 'closed' ? at : null,
        at,
      );
    }
    const insD = db.prepare("INSERT INTO disinfections (area_id, day, ts, by_name, agent, amount, username) VALUES (?, ?, ?, '保洁', 'chlorine', 1, 'bench')");
    for (let i = 0; i < records; i++) {
      const day = addDays(today, -Math.floor((i / records) * 90));
      insD.run(areas[i % areas.length], day, new Date(`${day}T09:00:00+08:00`).toISOString());
    }
  })();
  db.exec('ANALYZE');
}

async function measure(core: Core, now: Date) {
  const call = await signIn(core, 'zhihui');
  const today = localDay(now);
  const time = (name: string, input: unknown) => medianOfCalls(call, name, input);
  return {
    overdue: await time('problems.list', { status: 'overdue', page: 1, pageSize: 50 }),
    coverage: await time('disinfection.coverage', { day: today, behindOnly: false }),
    report: await time('inspections.report', { from: addDays(today, -30), to: today }),
  };
}

export async function benchInspections(): Promise<void> {
  console.log('\n## 督查整改: 20,000 problems and 1,000,000 disinfection records (core.call, median of 5)');
  const now = new Date();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-insp-'));
  try {
    const core = await openDemoOffice(dir);
    const base = await measure(core, now);
    const t0 = process.hrtime.bigint();
    fill(core, 20_000, 1_000_000, now);
    const built = ms(t0);
    const full = await measure(core, now);
    const counts = core.db
      .prepare(
        "SELECT (SELECT count(*) FROM problems) AS p, (SELECT count(*) FROM disinfections) AS d, (SELECT count(*) FROM problems WHERE status = 'open' AND deadline < date('now', '+8 hours')) AS o",
      )
      .get() as { p: number; d: number; o: number };
    console.log(
      `built in ${(built / 1000).toFixed(1)} s: ${counts.p.toLocaleString()} problems (${counts.o.toLocaleString()} overdue), ${counts.d.toLocaleString()} disinfection records`,
    );
    console.log(`overdue list, first page: ${full.overdue.toFixed(1)} ms (demo: ${base.overdue.toFixed(1)} ms) — target < 100 ms`);
    console.log(`today's disinfection coverage per place: ${full.coverage.toFixed(1)} ms (demo: ${base.coverage.toFixed(1)} ms) — target < 100 ms`);
    console.log(`督查通报 for a month: ${full.report.toFixed(1)} ms (demo: ${base.report.toFixed(1)} ms) — target < 1 s`);
    core.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
