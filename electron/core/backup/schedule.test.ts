import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listBackups } from '../db/backup';
import { manualClock } from '../../../test/helpers/temp-core';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { BACKUP_CHECK_MS, type Every, scheduleBackups } from './schedule';
import type { BackupStatusData } from '../../../shared/api/backup';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((t) => t.cleanup()));

/** A timer the test fires by hand: the "10 minutes later" of a process left running. */
function handTimer() {
  let fn: (() => void) | null = null;
  let interval = 0;
  const every: Every = (f, ms) => {
    fn = f;
    interval = ms;
    return () => void (fn = null);
  };
  return { every, fire: () => fn?.(), interval: () => interval, stopped: () => fn === null };
}

const dailies = (t: TestCore) =>
  listBackups(path.join(t.dataDir, 'backups'))
    .filter((b) => b.kind === 'daily')
    .map((b) => b.createdAt.slice(0, 10));
const weeklies = (t: TestCore) =>
  listBackups(path.join(t.dataDir, 'backups'))
    .filter((b) => b.kind === 'weekly')
    .map((b) => b.createdAt.slice(0, 10));

describe('backups while the app keeps running', () => {
  it('a core left running across midnight makes the next day’s backup', async () => {
    const clock = manualClock('2025-06-10T22:00:00.000');
    const timer = handTimer();
    const t = await openTestCore({ now: clock, every: timer.every });
    cores.push(t);
    expect(timer.interval()).toBe(BACKUP_CHECK_MS);
    expect(dailies(t)).toEqual(['2025-06-10']);

    clock.set('2025-06-10T23:50:00.000');
    timer.fire();
    expect(dailies(t)).toEqual(['2025-06-10']);
    clock.set('2025-06-11T00:00:30.000');
    timer.fire();
    await vi.waitFor(() => expect(dailies(t)).toEqual(['2025-06-11', '2025-06-10']), { timeout: 10_000 });

    t.core.close();
    expect(timer.stopped()).toBe(true);
    cores.splice(0);
    t.cleanup();
  });

  it('ten days of continuous running keep the last 7 daily backups and a weekly one each week', async () => {
    const clock = manualClock('2025-06-01T09:00:00.000');
    const timer = handTimer();
    const t = await openTestCore({ now: clock, every: timer.every });
    cores.push(t);
    for (let day = 2; day <= 10; day++) {
      clock.set(`2025-06-${String(day).padStart(2, '0')}T00:05:00.000`);
      timer.fire();
      await vi.waitFor(() => expect(dailies(t)[0]).toBe(`2025-06-${String(day).padStart(2, '0')}`), { timeout: 10_000 });
    }
    expect(dailies(t)).toEqual(['2025-06-10', '2025-06-09', '2025-06-08', '2025-06-07', '2025-06-06', '2025-06-05', '2025-06-04']);
    // A weekly backup once the last is 7 full days old.
    expect(weeklies(t)).toEqual(['2025-06-09', '2025-06-01']);
  });

  it('the administrator’s status line shows the last backup, and warns when it is older than a day', async () => {
    const clock = manualClock('2025-06-10T09:00:00.000');
    const timer = handTimer();
    const t = await openTestCore({ now: clock, every: timer.every });
    cores.push(t);
    const admin = await signInAs(t.core, 'admin');
    const fresh = unwrap<BackupStatusData>(await admin('backup.status'));
    expect(fresh).toMatchObject({ stale: false, lastError: null, count: 2, dir: path.join(t.dataDir, 'backups') });
    expect(fresh.last?.createdAt).toBe('2025-06-10T09:00:00.000');
    expect(fresh.totalBytes).toBe(listBackups(path.join(t.dataDir, 'backups')).reduce((n, b) => n + b.size, 0));
    expect(fresh.freeBytes).toBeGreaterThan(0);

    // The timer is not fired (a sleeping PC): a day later the line warns.
    clock.set('2025-06-11T09:30:00.000');
    expect(unwrap<BackupStatusData>(await (await signInAs(t.core, 'admin'))('backup.status')).stale).toBe(true);
    const viewer = await signInAs(t.core, 'viewer');
    expect((await viewer('backup.status')).ok).toBe(false);
  });

  it('a timer that fires after the database was closed neither fails a backup nor logs an error', async () => {
    const t = await openTestCore();
    cores.push(t);
    const timer = handTimer();
    // Two days on: the daily backup is due, so a check would read the database.
    const later = () => new Date(Date.now() + 2 * 86_400_000);
    const scheduler = scheduleBackups(() => t.core.db, path.join(t.dataDir, 'backups'), later, timer.every);
    const before = listBackups(path.join(t.dataDir, 'backups')).length;
    t.core.db.close();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      timer.fire();
      await scheduler.check();
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect(scheduler.lastError()).toBeNull();
    expect(listBackups(path.join(t.dataDir, 'backups'))).toHaveLength(before);
    scheduler.stop();
  });
});
