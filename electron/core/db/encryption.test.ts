import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../registry/core';
import { copyDemoTemplate } from '../../../test/helpers/demo-template';
import { signIn, TEST_PASSWORD } from '../../../test/helpers/sessions';
import { listBackups } from './backup';
import { fileKeyStore } from './key';
import { DB_FILE } from './open';
import placesCreate from '../places/0010-places-create.sql';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-enc-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Strings from the demo office that must never appear in a file on disk. */
const SECRETS = ['平原示范街道办事处', '建设路社区', '第一片区', '交叉口卡点'];
const leaks = (file: string) => {
  const bytes = fs.readFileSync(file);
  return SECRETS.filter((s) => bytes.includes(Buffer.from(s)));
};

describe('encrypted database', () => {
  it('keeps no readable text in the database, its WAL or its backups', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    // The run's demo office (made encrypted by createCore once, test/helpers/demo-template.ts).
    await copyDemoTemplate('demo-residents', TEST_PASSWORD, dataDir, path.join(root, 'k.key'));
    const core = await createCore({
      dataDir,
      demoOnCreate: true,
      transport: 'http',
      keyStore: fileKeyStore(path.join(root, 'k.key')),
      adminPassword: TEST_PASSWORD,
    });
    const admin = await signIn(core, 'admin');
    const command = await signIn(core, 'zhihui');
    expect((await command('communities.create', { name: '保密测试社区', kind: 'community' })).ok).toBe(true);
    expect((await admin('system.backupNow', {})).ok).toBe(true);
    const wal = path.join(dataDir, `${DB_FILE}-wal`);
    expect(fs.existsSync(wal) && fs.statSync(wal).size > 0).toBe(true);
    const files = [path.join(dataDir, DB_FILE), wal, ...listBackups(path.join(dataDir, 'backups')).map((b) => path.join(dataDir, 'backups', b.file))];
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(leaks(f), f).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, DB_FILE)).includes(Buffer.from('保密测试社区'))).toBe(false);
    core.close();
  });

  it('cannot be opened without the key, and refuses a wrong key in Chinese', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    const keyFile = path.join(root, 'k.key');
    await copyDemoTemplate('demo', TEST_PASSWORD, dataDir, keyFile);
    (await createCore({ dataDir, demoOnCreate: true, transport: 'http', keyStore: fileKeyStore(keyFile) })).close();
    const raw = new Database(path.join(dataDir, DB_FILE));
    expect(() => raw.prepare('SELECT count(*) FROM communities').get()).toThrow(/not a database/);
    raw.close();
    fs.writeFileSync(keyFile, `${'ab'.repeat(32)}\n`);
    await expect(createCore({ dataDir, demoOnCreate: true, transport: 'http', keyStore: fileKeyStore(keyFile) })).rejects.toThrow(/无法解密数据库/);
    fs.rmSync(keyFile);
    await expect(createCore({ dataDir, demoOnCreate: true, transport: 'http', keyStore: fileKeyStore(keyFile) })).rejects.toThrow(/找不到数据库密钥/);
  });

  it('converts a database created before encryption, after a backup, keeping every row', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    const plain = new Database(path.join(dataDir, DB_FILE));
    plain.pragma('journal_mode = WAL');
    plain.exec(placesCreate);
    plain.pragma('user_version = 10');
    plain.prepare("INSERT INTO communities (name, kind, search_key, created_at, updated_at) VALUES ('旧数据社区', 'community', 'x', 't', 't')").run();
    plain.close();
    expect(leaks(path.join(dataDir, DB_FILE))).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, DB_FILE)).includes(Buffer.from('旧数据社区'))).toBe(true);

    const core = await createCore({
      dataDir,
      demoOnCreate: true,
      transport: 'http',
      keyStore: fileKeyStore(path.join(root, 'k.key')),
      adminPassword: TEST_PASSWORD,
    });
    // A database from before sign-in existed has no users: the first administrator is set up locally.
    const setup = await core.call('auth.setup', { username: 'admin', displayName: '管理员', password: TEST_PASSWORD }, { client: '127.0.0.1', local: true });
    expect(setup.envelope.ok).toBe(true);
    const list = await (await signIn(core, 'admin'))('communities.list', {});
    expect(list).toMatchObject({ ok: true, data: { total: 1, rows: [{ name: '旧数据社区' }] } });
    core.close();
    expect(fs.readFileSync(path.join(dataDir, DB_FILE)).includes(Buffer.from('旧数据社区'))).toBe(false);
    const backups = listBackups(path.join(dataDir, 'backups'));
    expect(backups.map((b) => b.kind)).toContain('premigrate');
    for (const b of backups) expect(fs.readFileSync(path.join(dataDir, 'backups', b.file)).includes(Buffer.from('旧数据社区'))).toBe(false);
  });
});
