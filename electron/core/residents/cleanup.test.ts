import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptedPages } from '../../../test/helpers/decrypted-pages';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { count, dataOf, errorOf, makeTempDir, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { migrate } from '../db/migrate';
import { configure, defaultKeyStore, openDatabase } from '../db/open';
import { migrations } from '../registry/migrations';
import { residentKey } from './residents';

/** The file as someone holding the key would read it, free space included (after a checkpoint). */
const plaintextBytes = (dbFile: string, dataDir: string) => decryptedPages(dbFile, defaultKeyStore(dataDir).read()!);

describe('数据清理', () => {
  it('removes personal data older than the date, keeps the figures, leaves no ID number in the file, backs up first', async () => {
    const { core, call } = await openSignedIn({ demo: true, now: manualClock('2026-12-01T02:00:00Z') }, 'command');
    const dataDir = path.dirname(core.databaseFile);
    const ids = Array.from({ length: 20 }, (_, i) => makeId('411402', '19850315', 100 + i));
    const compound = dataOf<{ rows: { id: number }[] }>(await call('compounds.list', { pageSize: 1 })).rows[0]!;
    const insert = core.db.prepare(
      "INSERT INTO residents (compound_id, name, id_number, birth_date, gender, phone, kind, search_key, created_at, updated_at) VALUES (?, ?, ?, '1985-03-15', 'M', ?, 'resident', ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
    );
    ids.forEach((id, i) => insert.run(compound.id, `清理测试${i}`, id, `1366666${String(1000 + i)}`, residentKey(`清理测试${i}`, null, id)));
    const cp = dataOf<{ rows: { id: number }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    for (let i = 0; i < 5; i++)
      dataOf(
        await call('registrations.create', { checkpointId: cp.id, name: `过客${i}`, phone: `1355555${String(1000 + i)}`, temperature: i === 0 ? 38.1 : 36.5 }),
      );
    const kp = dataOf<{ id: number }>(
      await call('keyPersons.create', {
        name: '旧病例',
        idNumber: makeId('411402', '19700101', 555),
        category: 'arrival',
        measure: 'homeObservation',
        startDate: '2026-11-01',
        days: 14,
      }),
    );
    dataOf(await call('followups.record', { keyPersonId: kp.id, day: '2026-11-02', slot: 'am', temperature: 36.2 }));
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextBytes(core.databaseFile, dataDir).includes(Buffer.from(ids[0]!))).toBe(true); // the check can see IDs at all

    const daily = async () => dataOf<unknown>(await call('registrations.daily', { day: '2026-12-01' }));
    const before = {
      daily: await daily(),
      kp: count(core.db, 'key_persons'),
      followups: count(core.db, 'followups'),
      households: count(core.db, 'households'),
    };
    const admin = await signInAs(core, 'admin');
    expect(errorOf(await admin('personal.cleanup', { before: '2026-12-02', confirm: '清理' })).issues?.[0]?.message).toBe('请输入“清理个人信息”以确认');
    expect(errorOf(await call('personal.cleanup', { before: '2026-12-02', confirm: '清理个人信息' })).code).toBe('FORBIDDEN');
    const done = dataOf<{ registrations: number; keyPersons: number; residents: number }>(
      await admin('personal.cleanup', { before: '2026-12-02', confirm: '清理个人信息' }),
    );
    expect(done).toEqual({ registrations: 5, keyPersons: 1, residents: 20 });

    expect(await daily()).toEqual(before.daily);
    expect({ kp: count(core.db, 'key_persons'), followups: count(core.db, 'followups'), households: count(core.db, 'households') }).toEqual({
      kp: before.kp,
      followups: before.followups,
      households: before.households,
    });
    const bytes = plaintextBytes(core.databaseFile, dataDir);
    const left = [...ids, makeId('411402', '19700101', 555), '13666661000', '13555551000', '过客0', '旧病例'].filter((s) => bytes.includes(Buffer.from(s)));
    expect(left).toEqual([]);
    const backups = dataOf<{ kind: string }[]>(await admin('system.backups', {}));
    expect(backups.map((b) => b.kind)).toContain('precleanup');
  });

  it('a file from before encryption keeps nothing it had deleted once it is encrypted: no later cleanup has old free space to rewrite', async () => {
    const dataDir = makeTempDir();
    const file = path.join(dataDir, 'street-command.db');
    const marker = `旧版删除${makeId('411402', '19850315', 77)}`;
    const plain = new Database(file);
    configure(plain);
    migrate(
      plain,
      migrations.filter((m) => m.version <= 100),
    );
    const T = '2026-11-01T00:00:00Z';
    plain.prepare("INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (9, ?, 'community', 'x', ?, ?)").run(marker, T, T);
    plain.prepare('DELETE FROM communities WHERE id = 9').run();
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.close();
    expect(fs.readFileSync(file).includes(Buffer.from(marker))).toBe(true); // deleted, yet still in the file

    (await openDatabase(dataDir, migrations)).db.close();
    const pages = plaintextBytes(file, dataDir);
    expect(pages.includes(Buffer.from('CREATE TABLE communities'))).toBe(true); // the reader sees the schema
    expect(pages.includes(Buffer.from(marker))).toBe(false);
  });
});
