import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/helpers/temp-core';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { createCore } from '../registry/core';
import { fileKeyStore } from './key';
import { acquireDataLock, LOCK_FILE, STALE_MS } from './lock';
import { StartupError } from './startup-error';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((t) => t.cleanup()));

const refusal = (fn: () => unknown): StartupError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StartupError) return e;
    throw e;
  }
  throw new Error('expected the lock to be refused');
};

describe('one process per data folder', () => {
  it('a second server on the same data folder is refused in Chinese, naming the computer and process holding it', async () => {
    const t = await openTestCore();
    cores.push(t);
    const second = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/server/cli.ts', '--data', t.dataDir, '--key-file', path.join(t.root, 'db.key'), '--port', '5981', '--empty'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`启动失败：数据目录 ${t.dataDir} 已被电脑“${os.hostname()}”上的进程 ${process.pid}`);
    expect(second.stderr).toContain('只能由一个');
    // The first one carries on, and still holds the folder.
    const command = await signInAs(t.core, 'command');
    unwrap(await command('communities.create', { name: '锁定期间新建', kind: 'community' }));
    expect(JSON.parse(fs.readFileSync(path.join(t.dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
  });

  it('the lock goes with the process: closed, or left by one that died, the folder opens again', async () => {
    const t = await openTestCore();
    const dataDir = t.dataDir;
    t.core.close();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    // A lock left behind by a process of this computer that no longer runs (a crash, a power cut).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), since: '2025-01-01T08:00:00.000Z', app: 'street-command' }),
    );
    const again = await createCore({ dataDir, demoOnCreate: false, transport: 'http', keyStore: fileKeyStore(path.join(t.root, 'db.key')) });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    again.close();
    fs.rmSync(t.root, { recursive: true, force: true });
  });

  it('a lock from another computer is honoured while it is kept fresh, and taken over when it has gone silent', () => {
    const dir = makeTempDir();
    let now = new Date('2025-03-01T08:00:00.000Z');
    const other = acquireDataLock(dir, { host: 'ZHIHUI-PC', pid: 4242, now: () => now });
    const refused = refusal(() => acquireDataLock(dir, { host: 'FRONT-DESK', pid: 77, now: () => now }));
    expect(refused.problem).toBe('locked');
    expect(refused.message).toContain('电脑“ZHIHUI-PC”上的进程 4242');
    // That computer lost power: its heartbeat stopped more than STALE_MS ago.
    now = new Date(fs.statSync(other.file).mtimeMs + STALE_MS + 1000);
    const mine = acquireDataLock(dir, { host: 'FRONT-DESK', pid: 77, now: () => now });
    expect(JSON.parse(fs.readFileSync(mine.file, 'utf8'))).toMatchObject({ host: 'FRONT-DESK', pid: 77 });
    mine.release();
    expect(fs.existsSync(mine.file)).toBe(false);
    other.release();
  });

  it('a lock whose pid now belongs to another program (after a restart) is stale once its heartbeat has stopped', () => {
    const dir = makeTempDir();
    let now = new Date('2025-03-01T08:00:00.000Z');
    const before = acquireDataLock(dir, { host: 'FRONT-DESK', pid: 1, now: () => now });
    expect(refusal(() => acquireDataLock(dir, { host: 'FRONT-DESK', pid: 2, now: () => now, alive: () => true })).problem).toBe('locked');
    now = new Date(fs.statSync(before.file).mtimeMs + STALE_MS + 1000);
    const after = acquireDataLock(dir, { host: 'FRONT-DESK', pid: 2, now: () => now, alive: () => true });
    expect(JSON.parse(fs.readFileSync(after.file, 'utf8')).pid).toBe(2);
    after.release();
    before.release();
  });
});
