import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// Types only: the ProvidedContext key this file provides.
import type {} from '../helpers/demo-template';

/**
 * One folder per test run for the demo office templates, which tests copy instead of building
 * the demo again (5 s each, 26 s with its 140,000 residents). A background process starts
 * building the two common ones at once; a test that needs one first waits for it.
 */
interface Run {
  root: string;
  users: number;
  builder: ChildProcess | null;
}

/** The two unit projects (core, and the Electron seam) share one run's templates and builder. */
const shared = globalThis as { __scDemoTemplates?: Run };

export default function setup(project: TestProject): () => void {
  let run = shared.__scDemoTemplates;
  if (!run) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-demo-templates-'));
    const script = fileURLToPath(new URL('./build-demo-templates.ts', import.meta.url));
    const builder = spawn(process.execPath, ['--import', 'tsx', script, root], {
      env: { ...process.env, VITEST: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    run = shared.__scDemoTemplates = { root, users: 0, builder };
    builder.on('exit', () => (run!.builder = null));
  }
  run.users += 1;
  project.provide('demoTemplateRoot', run.root);
  return () => {
    if (--run.users > 0) return;
    run.builder?.kill();
    fs.rmSync(run.root, { recursive: true, force: true });
    shared.__scDemoTemplates = undefined;
  };
}
