import { describe, expect, it } from 'vitest';
import { dataOf, openSignedIn, signInAs, SLOW_MS } from '../../../test/helpers/temp-core';

describe('重置为演示数据', () => {
  it(
    'a community worker keeps their community after the reset',
    async () => {
      const { core, call: admin } = await openSignedIn({ demo: true, resetWithResidents: false }, 'admin');
      const worker = await signInAs(core, 'community');
      const before = dataOf<{ communityIds: number[] }>(await worker('auth.me'));
      expect(before.communityIds).toHaveLength(1);
      const own = core.db.prepare('SELECT name FROM communities WHERE id = ?').get(before.communityIds[0]) as { name: string };
      const visible = dataOf<{ total: number }>(await worker('compounds.list', {})).total;
      expect(visible).toBeGreaterThan(0);

      dataOf(await admin('demo.reset', { confirm: '重置' }));

      const after = dataOf<{ communityIds: number[] }>(await worker('auth.me'));
      expect(after.communityIds).toHaveLength(1);
      expect(core.db.prepare('SELECT name FROM communities WHERE id = ?').get(after.communityIds[0])).toEqual(own);
      expect(dataOf<{ total: number }>(await worker('compounds.list', {})).total).toBe(visible);
      expect(dataOf<{ compounds: number }>(await worker('dashboard.summary')).compounds).toBe(visible);
    },
    SLOW_MS,
  );
});
