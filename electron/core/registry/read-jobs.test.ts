import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { READ_JOB_MODULES, READ_JOBS } from './read-jobs';

const core = fileURLToPath(new URL('../', import.meta.url));
const sources = (fs.readdirSync(core, { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f.split(path.sep).join('/'), text: fs.readFileSync(path.join(core, f), 'utf8') }));

/** Module files the core starts threads from that are not read jobs: the core's host and the jobs' own thread file. */
const NOT_READ_JOBS = ['worker/host.ts', 'registry/threads.ts'];

describe('the read jobs the built app can run (registry/read-jobs.ts)', () => {
  it('hold every module the core names as a thread’s TypeScript module', () => {
    const named = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/new URL\('(\.{1,2}\/[\w./-]+\.ts)', import\.meta\.url\)/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]!)),
    );
    expect(named).toContain('residents/export-job.ts');
    expect(Object.keys(READ_JOB_MODULES).sort(), 'list each read-job module in READ_JOB_MODULES (registry/read-jobs.ts)').toEqual(
      [...new Set(named.filter((f) => !NOT_READ_JOBS.includes(f)))].sort(),
    );
  });

  it('hold every function the core names for a read job, each name once', () => {
    const fns = sources.flatMap(({ text }) => [...text.matchAll(/\bfn: '(\w+)'|import\.meta\.url\), '(\w+)'/g)].map((m) => m[1] ?? m[2]!));
    expect(fns).toEqual(expect.arrayContaining(['residentsExport', 'sealExport']));
    for (const fn of fns) expect(READ_JOBS[fn], fn).toBeTypeOf('function');
    const all = Object.values(READ_JOB_MODULES).flatMap((mod) => Object.keys(mod));
    expect(all.length).toBe(new Set(all).size);
  });
});
