import { describe, expect, it } from 'vitest';
import { count, dataOf, openSignedIn } from '../../../test/helpers/temp-core';
import { checkIdNumber } from '../../../shared/domain/values';

describe('the demo office’s residents', () => {
  it('fills every compound to its population with valid, unique IDs; two campaigns, 300 key persons, two weeks at the checkpoints', async () => {
    const { core, call } = await openSignedIn({ demo: true, demoResidents: true }, 'command');
    const population = (core.db.prepare('SELECT sum(population) AS n FROM compounds').get() as { n: number }).n;
    expect(count(core.db, 'residents')).toBe(population);
    const ids = core.db.prepare('SELECT id_number AS id FROM residents ORDER BY random() LIMIT 200').all() as { id: string }[];
    expect(ids.every((r) => checkIdNumber(r.id).ok)).toBe(true);
    expect(dataOf<{ name: string; reached: number; households: number }[]>(await call('campaigns.list', {})).map((c) => c.name)).toEqual([
      '本周入户排查',
      '上月全面入户排查',
    ]);
    expect(dataOf<{ total: number }>(await call('keyPersons.list', { status: 'observing' })).total).toBe(300);
    expect(count(core.db, 'registrations')).toBeGreaterThan(100_000);
  }, 120_000);
});
