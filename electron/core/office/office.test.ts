import { describe, expect, it } from 'vitest';
import { dataOf, errorOf, makeDataDir, openSignedIn } from '../../../test/helpers/temp-core';
import { latestVersion } from '../db/migrate';
import { migrations } from '../registry/migrations';

describe('office', () => {
  it('a new office starts unnamed', async () => {
    const { call } = await openSignedIn({}, 'admin');
    expect(dataOf(await call('office.get', {}))).toEqual({ name: '未命名街道', divisionCode: null });
  });

  it('accepts a 6, 9 or 12 digit division code and keeps it across restarts', async () => {
    const dataDir = makeDataDir();
    const { core, call } = await openSignedIn({ dataDir }, 'admin');
    for (const code of ['411402', '411402900', '411402900001']) {
      expect(dataOf(await call('office.update', { name: '平原街道办事处', divisionCode: ` ${code} ` }))).toEqual({
        name: '平原街道办事处',
        divisionCode: code,
      });
      expect(dataOf(await call('office.get', {}))).toEqual({ name: '平原街道办事处', divisionCode: code });
    }
    core.close();
    const reopened = await openSignedIn({ dataDir }, 'admin');
    expect(dataOf(await reopened.call('office.get', {}))).toEqual({ name: '平原街道办事处', divisionCode: '411402900001' });
  });

  it('an empty division code is stored as none', async () => {
    const { call } = await openSignedIn({}, 'admin');
    dataOf(await call('office.update', { name: '平原街道办事处', divisionCode: '411402' }));
    expect(dataOf(await call('office.update', { name: '平原街道办事处', divisionCode: '' }))).toEqual({
      name: '平原街道办事处',
      divisionCode: null,
    });
    expect(dataOf(await call('office.get', {}))).toEqual({ name: '平原街道办事处', divisionCode: null });
  });

  it('refuses a malformed division code or an empty name and keeps the old values', async () => {
    const { call } = await openSignedIn({}, 'admin');
    dataOf(await call('office.update', { name: '平原街道办事处', divisionCode: '411402900' }));
    for (const divisionCode of ['41140290', '4114029000011', '41140a', '4114029000']) {
      const error = errorOf(await call('office.update', { name: '改名街道', divisionCode }));
      expect(error.code, divisionCode).toBe('VALIDATION');
      expect(error.issues?.[0]).toEqual({ path: 'divisionCode', message: '行政区划代码应为 6、9 或 12 位数字' });
    }
    const noName = errorOf(await call('office.update', { name: '', divisionCode: null }));
    expect(noName.issues).toEqual([{ path: 'name', message: '请填写街道名称' }]);
    expect(dataOf(await call('office.get', {}))).toEqual({ name: '平原街道办事处', divisionCode: '411402900' });
  });

  it('system.info reports the schema version and where the data lives', async () => {
    const { core, call } = await openSignedIn({}, 'admin');
    expect(dataOf(await call('system.info', {}))).toMatchObject({
      schemaVersion: latestVersion(migrations),
      dataDir: core.dataDir,
      databaseFile: core.databaseFile,
      transport: 'http',
    });
  });
});
