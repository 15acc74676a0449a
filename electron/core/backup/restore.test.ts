import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../registry/core';
import { listBackups } from '../db/backup';
import { fileKeyStore } from '../db/key';
import { openTestCore, signIn, signInAs, type TestCore, TEST_PASSWORD } from '../../../test/helpers/sessions';
import { SLOW_MS } from '../../../test/helpers/temp-core';

const cores: TestCore[] = [];
const open = async () => {
  const t = await openTestCore();
  cores.push(t);
  return t;
};
afterEach(() => cores.splice(0).forEach((t) => t.cleanup()));

const names = (t: TestCore) => (t.core.db.prepare('SELECT name FROM communities ORDER BY id').all() as { name: string }[]).map((r) => r.name);
const ok = <T>(e: { ok: boolean; data?: unknown; error?: { message: string } }) => {
  if (!e.ok) throw new Error(e.error!.message);
  return e.data as T;
};

describe('backup and restore', () => {
  it('restoring a backup gives back exactly the backed-up rows, after a 恢复前 backup', async () => {
    const t = await open();
    const admin = await signInAs(t.core, 'admin');
    const command = await signInAs(t.core, 'command');
    const backup = ok<{ file: string }>(await admin('system.backupNow'));
    const before = names(t);
    ok(await command('communities.create', { name: '备份后新建社区', kind: 'community' }));
    expect(names(t)).toContain('备份后新建社区');

    ok(await admin('backup.restore', { backup: backup.file }));
    expect(names(t)).toEqual(before);
    expect(listBackups(path.join(t.dataDir, 'backups')).map((b) => b.kind)).toContain('prerestore');
    // The restored database works normally afterwards.
    const again = await signInAs(t.core, 'command');
    ok(await again('communities.create', { name: '恢复后新建社区', kind: 'village' }));
  });

  it('carries an exported, password-protected backup to another PC with another key', async () => {
    const source = await open();
    const target = await open();
    const file = ok<{ base64: string; fileName: string }>(await (await signInAs(source.core, 'admin'))('backup.export', { password: 'usb-stick-2026' }));
    expect(file.fileName).toMatch(/\.scbak$/);
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.includes(Buffer.from('建设路社区'))).toBe(false);
    ok(await (await signInAs(source.core, 'command'))('communities.create', { name: '只在源电脑', kind: 'community' }));

    const admin = await signInAs(target.core, 'admin');
    const wrong = await admin('backup.restore', { upload: file.base64, fileName: file.fileName, password: 'not-it-at-all' });
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringContaining('密码不正确') } });
    ok(await (await signInAs(target.core, 'command'))('communities.create', { name: '目标电脑原有', kind: 'community' }));
    const targetBefore = names(target);
    expect(targetBefore).toContain('目标电脑原有');

    ok(await admin('backup.restore', { upload: file.base64, fileName: file.fileName, password: 'usb-stick-2026' }));
    const restored = names(target);
    expect(restored).not.toContain('目标电脑原有');
    expect(restored).not.toContain('只在源电脑');
    expect(restored).toHaveLength(15);
  });

  it('refuses a truncated or foreign file with a Chinese message and changes nothing', async () => {
    const t = await open();
    const admin = await signInAs(t.core, 'admin');
    const good = ok<{ file: string }>(await admin('system.backupNow'));
    const dir = path.join(t.dataDir, 'backups');
    const broken = good.file.replace(/-manual\.db$/, '-daily.db').replace(/\d{3}-daily/, '999-daily');
    const bytes = fs.readFileSync(path.join(dir, good.file));
    fs.writeFileSync(path.join(dir, broken), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const before = names(t);
    const r = await admin('backup.restore', { backup: broken });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/损坏|无法读取|不是本系统/) } });
    expect(names(t)).toEqual(before);
    const foreign = await admin('backup.restore', { upload: Buffer.from('这不是数据库').toString('base64'), fileName: 'x.scbak', password: 'whatever-pass' });
    expect(foreign.ok).toBe(false);
    expect(listBackups(dir).map((b) => b.kind)).not.toContain('prerestore');
  });

  it(
    'a process killed during restore leaves a database with either the old or the restored data',
    async () => {
      const t = await open();
      const command = await signInAs(t.core, 'command');
      const admin = await signIn(t.core, 'admin');
      ok(await command('communities.create', { name: '状态甲', kind: 'community' }));
      const a = ok<{ file: string }>(await admin('system.backupNow'));
      await new Promise((r) => setTimeout(r, 5));
      ok(await command('communities.update', { id: 16, name: '状态乙', kind: 'community' }));
      const b = ok<{ file: string }>(await admin('system.backupNow'));
      t.core.close();

      for (const delay of [150, 400, 700, 1100]) {
        // node --import tsx, not the tsx wrapper: SIGKILL must hit the process doing the restore.
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/integration/restore-child.ts', t.dataDir, path.join(t.root, 'db.key'), a.file, b.file],
          {
            env: { ...process.env, TEST_PASSWORD },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let err = '';
        child.stderr.on('data', (c) => (err += c));
        await new Promise<void>((resolve, reject) => {
          child.stdout.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`restore child exited (${code}): ${err}`)));
        });
        await new Promise((r) => setTimeout(r, delay));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));

        const reopened = await createCore({ dataDir: t.dataDir, demoOnCreate: false, transport: 'http', keyStore: fileKeyStore(path.join(t.root, 'db.key')) });
        expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const marker = (reopened.db.prepare('SELECT name FROM communities WHERE id = 16').get() as { name: string }).name;
        expect(['状态甲', '状态乙']).toContain(marker);
        reopened.close();
      }
      // Reopen for the cleanup in afterEach.
      cores.splice(0);
      fs.rmSync(t.root, { recursive: true, force: true });
    },
    SLOW_MS,
  );
});
