import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { applyKey, applyPassword, fileKeyStore } from './key';

let t: TestCore;
let admin: Call;
let other: Call;
beforeAll(async () => {
  // The demo office with its 140,000 residents: a copy that takes a while to make.
  t = await openTestCore({ demoResidents: true });
  admin = await signInAs(t.core, 'admin');
  other = await signInAs(t.core, 'command');
}, 180_000);
afterAll(() => t.cleanup());

describe('立即备份 on a large office', () => {
  it('other users are answered while the copy is made, their writes too, and the copy opens with the key and holds the residents', async () => {
    const checkpointId = unwrap<{ rows: { id: number }[] }>(await other('checkpoints.list', { pageSize: 1 })).rows[0]!.id;
    let done = false;
    const backup = admin('system.backupNow', {}).finally(() => (done = true));
    const answeredMeanwhile: Envelope[] = [];
    let n = 0;
    while (!done) {
      const [read, write] = await Promise.all([
        other('office.get', {}),
        other('registrations.create', { checkpointId, name: `来访${n++}`, phone: '13900000000', temperature: 36.5 }),
      ]);
      if (!done) answeredMeanwhile.push(read, write);
      // A desk's pace, not a flood: a tight loop only loads the test machine's two cores.
      await new Promise((r) => setTimeout(r, 20));
    }
    const made = unwrap<{ file: string }>(await backup);
    expect(answeredMeanwhile.length).toBeGreaterThan(0);
    expect(answeredMeanwhile.every((e) => e.ok)).toBe(true);

    const copy = new Database(path.join(t.dataDir, 'backups', made.file), { readonly: true });
    try {
      applyKey(copy, fileKeyStore(path.join(t.root, 'db.key')).read()!);
      expect((copy.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBeGreaterThan(100_000);
    } finally {
      copy.close();
    }
  }, 300_000);
  it('导出备份: other users are answered while the copy is re-encrypted with the typed password, and the file opens with that password', async () => {
    const checkpointId = unwrap<{ rows: { id: number }[] }>(await other('checkpoints.list', { pageSize: 1 })).rows[0]!.id;
    let done = false;
    const exported = admin('backup.export', { password: 'usb-stick-2026' }).finally(() => (done = true));
    const answeredMeanwhile: Envelope[] = [];
    let n = 0;
    while (!done) {
      const [read, write] = await Promise.all([
        other('office.get', {}),
        other('registrations.create', { checkpointId, name: `导出时来访${n++}`, phone: '13900000000', temperature: 36.5 }),
      ]);
      if (!done) answeredMeanwhile.push(read, write);
      // A desk's pace, not a flood: a tight loop only loads the test machine's two cores.
      await new Promise((r) => setTimeout(r, 20));
    }
    const file = unwrap<{ base64: string; size: number }>(await exported);
    expect(answeredMeanwhile.length).toBeGreaterThan(0);
    expect(answeredMeanwhile.every((e) => e.ok)).toBe(true);

    const target = path.join(t.root, 'exported.scbak');
    fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
    expect(fs.statSync(target).size).toBe(file.size);
    const copy = new Database(target, { readonly: true });
    try {
      applyPassword(copy, 'usb-stick-2026');
      expect((copy.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBeGreaterThan(100_000);
    } finally {
      copy.close();
    }
  }, 300_000);
});
