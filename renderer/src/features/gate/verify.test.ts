import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn } from '../../../../test/helpers/temp-core';
import { verifyOffline } from './verify';

const alter = (text: string, i: number) => text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);

describe('a gate phone checks a pass with no network', () => {
  it('accepts what the office signed, refuses one altered character, the revoked list, the dates and this phone’s exits', async () => {
    const { core, call } = await openSignedIn({ demo: true, now: manualClock('2026-12-01T01:00:00Z') }, 'command');
    const compoundId = (core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number }).id;
    const b = Number(core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '5')").run(compoundId).lastInsertRowid);
    const h = Number(core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '', '102')").run(b).lastInsertRowid);
    const pass = dataOf<{ passNo: string }>(
      await call('passes.issue', { householdId: h, uses: 1, perDays: 2, validFrom: '2026-12-01', validTo: '2026-12-14' }),
    );
    const { payload } = dataOf<{ payload: string }[]>(await call('passes.cards', { householdId: h }))[0]!;
    const kit = dataOf<{ publicKey: string; revoked: string[]; at: string }>(await call('passes.gateKit', {}));
    const now = new Date('2026-12-02T03:00:00Z');

    expect(verifyOffline(payload, kit, 'out', now, [])).toMatchObject({
      ok: true,
      reason: null,
      claims: { passNo: pass.passNo, householdId: h, uses: 1, perDays: 2 },
    });
    for (let i = 4; i < payload.length; i += 7) {
      if (payload[i] === '.') continue;
      expect(verifyOffline(alter(payload, i), kit, 'in', now, []).ok, `position ${i}`).toBe(false);
    }
    expect(verifyOffline(alter(payload, 10), kit, 'in', now, []).reason).toMatch(/^二维码(签名不符|无效)/);
    expect(verifyOffline(payload, { ...kit, revoked: [pass.passNo] }, 'in', now, []).reason).toBe('出入证已收回');
    expect(verifyOffline(payload, kit, 'in', new Date('2026-12-15T00:00:00Z'), []).reason).toBe('出入证不在有效期（2026-12-01 至 2026-12-14）');
    expect(verifyOffline(payload, kit, 'out', now, ['2026-12-01T08:00:00Z']).reason).toBe('出入证 2 天内限出 1 次，已用 1 次');
    expect(verifyOffline(payload, kit, 'in', now, ['2026-12-01T08:00:00Z']).ok).toBe(true);
    // Another office's key: a genuine pass of theirs is not ours.
    expect(verifyOffline(payload, { ...kit, publicKey: 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik' }, 'in', now, []).ok).toBe(false);
  });
});
