import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/api';
import type { WorkerCore } from '../core/worker/worker-core';
import { fileKeyStore } from '../core/db/key';
import { LOCK_FILE } from '../core/db/lock';
import { DB_FILE } from '../core/db/open';
import { makeTempDir } from '../../test/helpers/temp-core';
import { signIn, TEST_PASSWORD, unwrap } from '../../test/helpers/sessions';
import { FakeIpcMain, fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);
const { startCore } = await import('./start-core');
const { registerApi } = await import('./ipc');

const cores: WorkerCore[] = [];
afterEach(() => Promise.all(cores.splice(0).map((c) => c.close())));

const errorBoxes = () => {
  const shown: { title: string; content: string }[] = [];
  return { shown, showErrorBox: (title: string, content: string) => void shown.push({ title, content }) };
};

async function desktopOffice() {
  const root = makeTempDir();
  const opts = {
    dataDir: path.join(root, 'data'),
    keyStore: fileKeyStore(path.join(root, 'key.bin')),
    demoOnCreate: false,
    transport: 'desktop' as const,
    adminPassword: TEST_PASSWORD,
  };
  const dialog = errorBoxes();
  const core = (await startCore(opts, dialog))!;
  unwrap(await (await signIn(core, 'admin'))('system.backupNow'));
  return { opts, core, dialog };
}

describe('desktop start-up', () => {
  it('a damaged database opens the window on the recovery page, and the window may restore', async () => {
    const { opts, core } = await desktopOffice();
    await core.close();
    const file = path.join(opts.dataDir, DB_FILE);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));

    const dialog = errorBoxes();
    const recovering = (await startCore(opts, dialog))!;
    cores.push(recovering);
    expect(dialog.shown).toEqual([]);
    const ipc = new FakeIpcMain();
    registerApi(ipc as never, recovering, 'app://street-command');
    const invoke = (name: string, input: unknown = {}) =>
      ipc.handlers.get(`api:${name}`)!({ sender: { id: 1 }, senderFrame: { url: 'app://street-command/index.html' } }, input) as Promise<Envelope>;
    expect(await invoke('auth.status')).toMatchObject({ ok: false, error: { code: 'RECOVERY', message: expect.stringContaining('截断') } });
    const page = unwrap<{ local: boolean; backups: { file: string }[] }>(await invoke('recovery.status'));
    expect(page.local).toBe(true);
    unwrap(await invoke('recovery.restore', { backup: page.backups[0]!.file }));
    expect(unwrap<{ needsSetup: boolean }>(await invoke('auth.status')).needsSetup).toBe(false);
  });

  it('a data folder held by another process (the LAN server) is an error box naming it, and no window', async () => {
    const { opts, core } = await desktopOffice();
    await core.close();
    // Another running process of this computer holds the folder.
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(
        path.join(opts.dataDir, LOCK_FILE),
        JSON.stringify({ pid: server.pid, host: os.hostname(), since: '2025-05-06T07:30:00.000Z', app: 'street-command' }),
      );
      const dialog = errorBoxes();
      expect(await startCore(opts, dialog)).toBeNull();
      expect(dialog.shown).toEqual([{ title: '数据目录已被占用', content: expect.stringContaining(`上的进程 ${server.pid}（`) }]);
    } finally {
      server.kill();
    }
  });
});
