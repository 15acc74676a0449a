import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE, generateDemo } from './generate';

describe('demo office', () => {
  const demo = generateDemo();

  it('is the same for the same seed and different for another', () => {
    expect(generateDemo()).toEqual(demo);
    expect(generateDemo(7)).not.toEqual(demo);
  });

  it('has the scale of seed article 002', () => {
    expect(demo.communities).toHaveLength(15);
    const kinds = demo.communities.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'village')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'community')).toHaveLength(7);
    expect(kinds.filter((k) => k === 'committee')).toHaveLength(5);
    expect(demo.grids).toHaveLength(9);
    expect(demo.compounds).toHaveLength(168);
    const unmanaged = demo.compounds.filter((c) => c.managementType === 'unmanaged').length / 168;
    expect(unmanaged).toBeGreaterThan(0.1);
    expect(unmanaged).toBeLessThan(0.14);
    const people = demo.compounds.reduce((n, c) => n + c.population, 0);
    expect(people).toBeGreaterThan(135_000);
    expect(people).toBeLessThan(145_000);
    expect(demo.checkpoints).toHaveLength(99);
    expect(new Set(demo.checkpoints.map((c) => c.name)).size).toBe(99);
    expect(new Set(demo.compounds.map((c) => `${c.communityIndex}|${c.name}`)).size).toBe(168);
  });

  it('clusters around the city centre with small closed boundaries', () => {
    for (const c of demo.compounds) {
      expect(Math.abs(c.lng! - DEMO_CENTRE.lng)).toBeLessThan(0.1);
      expect(Math.abs(c.lat! - DEMO_CENTRE.lat)).toBeLessThan(0.1);
      const ring = c.boundary!.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      expect(Math.abs(ring[1]![0] - ring[0]![0])).toBeLessThan(0.01);
    }
  });
});
