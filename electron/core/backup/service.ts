import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Handlers } from '../api/types';
import { backupNow } from '../db/backup';
import { vacuumInto } from '../db/vacuum-thread';
import { runReadJob } from '../db/read-thread';
import { rekeyCopy, type SealArgs, sealExport } from './export-job';
import { applyPassword } from '../db/key';
import { resolveInside } from '../kernel/paths';
import { inspectBackup } from './inspect';
import { isCorrupt, keepAside } from './recovery';

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;

/** Records about people the file carries (residents, key persons, people on the register, named registrations): the export's audit row count. */
function personalRecords(db: Database.Database): number {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM residents) + (SELECT count(*) FROM key_persons) + (SELECT count(*) FROM people)
         + (SELECT count(*) FROM registrations WHERE name IS NOT NULL OR phone IS NOT NULL) AS n`,
    )
    .get() as { n: number };
  return row.n;
}

export const backupHandlers: Handlers<'backup.export' | 'backup.restore'> = {
  'backup.export': async ({ password }, ctx) => {
    const tmp = path.join(ctx.backupDir, `export-${process.pid}-${Date.now()}.partial`);
    fs.mkdirSync(ctx.backupDir, { recursive: true });
    try {
      await vacuumInto(ctx.db, tmp);
      const args: SealArgs = { file: tmp, keyHex: ctx.key.toString('hex'), password };
      const sealed = await runReadJob<true>(ctx.db, new URL('./export-job.ts', import.meta.url), 'sealExport', args).catch(
        (e: { message?: string; code?: string }) => {
          // The copy's check refuses in Chinese; anything else stays an internal failure.
          throw e.code === 'VALIDATION' ? new ApiError(e.code, e.message ?? '') : e;
        },
      );
      if (!sealed) sealExport(null, args);
      inspectBackup(tmp, { password }, ctx.migrations);
      for (const ext of ['-wal', '-shm']) fs.rmSync(`${tmp}${ext}`, { force: true });
      const bytes = fs.readFileSync(tmp);
      const base64 = bytes.toString('base64');
      const size = bytes.length;
      return {
        fileName: `街道防控指挥台备份-${stamp(ctx.now())}.scbak`,
        base64,
        size,
        rowCount: personalRecords(ctx.db),
      };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
  'backup.restore': async (input, ctx) => {
    const prepared = `${ctx.databaseFile}.restoring`;
    // Leftovers of an interrupted restore, including a journal SQLite would replay onto the new copy.
    for (const ext of ['', '-journal', '-wal', '-shm', '.upload']) fs.rmSync(`${prepared}${ext}`, { force: true });
    try {
      if ('backup' in input) {
        const src = resolveInside(ctx.backupDir, `/${input.backup}`);
        if (!src || !fs.existsSync(src)) throw new ApiError('NOT_FOUND', `找不到备份文件：${input.backup}`);
        fs.copyFileSync(src, prepared);
      } else {
        const upload = `${prepared}.upload`;
        try {
          fs.writeFileSync(upload, Buffer.from(input.upload, 'base64'));
          inspectBackup(upload, { password: input.password }, ctx.migrations);
          rekeyCopy(
            upload,
            (db) => applyPassword(db, input.password),
            (db) => db.pragma(`rekey="x'${ctx.key.toString('hex')}'"`),
          );
          fs.renameSync(upload, prepared);
        } finally {
          fs.rmSync(upload, { force: true });
        }
      }
      inspectBackup(prepared, { key: ctx.key }, ctx.migrations);
      try {
        await backupNow(ctx.db, ctx.backupDir, 'prerestore', ctx.now());
      } catch (e) {
        // A damaged database cannot be backed up, and is exactly what is being replaced: keep its file aside instead.
        if (!isCorrupt(e)) throw e;
        keepAside(ctx.databaseFile, ctx.now());
      }
      ctx.db = ctx.swapDatabase(prepared);
      // The restored data has its own users: every session of the old data ends.
      ctx.session.clear = true;
      return { ok: true as const };
    } finally {
      fs.rmSync(prepared, { force: true });
    }
  },
};
