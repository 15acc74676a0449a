import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, openTestCore, signInAs, type TestCore } from '../../../test/helpers/sessions';

let t: TestCore;
let admin: Call;
beforeAll(async () => {
  t = await openTestCore();
  admin = await signInAs(t.core, 'admin');
});
afterAll(() => t.cleanup());

const snapshot = () => ({
  communities: t.core.db.prepare('SELECT * FROM communities ORDER BY id').all(),
  compounds: t.core.db.prepare('SELECT * FROM compounds ORDER BY id').all(),
  checkpoints: t.core.db.prepare('SELECT * FROM checkpoints ORDER BY id').all(),
});

describe('call()', () => {
  it('refuses unknown methods and missing input in Chinese', async () => {
    expect(await admin('compounds.drop')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的接口：compounds.drop' } });
    expect(await admin('office.update', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('请填写街道名称') } });
  });

  it('a write that fails half-way leaves nothing behind', async () => {
    // Make the last step of 重置为演示数据 fail after thousands of rows were written.
    const before = snapshot();
    t.core.db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON checkpoints WHEN NEW.name LIKE '%村口卡点' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const r = await admin('demo.reset', { confirm: '重置' });
    t.core.db.exec('DROP TRIGGER temp.boom');
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('数据未改动') } });
    expect(snapshot()).toEqual(before);
  });

  it('demo.reset needs the typed confirmation', async () => {
    expect(await admin('demo.reset', { confirm: '是' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('请输入“重置”以确认') } });
  });
});
