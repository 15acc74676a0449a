import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Several read jobs in one thread (db/read-thread.ts runs this module as a job): each
 * module is imported and its function called as a job of its own would be. A test proves
 * every export's job off the core's thread at the cost of starting one thread, not ten.
 */
export async function runJobs(db: Database.Database, jobs: { module: string; fn: string; input: unknown }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const job of jobs) {
    const mod = (await import(job.module)) as Record<string, (db: Database.Database, input: unknown) => unknown>;
    if (typeof mod[job.fn] !== 'function') throw new Error(`${job.module} has no job ${job.fn}`);
    out.push(await mod[job.fn]!(db, job.input));
  }
  return out;
}
