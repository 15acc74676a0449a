import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureRenderer } from '../../electron/server/ensure-renderer';
import { E2E_TEMPLATE_DIR, startServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A light demo office made once per run by `npm run serve` itself, which servers of the browser files start from. */
    e2eTemplate: string;
  }
}

/**
 * Builds the renderer once before the browser suite (the server would otherwise race to),
 * then lets one real server make the light demo office: each browser file's server starts
 * from a copy instead of building the demo again (about 2 s of a core each, 27 starts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureRenderer(fileURLToPath(new URL('../../', import.meta.url)));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-template-'));
  const dataDir = path.join(root, E2E_TEMPLATE_DIR);
  const server = await startServer(dataDir);
  await server.stop();
  project.provide('e2eTemplate', dataDir);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
