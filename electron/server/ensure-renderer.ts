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
    await build({ ...rendererConfig, configFile: false, logLevel: 'warn' });
  }
  return outDir;
}
