/**
 * Splitting a quantity across recipients by weight, in whole packs.
 *
 * Why this shape: a street office hands out boxes, not loose masks, and every recipient
 * must be able to check its figure against the rule. The exact share of each recipient
 * is its weight's part of what can be handed out, held within its minimum and maximum
 * (one common factor λ: share = clamp(λ·weight, min, max), solved exactly). Shares are
 * then rounded down to whole packs and the packs left over go, one each, to the largest
 * fractional parts (largest-remainder / Hamilton method); ties go to the larger weight,
 * then to the earlier recipient, so the same input always gives the same sheet.
 */

export interface AllocRecipient {
  weight: number;
  /** Least units this recipient gets (rounded up to whole packs). */
  min?: number | null;
  /** Most units this recipient gets (rounded down to whole packs). */
  max?: number | null;
}

export interface AllocInput {
  /** Units available to hand out. */
  total: number;
  /** Units per pack (盒/箱); 1 for loose items. */
  packSize: number;
  /** Whether a pack may be opened (then the grain is one unit). */
  allowSplit: boolean;
  recipients: AllocRecipient[];
}

export interface AllocResult {
  /** Units per recipient, whole grains, in input order. */
  quantities: number[];
  /** The exact (unrounded) share per recipient in units, after minimums and maximums. */
  exact: number[];
  /** Units per grain: the pack size, or 1 when packs may be opened. */
  grain: number;
  /** Units handed out (sum of quantities). */
  distributed: number;
  /** Units that stay in stock: less than one pack, or more than every maximum allows. */
  leftover: number;
  /** How many grains went to recipients through the largest remainders. */
  remainderGrains: number;
}

/** Refused allocations, with the reason in Chinese. */
export class AllocationError extends Error {
  override name = 'AllocationError';
}

const EPS = 1e-9;

/** clamp(λ·w, lo, hi) summed; nondecreasing in λ. */
function sumAt(lambda: number, w: number[], lo: number[], hi: number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += Math.min(hi[i]!, Math.max(lo[i]!, lambda * w[i]!));
  return s;
}

/**
 * Shares in grains: clamp(λ·w_i, lo_i, hi_i) with λ chosen so they sum to n, or everyone
 * at the bound when n cannot be reached (all at their maximum) — exact, by walking the
 * breakpoints where a recipient leaves its minimum or reaches its maximum.
 */
function cappedShares(n: number, w: number[], lo: number[], hi: number[]): number[] {
  const clampAt = (lambda: number) => w.map((wi, i) => Math.min(hi[i]!, Math.max(lo[i]!, lambda * wi)));
  if (sumAt(Number.MAX_VALUE, w, lo, hi) <= n) return clampAt(Number.MAX_VALUE).map((v, i) => (w[i]! > 0 ? v : lo[i]!));
  const points = [0];
  for (let i = 0; i < w.length; i++) {
    if (w[i]! <= 0) continue;
    points.push(lo[i]! / w[i]!);
    if (Number.isFinite(hi[i]!)) points.push(hi[i]! / w[i]!);
  }
  points.sort((a, b) => a - b);
  // The segment [a, b] where the sum crosses n (binary search: the sum never decreases); linear inside it.
  let lo_i = 0;
  let hi_i = points.length;
  while (lo_i < hi_i) {
    const mid = (lo_i + hi_i) >> 1;
    if (sumAt(points[mid]!, w, lo, hi) >= n) hi_i = mid;
    else lo_i = mid + 1;
  }
  const b: number | null = lo_i < points.length ? points[lo_i]! : null;
  const a = lo_i > 0 ? points[lo_i - 1]! : 0;
  const sa = sumAt(a, w, lo, hi);
  let lambda: number;
  if (b === null) {
    // Past the last breakpoint only recipients without a maximum still grow.
    const slope = w.reduce((s, wi, i) => (wi > 0 && hi[i] === Infinity ? s + wi : s), 0);
    lambda = a + (n - sa) / slope;
  } else {
    const sb = sumAt(b, w, lo, hi);
    lambda = sb === sa ? b : a + ((n - sa) * (b - a)) / (sb - sa);
  }
  return clampAt(lambda);
}

export function allocate(input: AllocInput): AllocResult {
  const { recipients } = input;
  const grain = input.allowSplit ? 1 : Math.max(1, Math.floor(input.packSize));
  if (!Number.isFinite(input.total) || input.total < 0) throw new AllocationError('可分配数量必须是不小于 0 的数');
  const n = Math.floor(input.total / grain + EPS);
  const w = recipients.map((r) => (Number.isFinite(r.weight) && r.weight > 0 ? r.weight : 0));
  const lo = recipients.map((r) => (r.min ? Math.ceil(r.min / grain - EPS) : 0));
  const hi = recipients.map((r) => (r.max === null || r.max === undefined ? Infinity : Math.floor(r.max / grain + EPS)));
  recipients.forEach((_, i) => {
    if (hi[i]! < lo[i]!) throw new AllocationError(`第 ${i + 1} 个接收方的最高数量小于最低数量`);
  });
  const minSum = lo.reduce((s, v) => s + v, 0);
  if (minSum > n) throw new AllocationError(`各接收方的最低数量合计 ${minSum * grain} 超过可分配的 ${n * grain}`);

  const shares = recipients.length ? cappedShares(n, w, lo, hi) : [];
  const base = shares.map((s) => Math.floor(s + EPS));
  const target = Math.min(n, Math.round(shares.reduce((s, v) => s + v, 0)));
  let left = target - base.reduce((s, v) => s + v, 0);
  const order = shares
    .map((s, i) => ({ i, frac: s - base[i]! }))
    .filter((c) => c.frac > EPS && base[c.i]! + 1 <= hi[c.i]!)
    .sort((x, y) => y.frac - x.frac || w[y.i]! - w[x.i]! || x.i - y.i);
  const remainderGrains = Math.max(0, Math.min(left, order.length));
  for (const c of order) {
    if (left <= 0) break;
    base[c.i]!++;
    left--;
  }
  const quantities = base.map((g) => g * grain);
  const distributed = quantities.reduce((s, v) => s + v, 0);
  return { quantities, exact: shares.map((s) => s * grain), grain, distributed, leftover: input.total - distributed, remainderGrains };
}
