import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../db/backup';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((t) => t.cleanup()));

describe('restoring over a database damaged while the app runs', () => {
  it('the in-app restore works: the damaged file is kept aside instead of the 恢复前 backup it cannot make', async () => {
    const t = await openTestCore();
    cores.push(t);
    const admin = await signInAs(t.core, 'admin');
    const good = unwrap<{ file: string }>(await admin('system.backupNow'));
    t.core.db.pragma('wal_checkpoint(TRUNCATE)');
    // A disk error writes garbage over pages in the middle of the file under the running app.
    const fd = fs.openSync(t.core.databaseFile, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096 * 8, 0x5a), 0, 4096 * 8, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    t.core.db.pragma('cache_size = 0');
    expect(() => t.core.db.prepare('VACUUM INTO ?').run(path.join(t.root, 'probe.db'))).toThrow(/malformed|corrupt/i);

    unwrap(await admin('backup.restore', { backup: good.file }));
    expect(t.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const aside = fs.readdirSync(path.join(t.dataDir, 'damaged'));
    expect(aside.filter((f) => f.endsWith('.db'))).toHaveLength(1);
    expect(listBackups(path.join(t.dataDir, 'backups')).map((b) => b.kind)).not.toContain('prerestore');
    // And the next backup (the daily one that used to stop the app) works.
    unwrap(await (await signInAs(t.core, 'admin'))('system.backupNow'));
  });

  it('a damaged backup is refused in one short Chinese sentence, not SQLite’s report', async () => {
    const t = await openTestCore();
    cores.push(t);
    const admin = await signInAs(t.core, 'admin');
    const good = unwrap<{ file: string }>(await admin('system.backupNow'));
    const dir = path.join(t.dataDir, 'backups');
    const bytes = fs.readFileSync(path.join(dir, good.file));
    const page = Math.floor(bytes.length / 4096 / 2) * 4096;
    bytes.fill(0x5a, page, page + 4096 * 4);
    const broken = good.file.replace(/\d{3}-manual/, '998-manual');
    fs.writeFileSync(path.join(dir, broken), bytes);
    const r = await admin('backup.restore', { backup: broken });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^备份文件已损坏/) } });
    if (r.ok) return;
    expect(r.error.message.length).toBeLessThan(80);
    expect(r.error.message).not.toMatch(/[A-Za-z]{4,}/);
  });
});
