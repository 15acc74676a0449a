import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileSet } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { drawEmblem, ICO_SIZES, PNG_SIZE } from '../../resources/emblem';
import { APP_ICON, APP_ID } from '../../electron/main/app-identity';
import { buildResourcesDir, loadBuilderConfig, packs, resolvedIcon, root, unpacks } from '../helpers/electron-builder';
import { readIco, readPng, type Png } from '../helpers/icon-files';

// The installer cannot be built here (no Electron binary, no network), so these tests read
// electron-builder.yml with electron-builder's own code and check what it would pack.
const config = await loadBuilderConfig();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; productName: string; dependencies: Record<string, string> };
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
const platforms = ['win', 'linux'] as const;

/** The red the renderer's antd theme uses, read from its source so the icon follows it. */
function themeRed(): [number, number, number] {
  const hex = /colorPrimary:\s*'#([0-9a-f]{6})'/i.exec(readFileSync(path.join(root, 'renderer/src/main.tsx'), 'utf8'))![1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function mostCommonOpaqueColour({ pixels }: Png): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] !== 255) continue;
    const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('electron-builder.yml', () => {
  it('names the app as the window and the installed shortcuts do', () => {
    expect(config.productName).toBe('街道防控指挥台');
    expect(pkg.productName).toBe(config.productName);
    expect(config.nsis?.shortcutName).toBe(config.productName);
    // The main process sets this AppUserModelID on Windows; a mismatch splits the taskbar button.
    expect(config.appId).toBe(APP_ID);
    expect(buildResourcesDir(config)).toBe(path.join(root, 'resources'));
  });

  it('gives each platform the app icon from resources/, never Electron’s default', async () => {
    expect(rel((await resolvedIcon(config, 'win'))!)).toBe('resources/icon.ico');
    expect(rel((await resolvedIcon(config, 'linux'))!)).toBe('resources/icon.png');
  });

  it('names only files that exist, or that electron-vite writes to out/', () => {
    const named = [
      config.win?.icon,
      config.linux?.icon,
      config.nsis?.installerIcon,
      config.nsis?.uninstallerIcon,
      config.nsis?.license,
      config.nsis?.include,
    ].filter((f): f is string => !!f);
    for (const file of named) expect(existsSync(path.join(buildResourcesDir(config), file)) || existsSync(path.join(root, file)), file).toBe(true);
    // The loader has already gathered the list into file sets ({ from?, filter }).
    const sets = [config.files].flat() as (string | FileSet)[];
    const patterns = sets
      .flatMap((set) => (typeof set === 'string' ? [set] : [set.filter ?? []].flat().map((p) => (set.from ? `${set.from}/${p}` : p))))
      .filter((p) => !p.startsWith('!'));
    expect(patterns).toContain('resources/icon.png');
    for (const pattern of patterns) {
      const base = pattern
        .split('/')
        .filter((part) => !/[*?{[]/.test(part))
        .join('/');
      if (base.startsWith('out')) continue;
      expect(existsSync(path.join(root, base)), pattern).toBe(true);
    }
  });

  it.each(platforms)('packs what the app loads at run time and leaves sources out (%s)', (platform) => {
    // package.json's main, the sandboxed preload (electron/main/index.ts) and the renderer electron-vite builds.
    // The core's host and its long jobs' thread file are chunks index.js starts by path (electron-vite's ?modulePath).
    const chunks = ['out/main/chunks/host-0a1b2c3d.js', 'out/main/chunks/threads-0a1b2c3d.js', 'out/main/chunks/read-jobs-0a1b2c3d.js'];
    for (const file of [pkg.main, ...chunks, 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', rel(APP_ICON)]) {
      expect(packs(config, platform, file), file).toBe(true);
    }
    for (const file of ['out/main/index.js.map', 'resources/icon.ico', 'resources/make-icons.ts', 'electron/main/index.ts', 'electron-builder.yml']) {
      expect(packs(config, platform, file), file).toBe(false);
    }
  });

  it.each(platforms)('unpacks every native module of the production dependencies from the asar (%s)', (platform) => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const production = Object.entries(lock.packages).filter(([dir, p]) => dir.startsWith('node_modules/') && !p.dev && existsSync(path.join(root, dir)));
    const addons = production.flatMap(([dir]) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.node'))
        .map((f) => `${dir}/${f.split(path.sep).join('/')}`),
    );
    expect(addons).toContain('node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
    for (const addon of addons) expect(unpacks(config, platform, addon), addon).toBe(true);
    expect(unpacks(config, platform, 'node_modules/better-sqlite3-multiple-ciphers/lib/database.js')).toBe(true);
    // Only the native module: the app itself stays inside the archive.
    expect(unpacks(config, platform, pkg.main)).toBe(false);
    expect(unpacks(config, platform, 'node_modules/zod/package.json')).toBe(false);
  });
});

describe('the app icon files', () => {
  it('icon.ico holds the app emblem at every size from 16 to 256 px', () => {
    const entries = readIco(readFileSync(path.join(root, 'resources/icon.ico')));
    expect(entries.map((e) => [e.width, e.height])).toEqual(ICO_SIZES.map((s) => [s, s]));
    for (const entry of entries) {
      const png = readPng(entry.image);
      expect([png.width, png.height, entry.bitCount]).toEqual([entry.width, entry.width, 32]);
      // The committed file is what resources/make-icons.ts draws today.
      expect(Buffer.from(png.pixels).equals(Buffer.from(drawEmblem(entry.width))), `${entry.width} px`).toBe(true);
    }
  });

  it('icon.png is a 512 px emblem in the app’s red on a transparent ground', () => {
    const png = readPng(readFileSync(path.join(root, 'resources/icon.png')));
    expect([png.width, png.height]).toEqual([PNG_SIZE, PNG_SIZE]);
    expect(Buffer.from(png.pixels).equals(Buffer.from(drawEmblem(PNG_SIZE)))).toBe(true);
    expect(mostCommonOpaqueColour(png)).toBe(themeRed().join(','));
    expect(png.pixels[3]).toBe(0); // top-left corner
    const centre = ((PNG_SIZE / 2) * PNG_SIZE + PNG_SIZE / 2) * 4;
    expect(png.pixels[centre + 3]).toBe(255);
  });
});
