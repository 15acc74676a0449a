import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { listBackups } from '../db/backup';
import { applyPassword } from '../db/key';
import { type HttpOffice, openHttpOffice } from '../../../test/helpers/http-office';
import { TEST_PASSWORD } from '../../../test/helpers/sessions';

const offices: HttpOffice[] = [];
afterEach(async () => {
  for (const o of offices.splice(0)) await o.close();
});

const PASSWORD = 'usb-stick-2026';
type Exported = { fileName: string; base64: string };

/** Exports over HTTP as the administrator, then lets `edit` change the file offline, as someone holding its password could. */
async function doctoredExport(o: HttpOffice, admin: string, edit: (db: Database.Database) => void): Promise<Exported> {
  const r = await o.post<Envelope<Exported>>('backup.export', { password: PASSWORD }, { cookie: admin });
  expect(r.status).toBe(200);
  const file = (r.body as { data: Exported }).data;
  const tmp = path.join(o.t.root, 'doctored.scbak');
  fs.writeFileSync(tmp, Buffer.from(file.base64, 'base64'));
  const db = new Database(tmp);
  applyPassword(db, PASSWORD);
  edit(db);
  db.close();
  return { fileName: file.fileName, base64: fs.readFileSync(tmp).toString('base64') };
}

const state = (o: HttpOffice) => ({
  communities: o.t.core.db.prepare('SELECT name FROM communities ORDER BY id').all(),
  triggers: o.t.core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name").all(),
  roles: o.t.core.db.prepare('SELECT username, role FROM users ORDER BY id').all(),
  forged: o.t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE username = '伪造'").get(),
  prerestore: listBackups(path.join(o.t.dataDir, 'backups')).filter((b) => b.kind === 'prerestore').length,
});

describe('restore refuses a backup whose schema is not the app’s own', () => {
  it('a doctored export (audit triggers dropped, audit rows forged, a role-raising trigger added) is refused and nothing changes', async () => {
    const o = await openHttpOffice();
    offices.push(o);
    const admin = await o.login('admin');
    const doctored = await doctoredExport(o, admin, (db) => {
      db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
        DELETE FROM audit_log;
        INSERT INTO audit_log (ts, username, client, method, kind) VALUES ('2026-01-01T00:00:00Z', '伪造', '10.0.0.1', 'auth.login', 'auth');
        CREATE TRIGGER sessions_raise AFTER INSERT ON sessions BEGIN UPDATE users SET role = 'command' WHERE id = NEW.user_id; END;`);
    });
    const command = await o.login('zhihui');
    expect((await o.post('communities.create', { name: '导出后新建社区', kind: 'community' }, { cookie: command })).status).toBe(200);
    const before = state(o);

    const r = await o.post('backup.restore', { upload: doctored.base64, fileName: doctored.fileName, password: PASSWORD }, { cookie: admin });
    expect(r.status).toBe(400);
    const message = (r.body as { error: { message: string } }).error.message;
    expect(message).toMatch(/^该备份的数据库结构与本系统不一致（缺少触发器“audit_log_no_(update|delete)”）.*未做任何修改。$/);
    expect(message).not.toMatch(/CREATE|BEGIN|sqlite/i);
    expect(state(o)).toEqual(before);
    // The administrator still signs in as an administrator.
    const again = await o.post<Envelope<{ role: string }>>('auth.login', { username: 'admin', password: TEST_PASSWORD });
    expect(again.body).toMatchObject({ ok: true, data: { role: 'admin' } });
  });

  it('an added trigger alone is named as something the app does not have', async () => {
    const o = await openHttpOffice({ demoOnCreate: false });
    offices.push(o);
    const admin = await o.login('admin');
    const doctored = await doctoredExport(o, admin, (db) => {
      db.exec("CREATE TRIGGER sessions_raise AFTER INSERT ON sessions BEGIN UPDATE users SET role = 'command' WHERE id = NEW.user_id; END;");
    });
    const before = state(o);
    const r = await o.post('backup.restore', { upload: doctored.base64, fileName: doctored.fileName, password: PASSWORD }, { cookie: admin });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('多出了本系统没有的触发器“sessions_raise”') } });
    expect(state(o)).toEqual(before);
  });

  it('a minimal file (only an office table, user_version 110) is refused and every sign-in keeps working', async () => {
    const o = await openHttpOffice({ demoOnCreate: false });
    offices.push(o);
    const admin = await o.login('admin');
    const tmp = path.join(o.t.root, 'minimal.scbak');
    const db = new Database(tmp);
    applyPassword(db, PASSWORD);
    db.exec('CREATE TABLE office (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    db.pragma('user_version = 110');
    db.close();
    const before = state(o);

    const r = await o.post(
      'backup.restore',
      { upload: fs.readFileSync(tmp).toString('base64'), fileName: 'minimal.scbak', password: PASSWORD },
      { cookie: admin },
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(/数据库结构与本系统不一致（缺少数据表“.+”）/) } });
    expect(state(o)).toEqual(before);
    expect((await o.post('auth.login', { username: 'admin', password: TEST_PASSWORD })).status).toBe(200);
    expect((await o.post('office.get', {}, { cookie: admin })).status).toBe(200);
  });

  it('an untouched export restores over HTTP and the office signs in afterwards', async () => {
    const o = await openHttpOffice({ demoOnCreate: false });
    offices.push(o);
    const admin = await o.login('admin');
    const untouched = await doctoredExport(o, admin, () => {});
    const r = await o.post('backup.restore', { upload: untouched.base64, fileName: untouched.fileName, password: PASSWORD }, { cookie: admin });
    expect(r.body).toEqual({ ok: true, data: { ok: true } });
    expect((await o.post('auth.login', { username: 'admin', password: TEST_PASSWORD })).status).toBe(200);
  });
});
