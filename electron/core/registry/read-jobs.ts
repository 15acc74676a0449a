import type Database from 'better-sqlite3-multiple-ciphers';
import * as auditJobs from '../auth/audit-export';
import * as backupJobs from '../backup/export-job';
import * as briefingJobs from '../briefing/figures-job';
import * as inspectionsJobs from '../inspections/export-job';
import * as residentsJobs from '../residents/export-job';
import * as suppliesJobs from '../supplies/export-job';
import * as volunteersJobs from '../volunteers/export-job';

/**
 * The modules features name to runReadJob (db/read-thread.ts), by their path under
 * electron/core: the built app has no module files to load, so its thread file
 * (threads.ts) finds the job's function here, by name. A new read-job module is added
 * here (read-jobs.test.ts finds the ones named in the core's source).
 */
export const READ_JOB_MODULES: Record<string, object> = {
  'auth/audit-export.ts': auditJobs,
  'backup/export-job.ts': backupJobs,
  'briefing/figures-job.ts': briefingJobs,
  'inspections/export-job.ts': inspectionsJobs,
  'residents/export-job.ts': residentsJobs,
  'supplies/export-job.ts': suppliesJobs,
  'volunteers/export-job.ts': volunteersJobs,
};

type Job = (db: Database.Database, input: never) => unknown;

/** Every function of those modules by its name (the names are unique: read-jobs.test.ts). */
export const READ_JOBS: Record<string, Job> = Object.fromEntries(
  Object.values(READ_JOB_MODULES).flatMap((mod) => Object.entries(mod).filter((e): e is [string, Job] => typeof e[1] === 'function')),
);
