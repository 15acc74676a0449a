import type Database from 'better-sqlite3-multiple-ciphers';
import { runReadJob } from './read-thread';

/**
 * Rows from which a job is worth a thread of its own. Below it the core's thread writes the
 * workbook in a couple of hundred milliseconds, less than a thread takes to start.
 */
export const THREAD_ROWS = 2_000;

/** Whether `table` holds THREAD_ROWS rows or more; it counts no further, so it stays cheap on millions. */
export const worthAThread = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} LIMIT ${THREAD_ROWS})`).get() as { n: number }).n >= THREAD_ROWS;

/** Where a read job is found: its module and exported function, which takes (db, input). */
export interface ReadJob {
  module: URL;
  fn: string;
}

/**
 * `job` on a thread of its own when `big`, else (or when no thread can be started, see
 * runReadJob) `here` on the caller's connection: `here` must be the job's own function, so
 * the answer is the same either way.
 */
export async function readJobOr<I, T>(
  db: Database.Database,
  big: boolean,
  job: ReadJob,
  input: I,
  here: (db: Database.Database, input: I) => T | Promise<T>,
): Promise<T> {
  const made = big ? await runReadJob<T>(db, job.module, job.fn, input) : null;
  return made ?? (await here(db, input));
}
