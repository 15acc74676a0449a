import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../electron/core/registry/core';
import { signIn } from '../helpers/sessions';
import { ms } from './timing';
import { openDemoOffice } from './office';

/**
 * 自动排班 at scale, through core.call: a week of 300 posts in three shifts (6,300 slots,
 * one person each) from 1,000 people. Printed beside a street-office-sized baseline
 * (one community's 20 posts and 100 people) run in the same process.
 */

function populate(core: Core, people: number, posts: number): void {
  const db = core.db;
  const at = new Date().toISOString();
  db.transaction(() => {
    // Only the generated posts count: the demo's own posts are switched off.
    db.exec("UPDATE checkpoints SET status = 'paused'; UPDATE posts SET active = 0");
    db.exec('DELETE FROM people');
    const compounds = db.prepare('SELECT id, community_id FROM compounds ORDER BY id').all() as { id: number; community_id: number }[];
    const duty = (db.prepare("SELECT id FROM post_kinds WHERE code = 'duty'").get() as { id: number }).id;
    const addPost = db.prepare(
      "INSERT INTO posts (name, kind_id, compound_id, community_id, per_shift, pattern, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'three', ?, ?, ?)",
    );
    for (let i = 0; i < posts; i++) {
      const c = compounds[i % compounds.length]!;
      addPost.run(`岗位${i}`, duty, c.id, c.community_id, `岗位${i}`, at, at);
    }
    const addPerson = db.prepare(
      "INSERT INTO people (name, kind, weekdays, window_start, window_end, compound_id, community_id, search_key, created_at, updated_at) VALUES (?, 'volunteer', ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < people; i++) {
      const c = compounds[(i * 7) % compounds.length]!;
      const weekdays = i % 5 === 0 ? '12345' : '1234567';
      const window = i % 4 === 0 ? [8, 20] : [null, null];
      addPerson.run(`志愿者${i}`, weekdays, window[0], window[1], c.id, c.community_id, `志愿者${i}`, at, at);
    }
  })();
}

async function run(people: number, posts: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-roster-'));
  try {
    const core = await openDemoOffice(dir);
    populate(core, people, posts);
    const call = await signIn(core, 'zhihui');
    const made = await call('rosters.create', { name: '压测周', startDate: '2026-11-30', days: 7 });
    if (!made.ok) throw new Error(made.error.message);
    const id = (made.data as { id: number }).id;
    const t0 = process.hrtime.bigint();
    const filled = await call('rosters.fill', { id });
    const time = ms(t0);
    if (!filled.ok) throw new Error(filled.error.message);
    core.close();
    return { time, ...(filled.data as { needed: number; filled: number; gaps: number }) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRoster(): Promise<void> {
  console.log('\n## Volunteers: 自动排班 for a week (three shifts, rest 8 h, cap 48 h/week)');
  const base = await run(100, 20);
  console.log(
    `baseline 100 people × 20 posts (${base.needed} slots): ${base.time.toFixed(0)} ms, coverage ${((base.filled / base.needed) * 100).toFixed(1)} %`,
  );
  const big = await run(1000, 300);
  console.log(
    `1,000 people × 300 posts (${big.needed.toLocaleString()} slots): ${big.time.toFixed(0)} ms, coverage ${((big.filled / big.needed) * 100).toFixed(1)} % ` +
      `(${big.gaps} slots short; 1,000 people × 48 h can stand at most 6,000 of them) — target < 2,000 ms`,
  );
}
