import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** Cost parameters are stored with each hash so they can be raised later without breaking old ones. */
export const PRODUCTION_COST = { N: 16384, r: 8, p: 1 } as const;
const KEYLEN = 32;
let cost: { N: number; r: number; p: number } = PRODUCTION_COST;

/**
 * Tests only (test/setup/fast-passwords.ts): at the production cost the suite's thousands
 * of hashes and sign-ins cost minutes. Refused outside vitest, so the app never runs cheaper;
 * null puts the production cost back.
 */
export function setTestPasswordCost(next: { N: number; r: number; p: number } | null): void {
  if (!process.env.VITEST) throw new Error('the password cost can only be lowered in tests');
  cost = next ?? PRODUCTION_COST;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEYLEN, { ...cost, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algo, n, r, p, salt, hash] = stored.split('$');
  if (algo !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash to compare against when the user name does not exist, so timing does not tell. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword(crypto.randomBytes(12).toString('hex')));
