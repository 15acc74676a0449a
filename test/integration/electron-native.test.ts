import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULE, type NativeTarget, prepareElectronNative } from '../tools/electron-native';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-native-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

/** A checkout after `npm install`: the module built for Node, and Electron's version. */
write(`node_modules/${MODULE}/package.json`, JSON.stringify({ name: MODULE, version: '12.11.1', main: 'lib/index.js' }));
write(`node_modules/${MODULE}/lib/index.js`, 'module.exports = 1;');
write(`node_modules/${MODULE}/build/Release/better_sqlite3.node`, 'node ABI');
write('node_modules/electron/package.json', JSON.stringify({ version: '45.4.1' }));

describe('npm start: the database module for Electron beside the one for Node', () => {
  const calls: { dir: string; target: NativeTarget; hadNodeBuild: boolean }[] = [];
  const rebuild = (dir: string, target: NativeTarget) => {
    calls.push({ dir, target, hadNodeBuild: fs.existsSync(path.join(dir, 'build')) });
    fs.mkdirSync(path.join(dir, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'build', 'Release', 'better_sqlite3.node'), `electron ${target.electron}`);
  };

  it('builds a copy for Electron under out/node_modules and leaves the Node build alone', () => {
    expect(prepareElectronNative(root, rebuild)).toBe(true);
    expect(calls).toEqual([
      { dir: path.join(root, 'out', 'node_modules', MODULE), target: expect.objectContaining({ electron: '45.4.1' }), hadNodeBuild: false },
    ]);
    expect(fs.readFileSync(path.join(root, 'out', 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('electron 45.4.1');
    expect(fs.readFileSync(path.join(root, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node ABI');
  });

  it('the built main process loads the Electron copy; code run from source (tests, serve) the Node one', () => {
    expect(createRequire(path.join(root, 'out', 'main', 'index.js')).resolve(MODULE)).toBe(path.join(root, 'out', 'node_modules', MODULE, 'lib', 'index.js'));
    expect(createRequire(path.join(root, 'electron', 'core', 'db', 'open.ts')).resolve(MODULE)).toBe(
      path.join(root, 'node_modules', MODULE, 'lib', 'index.js'),
    );
  });

  it('does nothing on the next start, and rebuilds after Electron is upgraded', () => {
    expect(prepareElectronNative(root, rebuild)).toBe(false);
    expect(calls).toHaveLength(1);
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    expect(prepareElectronNative(root, rebuild)).toBe(true);
    expect(fs.readFileSync(path.join(root, 'out', 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('electron 45.5.0');
  });
});
