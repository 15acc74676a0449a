import fs from 'node:fs';
import path from 'node:path';
import { loadConfigFromFile, MainConfigFactory } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

export interface MainBuild {
  /** The folder holding main/ as out/ would. */
  dir: string;
  /** The built main process (out/main/index.js's twin). */
  index: string;
  /** The files index.js starts by their `?modulePath` (the core's host, the long jobs' thread file). */
  hostFile: string;
  threadFile: string;
  cleanup(): void;
}

/** The file a `?modulePath` import became: electron-vite writes `join(import.meta.dirname, "./chunks/<name>-<hash>.js")`. */
function modulePathOf(index: string, name: string): string {
  const found = new RegExp(`join\\(import\\.meta\\.dirname, "(\\./chunks/${name}-[0-9a-f]+\\.js)"\\)`).exec(fs.readFileSync(index, 'utf8'));
  if (!found) throw new Error(`the built main process names no ${name} chunk`);
  return path.join(path.dirname(index), found[1]!);
}

/**
 * electron-vite's build of the main process (electron.vite.config.ts's `main`, with
 * electron-vite's own plugins: `?modulePath`, dependencies left external), written to a
 * folder of its own instead of out/ so a test never races `npm run build` or the e2e
 * suite. The folder sits under node_modules/.cache so the bundle finds the dependencies
 * as the packaged app finds its own, and marks itself ESM as package.json does for out/.
 */
export async function buildMain(root: string): Promise<MainBuild> {
  const cache = path.join(root, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'main-build-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const env = { NODE_ENV: process.env.NODE_ENV, NODE_ENV_ELECTRON_VITE: process.env.NODE_ENV_ELECTRON_VITE };
  try {
    // As `electron-vite build` sets them (the vitest process's own are given back below).
    process.env.NODE_ENV_ELECTRON_VITE = 'production';
    const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, undefined, root);
    const main = (loaded.config as { main: InlineConfig }).main;
    const inline = { configFile: false as const, root, mode: 'production', logLevel: 'error' as const, build: { outDir: dir } };
    await build(await new MainConfigFactory(main, inline, { outDir: dir, root }).build());
  } finally {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const index = path.join(dir, 'main', 'index.js');
  return {
    dir,
    index,
    hostFile: modulePathOf(index, 'host'),
    threadFile: modulePathOf(index, 'threads'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
