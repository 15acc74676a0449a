import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when out/renderer is missing or older than any renderer/ or shared/ source. */
export function rendererIsStale(repoRoot: string): boolean {
  const index = path.join(repoRoot, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return ['renderer', 'shared'].some((d) => newestMtime(path.join(repoRoot, d)) > built);
}

/** Builds the renderer with Vite when needed; returns the directory to serve. */
export async function ensureRenderer(repoRoot: string): Promise<string> {
  const outDir = path.join(repoRoot, 'out', 'renderer');
  if (rendererIsStale(repoRoot)) {
    console.log('正在构建界面（首次运行或源代码有更新）…');
    const { build } = await import('vite');
    const { rendererConfig } = await import('../../renderer/vite.config');
    // Always the production build: under vitest NODE_ENV is 'test', and Vite and the React
    // plugin would then bundle React's and antd's development builds (slower to render).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ ...rendererConfig, configFile: false, logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  return outDir;
}
