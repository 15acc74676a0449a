import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open';
import { type DemoKind, ensureTemplate } from './demo-template-build';

export type { DemoKind };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the demo office templates of this run are built (test/setup/demo-templates.ts). */
    demoTemplateRoot: string;
  }
}

/**
 * Puts a copy of the run's demo office (its users made with `adminPassword`; none without)
 * into `dataDir`, keyed by the key file `keyFile`, and returns true; false outside the unit
 * project (no template folder), where the caller builds the demo itself.
 */
export async function copyDemoTemplate(kind: DemoKind, adminPassword: string | undefined, dataDir: string, keyFile: string): Promise<boolean> {
  const root = inject('demoTemplateRoot');
  if (!root) return false;
  const dir = await ensureTemplate(root, kind, adminPassword);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(path.join(dir, 'data', DB_FILE), path.join(dataDir, DB_FILE));
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.copyFileSync(path.join(dir, 'db.key'), keyFile);
  return true;
}
