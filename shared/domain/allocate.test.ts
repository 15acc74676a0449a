import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, AllocationError } from './allocate';

const recipients = fc.array(fc.record({ weight: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 60 });
const item = fc.record({ total: fc.integer({ min: 0, max: 200_000 }), packSize: fc.constantFrom(1, 5, 10, 20, 50, 100), allowSplit: fc.boolean() });

describe('allocation in whole packs (property tests)', () => {
  it('hands out exactly what can go in whole packs; the rest (under one pack) stays in stock', () => {
    fc.assert(
      fc.property(item, recipients, (it, rs) => {
        const r = allocate({ ...it, recipients: rs });
        const sum = r.quantities.reduce((s, q) => s + q, 0);
        expect(sum).toBe(r.distributed);
        expect(sum + r.leftover).toBe(it.total);
        const grain = it.allowSplit ? 1 : it.packSize;
        if (rs.some((x) => x.weight > 0)) expect(r.leftover).toBeLessThan(grain);
        for (const q of r.quantities) expect(q % grain).toBe(0);
      }),
    );
  });

  it('gives each recipient within one pack of its exact share of what is handed out', () => {
    fc.assert(
      fc.property(item, recipients, (it, rs) => {
        const r = allocate({ ...it, recipients: rs });
        const weight = rs.reduce((s, x) => s + x.weight, 0);
        if (weight === 0) return;
        const handedOut = Math.floor(it.total / r.grain) * r.grain;
        rs.forEach((x, i) => {
          const exact = (handedOut * x.weight) / weight;
          expect(Math.abs(r.quantities[i]! - exact)).toBeLessThan(r.grain);
        });
      }),
    );
  });

  it('never gives a recipient less than its minimum or more than its maximum', () => {
    const bounded = fc.array(
      fc.record({
        weight: fc.integer({ min: 0, max: 1000 }),
        min: fc.option(fc.integer({ min: 0, max: 300 })),
        span: fc.option(fc.integer({ min: 0, max: 800 })),
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(item, bounded, (it, rs) => {
        const input = rs.map((x) => ({ weight: x.weight, min: x.min, max: x.span === null ? null : (x.min ?? 0) + x.span }));
        let r;
        try {
          r = allocate({ ...it, recipients: input });
        } catch (e) {
          expect(e).toBeInstanceOf(AllocationError);
          return;
        }
        input.forEach((x, i) => {
          const grainMin = x.min ? Math.ceil(x.min / r.grain) * r.grain : 0;
          expect(r.quantities[i]!).toBeGreaterThanOrEqual(grainMin);
          if (x.max !== null) expect(r.quantities[i]!).toBeLessThanOrEqual(x.max);
          expect(Math.abs(r.quantities[i]! - r.exact[i]!)).toBeLessThan(r.grain);
        });
        // Only whole packs keep stock back, unless every recipient that takes any is at its maximum.
        const full = input.every((x, i) => x.weight === 0 || (x.max !== null && r.quantities[i]! + r.grain > x.max));
        if (!full) expect(r.leftover).toBeLessThan(r.grain);
      }),
    );
  });

  it('is monotonic in weight: a heavier recipient never gets less than a lighter one', () => {
    fc.assert(
      fc.property(item, recipients, (it, rs) => {
        const r = allocate({ ...it, recipients: rs });
        for (let a = 0; a < rs.length; a++)
          for (let b = 0; b < rs.length; b++) if (rs[a]!.weight > rs[b]!.weight) expect(r.quantities[a]!).toBeGreaterThanOrEqual(r.quantities[b]!);
      }),
    );
  });

  it('is deterministic: the same input gives the same sheet, equal weights are served in list order', () => {
    fc.assert(
      fc.property(item, recipients, (it, rs) => {
        expect(allocate({ ...it, recipients: rs })).toEqual(allocate({ ...it, recipients: rs.map((x) => ({ ...x })) }));
      }),
    );
    const r = allocate({ total: 500, packSize: 50, allowSplit: false, recipients: [{ weight: 1 }, { weight: 1 }, { weight: 1 }] });
    expect(r.quantities).toEqual([200, 150, 150]);
  });
});

describe('allocation, worked examples', () => {
  it('splits 1,750 masks in boxes of 50 over three communities by population', () => {
    const r = allocate({ total: 1750, packSize: 50, allowSplit: false, recipients: [{ weight: 12000 }, { weight: 8000 }, { weight: 5000 }] });
    // Exact: 840, 560, 350 → 16.8, 11.2, 7 boxes → 16 + 11 + 7 = 34, one box left → the largest remainder (0.8).
    expect(r.quantities).toEqual([850, 550, 350]);
    expect(r).toMatchObject({ distributed: 1750, leftover: 0, remainderGrains: 1 });
  });

  it('keeps less than a box in stock rather than opening one', () => {
    const r = allocate({ total: 1020, packSize: 50, allowSplit: false, recipients: [{ weight: 1 }, { weight: 1 }] });
    expect(r.quantities).toEqual([500, 500]);
    expect(r.leftover).toBe(20);
  });

  it('opens packs when the item allows it', () => {
    const r = allocate({ total: 1020, packSize: 50, allowSplit: true, recipients: [{ weight: 1 }, { weight: 1 }] });
    expect(r.quantities).toEqual([510, 510]);
  });

  it('raises a small recipient to its minimum and takes it from the others', () => {
    const r = allocate({ total: 1000, packSize: 10, allowSplit: false, recipients: [{ weight: 98 }, { weight: 1, min: 100 }, { weight: 1 }] });
    expect(r.quantities[1]).toBe(100);
    expect(r.quantities.reduce((s, q) => s + q, 0)).toBe(1000);
  });

  it('refuses minimums that add up to more than there is, in Chinese', () => {
    expect(() =>
      allocate({
        total: 100,
        packSize: 10,
        allowSplit: false,
        recipients: [
          { weight: 1, min: 60 },
          { weight: 1, min: 60 },
        ],
      }),
    ).toThrow('各接收方的最低数量合计 120 超过可分配的 100');
  });
});

describe('quantities as counted by hand', async () => {
  const { packText } = await import('./pack-text');
  it('says boxes and units', () => {
    expect(packText(600, { unit: '只', packSize: 50, packUnit: '盒' })).toBe('12 盒（600 只）');
    expect(packText(603, { unit: '只', packSize: 50, packUnit: '盒' })).toBe('12 盒又 3 只（603 只）');
    expect(packText(30, { unit: '套', packSize: 1, packUnit: null })).toBe('30 套');
    expect(packText(13, { unit: '瓶', packSize: 20, packUnit: '箱' })).toBe('13 瓶');
    expect(packText(12000, { unit: '瓶', packSize: 20, packUnit: '箱' })).toBe('600 箱（12,000 瓶）');
  });
});
