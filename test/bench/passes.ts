import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Core, createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { verifyOffline } from '../../renderer/src/features/gate/verify';
import { signIn, TEST_PASSWORD } from '../helpers/sessions';
import { median, medianOfCalls, ms } from './timing';

/**
 * One 出入证 check at the gate (issue #21, target < 200 ms): the office's passes.check
 * (signature, revoked, dates, the exit rule over the registrations on file) and a scan that
 * registers, on the demo office with its 140,000 residents and their registrations, beside
 * the same on the demo office without residents; and the phone's offline check alone.
 */
async function measure(core: Core) {
  const call = await signIn(core, 'zhihui');
  const household = (core.db.prepare('SELECT h.id FROM households h ORDER BY h.id LIMIT 1').get() as { id: number } | undefined)?.id;
  const householdId =
    household ??
    (() => {
      const compound = (core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number }).id;
      const b = Number(core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '1')").run(compound).lastInsertRowid);
      return Number(core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '1', '101')").run(b).lastInsertRowid);
    })();
  const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const issued = await call('passes.issue', { householdId, uses: 20, perDays: 2, validFrom: day(0), validTo: day(13) });
  if (!issued.ok) throw new Error(issued.error.message);
  const cards = await call('passes.cards', { householdId });
  if (!cards.ok) throw new Error(cards.error.message);
  const payload = (cards.data as { payload: string }[])[0]!.payload;
  const checkpointId = (core.db.prepare('SELECT id FROM checkpoints ORDER BY id LIMIT 1').get() as { id: number }).id;
  // A few exits on file, so the rule is counted over real rows.
  for (let i = 0; i < 3; i++) await call('registrations.create', { checkpointId, direction: 'out', passCode: payload, clientId: crypto.randomUUID() });
  const check = await medianOfCalls(call, 'passes.check', { payload, direction: 'out' }, 21);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = process.hrtime.bigint();
    const r = await call('registrations.create', { checkpointId, direction: 'in', passCode: payload, clientId: crypto.randomUUID() });
    times.push(ms(t0));
    if (!r.ok) throw new Error(r.error.message);
  }
  const kit = await call('passes.gateKit', {});
  if (!kit.ok) throw new Error(kit.error.message);
  const offline: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = process.hrtime.bigint();
    if (!verifyOffline(payload, kit.data as never, 'out', new Date(), []).ok) throw new Error('offline check refused a good pass');
    offline.push(ms(t0));
  }
  return { check, register: median(times), offline: median(offline) };
}

async function office(dir: string, residents: boolean) {
  return createCore({
    dataDir: path.join(dir, residents ? 'full' : 'light'),
    demoOnCreate: true,
    demoResidents: residents,
    transport: 'http',
    keyStore: fileKeyStore(path.join(dir, `${residents}.key`)),
    adminPassword: TEST_PASSWORD,
  });
}

export async function benchPasses(): Promise<void> {
  console.log('\n## 出入证: one check at the gate (median; target < 200 ms)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-pass-'));
  try {
    const light = await office(dir, false);
    const base = await measure(light);
    await light.close();
    const t0 = process.hrtime.bigint();
    const full = await office(dir, true);
    const built = ms(t0);
    const residents = (full.db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
    const registrations = (full.db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n;
    const r = await measure(full);
    await full.close();
    console.log(
      `demo office built in ${(built / 1000).toFixed(1)} s (${residents.toLocaleString('en')} residents, ${registrations.toLocaleString('en')} registrations)`,
    );
    console.log(`passes.check (signature, revoked, dates, exit rule): ${r.check.toFixed(2)} ms (demo without residents: ${base.check.toFixed(2)} ms)`);
    console.log(`scan that registers (check + insert, one fsync): ${r.register.toFixed(2)} ms (without residents: ${base.register.toFixed(2)} ms)`);
    console.log(`gate phone offline check (@noble/ed25519 in Node): ${r.offline.toFixed(2)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
