import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { localDay } from '../../../../shared/domain/days';
import { claimsProblem, FORGED, type PassClaims, splitPayload } from '../../../../shared/domain/pass-code';

// Synchronous SHA-512 from @noble/hashes: WebCrypto (crypto.subtle) is missing on plain-HTTP
// LAN pages and Ed25519 in WebCrypto is missing in older phone browsers; this works in both.
ed.hashes.sha512 = sha512;

/** What the gate phone keeps (see passes.gateKit). */
export type GateKit = { publicKey: string; revoked: string[]; at: string };

export type Verdict = { ok: boolean; reason: string | null; claims: PassClaims | null };

const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/**
 * A scanned pass checked on the phone alone: the office's signature, then the revoked
 * list the phone last fetched, the signed dates, and the exits this phone itself recorded
 * in the rule's window (`exits`: the times of earlier 'out' scans of this pass here).
 */
export function verifyOffline(payload: string, kit: GateKit, direction: 'in' | 'out', now: Date, exits: string[]): Verdict {
  const parts = splitPayload(payload);
  if ('error' in parts) return { ok: false, reason: parts.error, claims: null };
  let valid = false;
  try {
    valid = ed.verify(parts.signature, parts.body, fromBase64Url(kit.publicKey));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: FORGED, claims: null };
  const c = parts.claims;
  if (kit.revoked.includes(c.passNo)) return { ok: false, reason: '出入证已收回', claims: c };
  const dates = claimsProblem(c, localDay(now));
  if (dates) return { ok: false, reason: dates, claims: c };
  if (direction === 'out') {
    const since = now.getTime() - c.perDays * 86_400_000;
    const used = exits.filter((t) => Date.parse(t) >= since).length;
    if (used >= c.uses) return { ok: false, reason: `出入证 ${c.perDays} 天内限出 ${c.uses} 次，已用 ${used} 次`, claims: c };
  }
  return { ok: true, reason: null, claims: c };
}
