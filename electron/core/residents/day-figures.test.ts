import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { residentDayFigures } from './day-figures';

/**
 * Residents' figures of the briefing for a chosen day, on a real database file: people
 * under each measure, follow-ups due and done, alerts raised and still open, per community
 * too; a release and an acknowledged alert today leave yesterday's figures alone.
 */

describe('residents’ day figures', () => {
  it('counts key persons, follow-ups and alerts as of the end of each day', async () => {
    const clock = manualClock('2026-12-02T00:30:00Z'); // 08:30 on 2 December, Beijing
    const { core, call } = await openSignedIn({ now: clock }, 'command');
    const db = core.db;
    const community = dataOf<{ id: number }>(await call('communities.create', { name: '东风社区', kind: 'community' }));
    const compound = dataOf<{ id: number }>(
      await call('compounds.create', {
        name: '幸福花园',
        communityId: community.id,
        managementType: 'managed',
        buildings: 4,
        households: 120,
        population: 300,
      }),
    );
    const person = (name: string, measure: string, startDate: string) => ({ name, compoundId: compound.id, category: 'arrival', measure, startDate });
    const a = dataOf<{ id: number }>(await call('keyPersons.create', person('季建国', 'homeObservation', '2026-11-28')));
    dataOf(await call('keyPersons.create', person('李秀英', 'homeIsolation', '2026-12-02')));
    // 季建国's morning check finds a fever: one follow-up done, one alert raised.
    expect(dataOf<{ alert: boolean }>(await call('followups.record', { keyPersonId: a.id, day: '2026-12-02', slot: 'am', temperature: 38.1 }))).toEqual({
      alert: true,
    });

    const yesterday = residentDayFigures(db, '2026-12-02');
    expect(yesterday.totals).toMatchObject({
      keyUnder: 2,
      keyHomeObservation: 1,
      keyHomeIsolation: 1,
      keyNew: 1,
      keyReleased: 0,
      followupsDue: 4,
      followupsDone: 1,
      alertsRaised: 1,
      alertsHandled: 0,
      alertsOpen: 1,
    });
    expect(yesterday.byCommunity.get(community.id)).toMatchObject({ keyUnder: 2 });
    expect(yesterday.alerts).toHaveLength(1);
    expect(yesterday.alerts[0]).toMatchObject({ kind: 'followup', handled: false });

    // The next morning the alert is handled and 季建国 released.
    clock.set('2026-12-03T01:00:00Z');
    const today = await signInAs(core, 'command');
    const alertId = (db.prepare('SELECT id FROM alerts').get() as { id: number }).id;
    dataOf(await today('alerts.ack', { id: alertId, action: '已通知社区医生上门复测' }));
    dataOf(await today('keyPersons.setStatus', { id: a.id, status: 'released' }));

    expect(residentDayFigures(db, '2026-12-02')).toEqual(yesterday);
    const now = residentDayFigures(db, '2026-12-03');
    expect(now.totals).toMatchObject({
      keyUnder: 1,
      keyHomeObservation: 0,
      keyHomeIsolation: 1,
      keyNew: 0,
      keyReleased: 1,
      followupsDue: 2,
      followupsDone: 0,
      alertsRaised: 0,
      alertsHandled: 1,
      alertsOpen: 0,
    });
    expect(now.byCommunity.get(community.id)).toMatchObject({ keyUnder: 1 });
  });
});
