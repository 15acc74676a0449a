import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { count, dataOf, openSignedIn, signInAs, SLOW_MS } from '../../../test/helpers/temp-core';

describe('重置为演示数据 while others work', () => {
  it(
    'other users are answered while the demo office is built, their sessions and audit rows survive the swap, and the office is the demo office after it',
    async () => {
      const { core, call: admin } = await openSignedIn({ demo: true }, 'admin');
      const other = await signInAs(core, 'command');
      const pristineOffice = dataOf(await other('office.get', {}));
      dataOf(await admin('office.update', { name: '测试街道办事处', divisionCode: null }));
      const checkpointId = core.db.prepare('SELECT min(id) AS id FROM checkpoints').get() as { id: number };

      // The build's transaction is open on the copy while its rollback journal exists: calls started then ran beside it.
      const building = () => fs.existsSync(`${core.databaseFile}.restoring-demo-journal`);
      let done = false;
      const reset = admin('demo.reset', { confirm: '重置' }).finally(() => (done = true));
      const duringBuild: { envelope: Envelope; ms: number }[] = [];
      let lateSignIn: Awaited<ReturnType<typeof signInAs>> | null = null;
      let n = 0;
      while (!done) {
        const during = building();
        const started = performance.now();
        const [read, write] = await Promise.all([
          other('office.get', {}),
          other('registrations.create', { checkpointId: checkpointId.id, name: `来访${n++}`, phone: '13900000000', temperature: 36.5 }),
        ]);
        if (during && !done) {
          const ms = performance.now() - started;
          duringBuild.push({ envelope: read, ms }, { envelope: write, ms });
          if (!lateSignIn) lateSignIn = await signInAs(core, 'viewer');
        }
        // A desk's pace, not a flood: a tight loop only loads the test machine's two cores.
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(dataOf(await reset)).toEqual({ ok: true });
      console.log(
        `[reset-thread] ${duringBuild.length} calls answered during the build, slowest ${duringBuild.reduce((m, c) => Math.max(m, c.ms), 0).toFixed(0)} ms`,
      );
      expect(duringBuild.length).toBeGreaterThan(0);
      expect(duringBuild.every((c) => c.envelope.ok)).toBe(true);

      // The demo office, with its residents.
      expect(dataOf(await other('office.get', {}))).toEqual(pristineOffice);
      expect([count(core.db, 'communities'), count(core.db, 'compounds'), count(core.db, 'checkpoints')]).toEqual([15, 168, 99]);
      expect(count(core.db, 'residents')).toBeGreaterThan(100_000);
      // Sessions go on, the one begun during the build too, and the build's callers' audit rows were kept.
      expect(dataOf(await admin('system.backups'))).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'prereset' })]));
      expect(lateSignIn).not.toBeNull();
      expect((await lateSignIn!('office.get', {})).ok).toBe(true);
      const logged = core.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE method = 'registrations.create'`).get() as { n: number };
      expect(logged.n).toBeGreaterThanOrEqual(n);
    },
    SLOW_MS * 2,
  );
});
