import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { ApiError } from '../../../shared/api/errors';
import type { Handlers } from '../api/types';
import { backupNow } from '../db/backup';
import { applyKey } from '../db/key';
import { buildDemoCopy } from './build-thread';

/** Tables the reset leaves alone, with their keys: rows changed in the live file while the copy was built are carried into it. */
const KEPT: [table: string, key: string][] = [
  ['users', 'id'],
  ['sessions', 'id'],
  ['app_settings', 'key'],
  ['login_failures', 'username, client'],
];

const columns = (db: Database.Database, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/**
 * Brings the copy's users, sessions, settings and audit log up to the live file's, so
 * sign-ins, password changes and audit rows of calls answered during the build survive
 * the swap. Runs synchronously right before it, so nothing is written in between.
 */
function carryOver(live: Database.Database, copy: Database.Database): void {
  copy.transaction(() => {
    for (const [table, key] of KEPT) {
      const cols = columns(copy, table);
      const rows = live
        .prepare(`SELECT ${cols.join(', ')} FROM ${table}`)
        .raw()
        .all() as unknown[][];
      const set = cols.map((c) => `${c} = excluded.${c}`).join(', ');
      const upsert = copy.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${set}`,
      );
      for (const row of rows) upsert.run(...row);
    }
    // Sessions ended meanwhile (sign-outs, expiry) stay ended.
    const ids = (live.prepare('SELECT id FROM sessions').pluck().all() as number[]).join(',');
    copy.exec(`DELETE FROM sessions WHERE id NOT IN (${ids || 'NULL'})`);
    const lastAudit = (copy.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) ?? 0;
    const cols = columns(copy, 'audit_log');
    const insert = copy.prepare(`INSERT INTO audit_log (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    for (const row of live
      .prepare(`SELECT ${cols.join(', ')} FROM audit_log WHERE id > ?`)
      .raw()
      .iterate(lastAudit))
      insert.run(...(row as unknown[]));
  })();
}

/** Data folders whose reset is under way: a second one at the same time is refused. */
const resetting = new Set<string>();

export const demoHandlers: Handlers<'demo.reset'> = {
  /**
   * The demo office is built into a copy on a thread of its own and swapped in at the end,
   * so other users are answered meanwhile; only the carry-over and the swap hold them up.
   * Changes to the office's data made during the build are replaced with the demo's, as
   * they would have been a moment earlier.
   */
  'demo.reset': async (_, ctx) => {
    if (resetting.has(ctx.databaseFile)) throw new ApiError('CONFLICT', '正在重置为演示数据，请稍候再试。');
    resetting.add(ctx.databaseFile);
    const prepared = `${ctx.databaseFile}.restoring-demo`;
    for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${prepared}${ext}`, { force: true });
    try {
      // The current data is kept as a backup first, so a mistaken reset can be undone.
      await backupNow(ctx.db, ctx.backupDir, 'prereset', ctx.now());
      await buildDemoCopy(ctx.db, ctx.key, prepared, ctx.now(), ctx.resetWithResidents);
      // A long write (an import) still open on the live connection must end before it is closed.
      while (ctx.db.inTransaction) await new Promise((r) => setTimeout(r, 20));
      const copy = new Database(prepared, { fileMustExist: true });
      try {
        applyKey(copy, ctx.key);
        carryOver(ctx.db, copy);
      } finally {
        copy.close();
      }
      ctx.db = ctx.swapDatabase(prepared);
      return { ok: true as const };
    } finally {
      resetting.delete(ctx.databaseFile);
      for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${prepared}${ext}`, { force: true });
    }
  },
};
