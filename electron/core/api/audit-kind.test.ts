import { describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../shared/api';
import { auditKind, changesData } from '../../../shared/api/contract';
import { dataOf, openSignedIn } from '../../../test/helpers/temp-core';
import { signIn } from '../../../test/helpers/sessions';

const kinds = (core: { db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } } }, method: string) =>
  (core.db.prepare('SELECT kind FROM audit_log WHERE method = ? ORDER BY id').all(method) as { kind: string }[]).map((r) => r.kind);

describe('the contract declares how each call is logged and whether it changes data', () => {
  it('a GeoJSON export is logged as an export and leaves the 总览 data version alone', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const version = async () => dataOf<{ version: string }>(await call('system.changes', {})).version;
    const before = await version();
    dataOf(await call('map.exportGeoJson', {}));
    expect(kinds(core, 'map.exportGeoJson')).toEqual(['export']);
    expect(await version()).toBe(before);

    dataOf(await call('communities.create', { name: '新建测试社区', kind: 'community' }));
    expect(kinds(core, 'communities.create')).toEqual(['write']);
    const afterWrite = await version();
    expect(afterWrite).not.toBe(before);

    // Signing in and out changes sessions, not the office's data.
    const again = await signIn(core, 'zhihui');
    dataOf(await again('auth.logout', {}));
    expect(kinds(core, 'auth.login').every((k) => k === 'auth')).toBe(true);
    expect(kinds(core, 'auth.logout')).toEqual(['auth']);
    expect(await version()).toBe(afterWrite);
  });

  it('only methods declared as writes of office data move the data version', () => {
    const moving = (Object.keys(api) as MethodName[]).filter((n) => changesData(api[n]));
    for (const n of moving) expect(auditKind(api[n]), n).toBe('write');
    for (const n of ['map.exportGeoJson', 'compounds.export', 'plans.export', 'backup.export', 'auth.login', 'auth.changePassword'] as MethodName[]) {
      expect(changesData(api[n]), n).toBe(false);
    }
    expect(auditKind(api['system.changes'])).toBeNull();
  });
});
