import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskName } from '../../../shared/domain/mask';
import { encodeClaims, formatPayload, splitPayload } from '../../../shared/domain/pass-code';
import { signIn } from '../../../test/helpers/sessions';
import { count, dataOf, errorOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';

type Card = { id: number; passNo: string; holder: string; payload: string };
type Check = { ok: boolean; reason: string | null; passNo: string | null; holder: string | null };

async function office() {
  const clock = manualClock('2026-12-01T01:00:00Z');
  const signed = await openSignedIn({ demo: true, now: clock }, 'command');
  const { core, call } = signed;
  const compoundId = (core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number }).id;
  const b = Number(core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '3')").run(compoundId).lastInsertRowid);
  const h = Number(core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '2', '301')").run(b).lastInsertRowid);
  const name = '张建国';
  core.db
    .prepare(
      "INSERT INTO residents (household_id, compound_id, name, id_number, gender, birth_date, relation, kind, search_key, created_at, updated_at) VALUES (?, ?, ?, '410105195001011234', 'M', '1950-01-01', '户主', 'resident', '', '', '')",
    )
    .run(h, compoundId, name);
  const pass = dataOf<{ id: number; passNo: string }>(
    await call('passes.issue', { householdId: h, uses: 1, perDays: 2, validFrom: '2026-12-01', validTo: '2026-12-14' }),
  );
  const cards = dataOf<Card[]>(await call('passes.cards', { householdId: h }));
  const cp = (core.db.prepare('SELECT id FROM checkpoints LIMIT 1').get() as { id: number }).id;
  const check = async (payload: string, direction = 'out') => dataOf<Check>(await call('passes.check', { payload, direction }));
  return { ...signed, clock, h, name, pass, card: cards[0]!, cards, cp, check, compoundId };
}

/** The same text with the character at i replaced by another that is still valid base32. */
const alter = (text: string, i: number) => text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);

describe('signed pass QR codes', () => {
  it('a printed card carries a signed payload with the masked holder; the gate accepts it and counts its exit rule', async () => {
    const { card, pass, check, call, cp, name } = await office();
    const holder = maskName(name);
    expect(card).toMatchObject({ passNo: pass.passNo, holder });
    expect(card.payload).toMatch(/^SC1\.[A-Z2-7]+\.[A-Z2-7]+$/);
    expect(card.payload).not.toContain(name);
    expect(await check(card.payload)).toEqual({ ok: true, reason: null, passNo: pass.passNo, holder, validTo: '2026-12-14' });
    // A scanner with Caps Lock on types it in lower case: still the same pass.
    expect((await check(card.payload.toLowerCase())).ok).toBe(true);
    dataOf(await call('registrations.create', { checkpointId: cp, direction: 'out', passCode: card.payload }));
    expect(await check(card.payload)).toMatchObject({ ok: false, reason: '出入证 2 天内限出 1 次，已用 1 次' });
    expect((await check(card.payload, 'in')).ok).toBe(true);
  });

  it('a payload altered by one character anywhere is refused, and so is one signed by another key', async () => {
    const { card, check } = await office();
    const [, body, sig] = card.payload.split('.') as [string, string, string];
    const positions = [4, 5, 4 + Math.floor(body.length / 2), 4 + body.length - 1, 5 + body.length, card.payload.length - 1];
    for (const i of positions) {
      const r = await check(alter(card.payload, i));
      expect(r.ok, `position ${i}`).toBe(false);
      expect(r.reason, `position ${i}`).toMatch(/^二维码(签名不符|无效)/);
      expect(r.passNo).toBeNull();
    }
    expect(sig.length).toBe(103);
    // A well-formed pass for the same household, signed by a key that is not the office's.
    const parts = splitPayload(card.payload);
    if ('error' in parts) throw new Error(parts.error);
    const body2 = encodeClaims({ ...parts.claims, validTo: '2027-12-31', uses: 9 });
    const forged = formatPayload(body2, crypto.sign(null, body2, crypto.generateKeyPairSync('ed25519').privateKey));
    expect(await check(forged)).toMatchObject({ ok: false, reason: '二维码签名不符：伪造或被改动的出入证' });
    expect((await check('SC1.ABC')).reason).toBe('不是本系统的出入证二维码');
    expect((await check('ZHANGSAN')).reason).toBe('不是本系统的出入证二维码');
  });

  it('a revoked pass is in the gate kit until its end date and refused; an out-of-date one is refused', async () => {
    const { card, pass, check, call, clock, h, core } = await office();
    const kit = dataOf<{ publicKey: string; revoked: string[] }>(await call('passes.gateKit', {}));
    expect(kit.revoked).toEqual([]);
    expect(Buffer.from(kit.publicKey, 'base64url')).toHaveLength(32);
    dataOf(await call('passes.revoke', { id: pass.id }));
    expect(dataOf<{ revoked: string[] }>(await call('passes.gateKit', {})).revoked).toEqual([pass.passNo]);
    expect(await check(card.payload)).toMatchObject({ ok: false, reason: '出入证已收回' });
    // A revoked pass is no longer printed.
    expect(dataOf<Card[]>(await call('passes.cards', { householdId: h }))).toEqual([]);
    const other = dataOf<{ passNo: string }>(await call('passes.issue', { householdId: h, validFrom: '2026-12-01', validTo: '2026-12-14' }));
    const otherCard = dataOf<Card[]>(await call('passes.cards', { householdId: h }))[0]!;
    expect(otherCard.passNo).toBe(other.passNo);
    clock.set('2026-12-20T01:00:00Z');
    const later = await signIn(core, 'zhihui');
    expect(dataOf<{ revoked: string[] }>(await later('passes.gateKit', {})).revoked).toEqual([]);
    expect(dataOf<Check>(await later('passes.check', { payload: otherCard.payload, direction: 'in' }))).toMatchObject({
      ok: false,
      reason: '出入证不在有效期（2026-12-01 至 2026-12-14）',
    });
  });

  it('a registration with the scanned code is flagged when forged, and one sent twice by a gate phone is stored once at the time it was made', async () => {
    const { card, call, core, cp } = await office();
    const clientId = crypto.randomUUID();
    const send = () => call('registrations.create', { checkpointId: cp, direction: 'in', passCode: card.payload, clientId, at: '2026-12-01T00:40:00Z' });
    const first = dataOf<{ id: number; passNo: string; passFlag: string | null; ts: string; name: string | null }>(await send());
    expect(first).toMatchObject({ passFlag: null, ts: '2026-12-01T00:40:00.000Z', name: null });
    expect(dataOf<{ id: number }>(await send()).id).toBe(first.id);
    expect(count(core.db, 'registrations')).toBe(1);
    const forged = dataOf<{ passFlag: string | null }>(
      await call('registrations.create', { checkpointId: cp, passCode: alter(card.payload, 8), clientId: crypto.randomUUID() }),
    );
    expect(forged.passFlag).toMatch(/^二维码/);
    // A phone clock running ahead does not put an entry in the future.
    const ahead = dataOf<{ ts: string }>(
      await call('registrations.create', { checkpointId: cp, passCode: card.payload, clientId: crypto.randomUUID(), at: '2026-12-09T00:00:00Z' }),
    );
    expect(ahead.ts).toBe('2026-12-01T01:00:00.000Z');
    expect(errorOf(await call('registrations.create', { checkpointId: cp, temperature: 36.5 })).message).toBe('请填写姓名');
  });
});
