import { describe, expect, it } from 'vitest';
import { upgradeWithData } from '../../../test/helpers/upgrade';
import { createPairingCode, PAIRING_MS, redeemPairingCode } from './pairing';

const T = '2026-11-20T02:00:00.000Z';

describe('130 pairing codes', () => {
  it('upgrades a file with users in it; a code made afterwards is stored hashed and signs its user in once, within 10 minutes', () => {
    upgradeWithData(
      130,
      (db) => {
        db.prepare(
          `INSERT INTO users (id, username, display_name, role, scope_all, password_hash, created_at, updated_at) VALUES (7, 'zhihui', '指挥中心', 'command', 1, 'scrypt$1$8$1$x$y', ?, ?)`,
        ).run(T, T);
      },
      (db) => {
        expect(db.prepare('SELECT username FROM users').all()).toEqual([{ username: 'zhihui' }]);
        const now = new Date(T);
        const { code, expiresAt } = createPairingCode(db, 7, 'admin', now);
        expect(Date.parse(expiresAt) - now.getTime()).toBe(PAIRING_MS);
        const stored = db.prepare('SELECT code_hash AS h FROM pairing_codes').get() as { h: string };
        expect(stored.h).not.toContain(code);
        expect(stored.h).toMatch(/^[0-9a-f]{64}$/);
        expect(redeemPairingCode(db, code, '192.0.2.9', new Date(now.getTime() + PAIRING_MS - 1))).toBe(7);
        expect(() => redeemPairingCode(db, code, '192.0.2.9', now)).toThrow('已使用过');

        const late = createPairingCode(db, 7, 'admin', now);
        expect(() => redeemPairingCode(db, late.code, '192.0.2.9', new Date(now.getTime() + PAIRING_MS))).toThrow('已过期');
        db.prepare('UPDATE users SET disabled = 1 WHERE id = 7').run();
        const forDisabled = createPairingCode(db, 7, 'admin', now);
        expect(() => redeemPairingCode(db, forDisabled.code, '192.0.2.9', now)).toThrow('已停用');
      },
    );
  });
});
