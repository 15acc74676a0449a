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
export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-demo-templates-'));
  project.provide('demoTemplateRoot', root);
  const script = fileURLToPath(new URL('./build-demo-templates.ts', import.meta.url));
  let builder: ChildProcess | null = spawn(process.execPath, ['--import', 'tsx', script, root], {
    env: { ...process.env, VITEST: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  builder.on('exit', () => (builder = null));
  return () => {
    builder?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
