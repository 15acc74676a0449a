import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm start` (prestart): the desktop app needs better-sqlite3-multiple-ciphers compiled
 * for Electron's ABI, while the tests and `npm run serve` need the Node build that
 * `npm install` made. So the Electron build is a second copy in out/node_modules: the
 * built main process (out/main/*.js) finds it first when Node walks up for
 * node_modules, and everything run from source keeps finding the Node build.
 * Packaging does not use it (electron-builder rebuilds for Electron itself).
 */
export const MODULE = 'better-sqlite3-multiple-ciphers';

export interface NativeTarget {
  electron: string;
  platform: string;
  arch: string;
  moduleVersion: string;
}

export type Rebuild = (dir: string, target: NativeTarget) => void;

/** Downloads a prebuilt binary for this Electron, else compiles against Electron's headers. */
export const rebuildForElectron: Rebuild = (dir, t) => {
  const bin = (name: string) => path.join(dir, '..', '..', '..', 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const shell = process.platform === 'win32';
  try {
    execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', t.electron, '--arch', t.arch, '--platform', t.platform], {
      cwd: dir,
      stdio: 'inherit',
      shell,
    });
  } catch {
    console.log('没有可下载的预编译版本，正在为 Electron 编译数据库模块（需要 C++ 编译工具，约 2 分钟）…');
    execFileSync(
      bin('node-gyp'),
      ['rebuild', '--release', '--runtime=electron', `--target=${t.electron}`, `--arch=${t.arch}`, '--dist-url=https://electronjs.org/headers'],
      {
        cwd: dir,
        stdio: 'inherit',
        shell,
      },
    );
  }
};

/** Makes (or keeps) out/node_modules/<module> built for Electron; returns whether it had to build. */
export function prepareElectronNative(root: string, rebuild: Rebuild = rebuildForElectron): boolean {
  const source = path.join(root, 'node_modules', MODULE);
  const dest = path.join(root, 'out', 'node_modules', MODULE);
  const target: NativeTarget = {
    electron: (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version,
    platform: process.platform,
    arch: process.arch,
    moduleVersion: (JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string }).version,
  };
  const stampFile = path.join(dest, '.electron-target.json');
  const stamp = JSON.stringify(target);
  const addon = path.join(dest, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(addon) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return false;
  fs.rmSync(dest, { recursive: true, force: true });
  // The sources, not the Node build: prebuild-install and node-gyp write build/ afresh.
  fs.cpSync(source, dest, { recursive: true, filter: (f) => path.relative(source, f).split(path.sep)[0] !== 'build' });
  rebuild(dest, target);
  if (!fs.existsSync(addon)) throw new Error(`未能为 Electron ${target.electron} 生成 ${addon}`);
  fs.writeFileSync(stampFile, stamp);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const built = prepareElectronNative(root);
  console.log(built ? `已为 Electron 生成数据库模块：out/node_modules/${MODULE}` : `Electron 版数据库模块已是最新（out/node_modules/${MODULE}）`);
}
