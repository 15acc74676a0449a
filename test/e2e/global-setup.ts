import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureRenderer } from '../../electron/server/ensure-renderer';
import { E2E_FULL_TEMPLATE_DIR, E2E_TEMPLATE_DIR, launchServer, startServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A light demo office made once per run by `npm run serve` itself, which servers of the browser files start from. */
    e2eTemplate: string;
    /** The demo office with its 140,000 residents, made in the background (`<dir>.ready` once done), for `--full-demo` servers. */
    e2eFullTemplate: string;
  }
}

/**
 * Builds the renderer once before the browser suite (the server would otherwise race to),
 * then lets one real server make the light demo office: each browser file's server starts
 * from a copy instead of building the demo again (about 2 s of a core each, 27 starts).
 * The full demo, which two files need, is made by another server in the background meanwhile
 * (a minute and more on a loaded machine), so it is built once and the files start at once.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureRenderer(fileURLToPath(new URL('../../', import.meta.url)));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-template-'));
  const dataDir = path.join(root, E2E_TEMPLATE_DIR);
  const server = await startServer(dataDir);
  await server.stop();
  project.provide('e2eTemplate', dataDir);

  const fullDir = path.join(root, E2E_FULL_TEMPLATE_DIR);
  fs.writeFileSync(`${fullDir}.building`, '');
  // No hurry: it is built in the background; the files that need it wait in their set-up.
  const full = await launchServer(fullDir, ['--full-demo'], 900_000);
  const built = full.started.then(
    async () => {
      await full.stop();
      fs.writeFileSync(`${fullDir}.ready`, '');
    },
    (e: unknown) => fs.writeFileSync(`${fullDir}.failed`, e instanceof Error ? e.message : String(e)),
  );
  project.provide('e2eFullTemplate', fullDir);
  return async () => {
    // A run without the files that need it does not wait for the full demo: its server is stopped.
    await full.stop();
    await built;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
