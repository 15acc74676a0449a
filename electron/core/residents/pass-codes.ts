import crypto from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { maskName } from '../../../shared/domain/mask';
import { encodeClaims, FORGED, formatPayload, type PassClaims, splitPayload } from '../../../shared/domain/pass-code';
import { localDay } from '../../../shared/domain/days';
import { getSetting } from '../auth/settings';
import { stmt } from '../db/statements';
import { type Scope, scopeWhere } from '../kernel/entity';
import { passProblem } from './household-services';

/**
 * The office's Ed25519 key for signing passes' QR codes. It lives in app_settings, that is
 * inside the encrypted database: it is then protected exactly as the database is (the key
 * file in serve mode, DPAPI on the desktop) with no second secret to lose, and a restored
 * backup keeps verifying the passes already printed. The price: whoever holds an exported
 * backup and its password could sign passes — the same people who can read every resident.
 */
const SETTING = 'pass_signing_key';
const keys = new WeakMap<Database.Database, { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject; raw: string }>();

function keyPair(db: Database.Database) {
  const cached = keys.get(db);
  if (cached) return cached;
  let der = getSetting(db, SETTING);
  if (!der) {
    const fresh = crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    // OR IGNORE: two first callers at once keep one key, whichever was written first.
    stmt(db, 'INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)').run(SETTING, fresh);
    der = getSetting(db, SETTING)!;
  }
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey(privateKey);
  const pair = { privateKey, publicKey, raw: publicKey.export({ format: 'jwk' }).x! };
  keys.set(db, pair);
  return pair;
}

/** The public key as base64url of its 32 raw bytes, what the gate page keeps. */
export const passPublicKey = (db: Database.Database) => keyPair(db).raw;

/** The household's holder as printed: 户主 first, else the first registered resident; masked. */
const HOLDER = `(SELECT r.name FROM residents r WHERE r.household_id = s.household_id ORDER BY r.relation IS NOT '户主', r.id LIMIT 1)`;
const CARD_SELECT = `SELECT s.id, s.pass_no AS passNo, s.household_id AS householdId, ${HOLDER} AS holder,
  p.name || ' ' || b.name || '栋' || CASE WHEN h.unit <> '' THEN h.unit || '单元' ELSE '' END || h.room AS address,
  s.uses, s.per_days AS perDays, s.valid_from AS validFrom, s.valid_to AS validTo
  FROM passes s JOIN households h ON h.id = s.household_id JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id`;

type CardRow = Omit<PassClaims, 'holder'> & { id: number; holder: string | null; address: string };

export function signClaims(db: Database.Database, claims: PassClaims): string {
  const body = encodeClaims(claims);
  return formatPayload(body, crypto.sign(null, body, keyPair(db).privateKey));
}

/** Cards to print: the passes in force of one household or one compound (or all in scope), each with its signed payload. */
export function passCards(db: Database.Database, scope: Scope, f: { compoundId?: number; householdId?: number }) {
  const w = scopeWhere(scope, 'p.community_id');
  const rows = stmt(
    db,
    `${CARD_SELECT} WHERE s.revoked = 0 AND (? IS NULL OR p.id = ?) AND (? IS NULL OR s.household_id = ?) AND ${w.sql} ORDER BY b.id, h.unit, length(h.room), h.room, s.id LIMIT 2000`,
  ).all(f.compoundId ?? null, f.compoundId ?? null, f.householdId ?? null, f.householdId ?? null, ...w.params) as CardRow[];
  return rows.map((r) => {
    const claims = { ...r, holder: r.holder ? maskName(r.holder) : '' };
    return {
      id: r.id,
      passNo: r.passNo,
      address: r.address,
      holder: claims.holder,
      uses: r.uses,
      perDays: r.perDays,
      validFrom: r.validFrom,
      validTo: r.validTo,
      payload: signClaims(db, claims),
    };
  });
}

/** What the gate page keeps to check passes with no network: the public key and the revoked pass numbers. */
export function gateKit(db: Database.Database, now: Date) {
  const today = localDay(now);
  // Passes already out of date are refused by their signed dates; they need not travel.
  const revoked = (stmt(db, 'SELECT pass_no FROM passes WHERE revoked = 1 AND valid_to >= ? ORDER BY pass_no').all(today) as { pass_no: string }[]).map(
    (r) => r.pass_no,
  );
  return { publicKey: passPublicKey(db), revoked, at: now.toISOString() };
}

/**
 * A scanned payload checked by the office: the signature, then what the database knows
 * (revoked, dates, the exit rule). The pass number is trusted only once the signature holds.
 */
export function checkPassCode(db: Database.Database, payload: string, direction: 'in' | 'out', now: Date) {
  const parts = splitPayload(payload);
  if ('error' in parts) return { ok: false, reason: parts.error, passNo: null, holder: null, validTo: null };
  if (!crypto.verify(null, parts.body, keyPair(db).publicKey, parts.signature)) return { ok: false, reason: FORGED, passNo: null, holder: null, validTo: null };
  const c = parts.claims;
  const reason = passProblem(db, c.passNo, direction, now);
  return { ok: reason === null, reason, passNo: c.passNo, holder: c.holder, validTo: c.validTo };
}
