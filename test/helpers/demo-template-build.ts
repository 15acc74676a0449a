import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';

/** Which demo office: with or without its 140,000 residents. */
export type DemoKind = 'demo' | 'demo-residents';

const BUILD_TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder of one template: `data/` (the database) and `db.key`. */
export const templateDir = (root: string, kind: DemoKind, adminPassword: string | undefined) =>
  path.join(root, `${kind}-${adminPassword === undefined ? 'no-users' : Buffer.from(adminPassword).toString('hex')}`);

/**
 * Builds a template once per run, whoever asks first (a test worker, or the background
 * builder test/setup/demo-templates.ts starts); the others wait for it. A directory made
 * with mkdir is the lock; `ready` or `failed` says how it ended.
 */
export async function ensureTemplate(root: string, kind: DemoKind, adminPassword: string | undefined): Promise<string> {
  const dir = templateDir(root, kind, adminPassword);
  const ready = path.join(dir, 'ready');
  const failed = path.join(dir, 'failed');
  if (fs.existsSync(ready)) return dir;
  try {
    fs.mkdirSync(dir);
  } catch {
    const until = Date.now() + BUILD_TIMEOUT_MS;
    while (!fs.existsSync(ready)) {
      if (fs.existsSync(failed)) throw new Error(`building the ${kind} template failed: ${fs.readFileSync(failed, 'utf8')}`);
      if (Date.now() > until) throw new Error(`the ${kind} template was not built within ${BUILD_TIMEOUT_MS / 1000} s (${dir})`);
      await sleep(100);
    }
    return dir;
  }
  try {
    const core = await createCore({
      dataDir: path.join(dir, 'data'),
      demoOnCreate: true,
      demoResidents: kind === 'demo-residents',
      transport: 'http',
      keyStore: fileKeyStore(path.join(dir, 'db.key')),
      adminPassword,
      every: () => () => undefined,
    });
    // One self-contained file to copy: no WAL beside it.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    fs.writeFileSync(ready, '');
    return dir;
  } catch (e) {
    fs.writeFileSync(failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
    throw e;
  }
}
