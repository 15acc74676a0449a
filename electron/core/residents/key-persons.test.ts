import { describe, expect, it } from 'vitest';
import { signIn } from '../../../test/helpers/sessions';
import { dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';

type Due = { keyPersonId: number; name: string; am: { temperature: number } | null; pm: unknown; overdue: string[]; lastDay: boolean };

describe('key persons and follow-up', () => {
  async function setup() {
    // 08:00 Beijing time, 1 December.
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { core, call } = await openSignedIn({ demo: true, now: clock }, 'command');
    const team = dataOf<{ rows: { id: number; kind: string }[] }>(await call('people.list', { kind: 'grid', pageSize: 1 })).rows[0]!;
    const compound = dataOf<{ rows: { id: number; name: string }[] }>(await call('compounds.list', { pageSize: 1 })).rows[0]!;
    return { core, call, clock, team, compound };
  }

  it('a measure covers 14 days by default (per category setting), and the due list follows it across days and to its end', async () => {
    const s = await setup();
    const { clock, team, compound, core } = s;
    let call = s.call;
    dataOf(await call('keyPersons.setSettings', { days: { closeContact: 7 } }));
    const a = dataOf<{ id: number; endDate: string; team: (string | null)[] }>(
      await call('keyPersons.create', {
        name: '季建国',
        phone: '13837012345',
        compoundId: compound.id,
        category: 'arrival',
        origin: '武汉',
        measure: 'homeObservation',
        startDate: '2026-11-20',
        gridId: team.id,
      }),
    );
    expect(a.endDate).toBe('2026-12-04'); // 11-20 … 12-03: 14 days
    expect(a.team[1]).not.toBeNull();
    const b = dataOf<{ endDate: string }>(
      await call('keyPersons.create', { name: '李秀英', compoundId: compound.id, category: 'closeContact', measure: 'homeIsolation', startDate: '2026-11-30' }),
    );
    expect(b.endDate).toBe('2026-12-07');
    const due = async (day: string) => dataOf<Due[]>(await call('followups.due', { day })).map((d) => d.name);
    expect(await due('2026-12-01')).toEqual(expect.arrayContaining(['季建国', '李秀英']));
    expect(await due('2026-12-03')).toContain('季建国');
    expect(dataOf<Due[]>(await call('followups.due', { day: '2026-12-03' })).find((d) => d.name === '季建国')!.lastDay).toBe(true);
    expect(await due('2026-12-04')).not.toContain('季建国'); // measure ended
    expect(await due('2026-11-29')).not.toContain('李秀英'); // not started yet

    // Morning check recorded at 08:20; by 13:00 nothing is overdue for 季建国, the other person's morning is.
    clock.set('2026-12-01T00:20:00Z');
    dataOf(await call('followups.record', { keyPersonId: a.id, day: '2026-12-01', slot: 'am', temperature: 36.6 }));
    clock.set('2026-12-01T05:00:00Z');
    call = await signIn(core, 'zhihui'); // four idle hours end a session; the next shift signs in
    const list = dataOf<Due[]>(await call('followups.due', { day: '2026-12-01' }));
    expect(list.find((d) => d.name === '季建国')).toMatchObject({ am: { temperature: 36.6 }, overdue: [] });
    expect(list.find((d) => d.name === '李秀英')!.overdue).toEqual(['am']);
    // Yesterday's unchecked slots are all overdue.
    expect(dataOf<Due[]>(await call('followups.due', { day: '2026-11-30' })).find((d) => d.name === '李秀英')!.overdue).toEqual(['am', 'pm']);
    expect(errorOf(await call('followups.record', { keyPersonId: a.id, day: '2026-12-01', slot: 'am', temperature: 36.5 })).message).toBe(
      '2026-12-01上午的随访已登记',
    );
    expect(errorOf(await call('followups.record', { keyPersonId: a.id, day: '2026-12-05', slot: 'am', temperature: 36.5 })).message).toContain(
      '不在该人员的管控期内',
    );

    // Released: no longer due, and the history says who did it.
    dataOf(await call('keyPersons.setStatus', { id: a.id, status: 'released', note: '期满解除' }));
    expect(await due('2026-12-02')).not.toContain('季建国');
    expect(dataOf<{ status: string; username: string }[]>(await call('keyPersons.history', { id: a.id })).map((h) => [h.status, h.username])).toEqual([
      ['observing', 'zhihui'],
      ['released', 'zhihui'],
    ]);
  });

  it('a fever or symptoms raise an alert with the name masked, which must be acknowledged', async () => {
    const { call, compound } = await setup();
    const k = dataOf<{ id: number }>(
      await call('keyPersons.create', { name: '刘振华', compoundId: compound.id, category: 'riskArea', measure: 'homeObservation', startDate: '2026-11-28' }),
    );
    expect(dataOf<{ alert: boolean }>(await call('followups.record', { keyPersonId: k.id, day: '2026-12-01', slot: 'am', temperature: 36.4 })).alert).toBe(
      false,
    );
    expect(
      dataOf<{ alert: boolean }>(await call('followups.record', { keyPersonId: k.id, day: '2026-11-30', slot: 'pm', temperature: 37.1, symptoms: '咳嗽' }))
        .alert,
    ).toBe(true);
    const alerts = dataOf<{ id: number; kind: string; message: string }[]>(await call('alerts.open', {}));
    expect(alerts).toEqual([expect.objectContaining({ kind: 'followup', message: `${compound.name} 重点人员刘*华症状：咳嗽` })]);
    expect(dataOf<{ alertingCompounds: number[] }>(await call('map.features', {})).alertingCompounds).toEqual([compound.id]);
    dataOf(await call('alerts.ack', { id: alerts[0]!.id, action: '社区医生上门，已送发热门诊' }));
    expect(dataOf<{ alertingCompounds: number[] }>(await call('map.features', {})).alertingCompounds).toEqual([]);
    expect(dataOf<unknown[]>(await call('alerts.open', {}))).toEqual([]);
  });
});
