/**
 * The payload of a pass's QR code (出入证二维码), read by the office (Node) and by the gate
 * page (browser, possibly offline). Pure: the signature itself is made and checked by the
 * caller (Node's crypto in the core, @noble/ed25519 in the page).
 *
 * Form: `SC1.<body>.<signature>`, both parts base32 (RFC 4648, upper case, no padding).
 * Why base32: USB/Bluetooth scanners type what they read as keystrokes, so the text must
 * be ASCII and survive Caps Lock (base32 is case-blind); and upper-case base32 plus '.'
 * fits the QR alphanumeric mode, 5.5 bits a character instead of 8, a smaller code.
 * The body is UTF-8 `passNo|householdId|holder|uses|perDays|validFrom|validTo`, days as
 * YYYYMMDD; the holder is already masked (张*伟), so a photographed pass leaks no name.
 */

export const PASS_PREFIX = 'SC1';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type PassClaims = {
  passNo: string;
  householdId: number;
  holder: string;
  uses: number;
  perDays: number;
  validFrom: string;
  validTo: string;
};

export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Strict: only the one canonical spelling of some bytes is accepted, so a character
 * changed in the unused low bits of the last symbol cannot pass as the same signed bytes.
 */
export function unbase32(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const out = Uint8Array.from(bytes);
  return base32(out) === text ? out : null;
}

const compactDay = (day: string) => day.replaceAll('-', '');
const isoDay = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** The bytes that are signed. */
export function encodeClaims(c: PassClaims): Uint8Array {
  const holder = c.holder.replaceAll('|', '');
  return new TextEncoder().encode([c.passNo, c.householdId, holder, c.uses, c.perDays, compactDay(c.validFrom), compactDay(c.validTo)].join('|'));
}

export function decodeClaims(body: Uint8Array): PassClaims | null {
  const parts = new TextDecoder('utf-8', { fatal: false }).decode(body).split('|');
  if (parts.length !== 7) return null;
  const [passNo, householdId, holder, uses, perDays, from, to] = parts as [string, string, string, string, string, string, string];
  if (!/^[A-Z0-9]{4,20}$/.test(passNo) || !/^\d{8}$/.test(from) || !/^\d{8}$/.test(to)) return null;
  const n = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);
  const claims = { passNo, householdId: n(householdId), holder, uses: n(uses), perDays: n(perDays), validFrom: isoDay(from), validTo: isoDay(to) };
  return Number.isNaN(claims.householdId + claims.uses + claims.perDays) ? null : claims;
}

export const formatPayload = (body: Uint8Array, signature: Uint8Array) => `${PASS_PREFIX}.${base32(body)}.${base32(signature)}`;

/** Whether typed or scanned text is meant as a pass code (so a field can tell it from a name). */
export const looksLikePassCode = (text: string) => text.trim().toUpperCase().startsWith(`${PASS_PREFIX}.`);

/**
 * The parts of a scanned payload, or why it is not one. The signature is not checked
 * here: the caller verifies `signature` over `body` and only then trusts `claims`.
 */
export function splitPayload(text: string): { body: Uint8Array; signature: Uint8Array; claims: PassClaims } | { error: string } {
  const parts = text.trim().toUpperCase().split('.');
  if (parts[0] !== PASS_PREFIX || parts.length !== 3) return { error: '不是本系统的出入证二维码' };
  const body = unbase32(parts[1]!);
  const signature = unbase32(parts[2]!);
  const claims = body && decodeClaims(body);
  if (!body || !signature || signature.length !== 64 || !claims) return { error: '二维码无效：内容不完整或被改动' };
  return { body, signature, claims };
}

export const FORGED = '二维码签名不符：伪造或被改动的出入证';

/**
 * What the pass itself says is wrong today, from its signed claims alone: what a gate
 * can check with no network (revocation and the exit rule need lists, see the callers).
 */
export function claimsProblem(c: PassClaims, today: string): string | null {
  if (today < c.validFrom || today > c.validTo) return `出入证不在有效期（${c.validFrom} 至 ${c.validTo}）`;
  return null;
}
