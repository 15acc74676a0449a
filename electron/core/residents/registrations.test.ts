import { describe, expect, it } from 'vitest';
import { CHINESE, count, dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';

describe('checkpoint registrations', () => {
  it('records people and vehicles; 37.3 ℃ or more raises an alert that must be acknowledged with the action taken', async () => {
    const { core, call } = await openSignedIn({ demo: true, now: manualClock('2026-12-01T02:30:00Z') }, 'command');
    const cp = dataOf<{ rows: { id: number; name: string }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    const r = dataOf<{ abnormal: boolean; phone: string; ts: string }>(
      await call('registrations.create', { checkpointId: cp.id, name: '王秀兰', phone: '13837012345', temperature: 36.5, direction: 'in', reason: '买菜' }),
    );
    expect(r).toMatchObject({ abnormal: false, phone: '138****2345', ts: '2026-12-01T02:30:00.000Z' });
    dataOf(await call('registrations.create', { checkpointId: cp.id, subject: 'vehicle', plate: '豫n12345', temperature: 36.8, direction: 'out' }));
    const hot = dataOf<{ abnormal: boolean }>(await call('registrations.create', { checkpointId: cp.id, name: '刘振华', temperature: 37.6 }));
    expect(hot.abnormal).toBe(true);
    expect(dataOf<{ alerting: number[] }>(await call('map.features', {})).alerting).toEqual([cp.id]);
    const alerts = dataOf<{ id: number; message: string }[]>(await call('alerts.open', {}));
    expect(alerts).toEqual([expect.objectContaining({ message: `${cp.name}：来人体温 37.6 ℃` })]);
    expect(alerts[0]!.message).not.toContain('刘振华'); // shown to every role on 总览: place and reading only
    expect(errorOf(await call('alerts.ack', { id: alerts[0]!.id, action: '' })).issues?.[0]?.message).toBe('请写明采取的措施');
    dataOf(await call('alerts.ack', { id: alerts[0]!.id, action: '已复测 37.5 ℃，联系社区医生上门' }));
    expect(dataOf<unknown[]>(await call('alerts.open', {}))).toEqual([]);
    expect(dataOf<{ alerting: number[] }>(await call('map.features', {})).alerting).toEqual([]);
    expect(errorOf(await call('alerts.ack', { id: alerts[0]!.id, action: '再处理一次' })).message).toBe('该预警已有人处理');
    const daily = dataOf<{ checkpointId: number; people: number; vehicles: number; abnormal: number }[]>(
      await call('registrations.daily', { day: '2026-12-01' }),
    );
    expect(daily.find((d) => d.checkpointId === cp.id)).toMatchObject({ people: 2, vehicles: 1, abnormal: 1 });
    // The evening before (Beijing time) is another day.
    expect(dataOf<{ people: number }[]>(await call('registrations.daily', { day: '2026-11-30' })).every((d) => d.people === 0)).toBe(true);
    expect(count(core.db, 'registrations')).toBe(3);
  });

  it('refuses incomplete or impossible entries in Chinese', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const cp = dataOf<{ rows: { id: number }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    expect(errorOf(await call('registrations.create', { checkpointId: cp.id, temperature: 36.5 })).message).toBe('请填写姓名');
    expect(errorOf(await call('registrations.create', { checkpointId: cp.id, subject: 'vehicle' })).message).toBe('请填写车牌号');
    const e = errorOf(await call('registrations.create', { checkpointId: cp.id, name: '张三', temperature: 3.65 }));
    expect(e.issues?.[0]).toMatchObject({ path: 'temperature', message: '体温应在 34–43 ℃ 之间' });
    expect(e.message).toMatch(CHINESE);
  });

  it('uses the (checkpoint, ts) index for a day’s counts', async () => {
    const { core } = await openSignedIn({}, 'command');
    const plan = (
      core.db.prepare('EXPLAIN QUERY PLAN SELECT sum(abnormal) FROM registrations WHERE checkpoint_id = ? AND ts >= ? AND ts < ?').all(1, 'a', 'b') as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toContain('registrations_checkpoint_ts');
  });
});
