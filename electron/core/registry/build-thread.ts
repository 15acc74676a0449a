import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3-multiple-ciphers';
import { answerOf, bundledThread, tsxThread } from '../db/job-thread';
import { vacuumInto } from '../db/vacuum-thread';
import { buildDemoInto, type DemoBuild } from './build-job';

/** The thread file as TypeScript, when there is one to load (tsx, vitest; a bundle has none). */
function typeScriptThreads(): URL | null {
  const url = new URL('./threads.ts', import.meta.url);
  return url.protocol === 'file:' && import.meta.url.endsWith('.ts') && fs.existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * Writes the demo office into `target`: a copy of `db` (users, sessions, settings, audit
 * log as they are) whose territory and its data are replaced, off the caller's thread: the
 * built app's thread file, or threads.ts through tsx's loader. Only with neither is the demo
 * written here (still into the copy, so a failure leaves the office as it was). `db` itself
 * is only read.
 */
export async function buildDemoCopy(db: Database.Database, key: Buffer, target: string, now: Date, residents = true): Promise<void> {
  await vacuumInto(db, target);
  const build: DemoBuild = { file: target, keyHex: key.toString('hex'), nowMs: now.getTime(), residents };
  const source = typeScriptThreads();
  const worker = bundledThread({ job: 'demo', ...build }) ?? (source && tsxThread(source, { job: 'demo', ...build }));
  if (worker) await answerOf(worker, 'demo build');
  else buildDemoInto(build);
}
