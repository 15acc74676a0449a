import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE, DEMO_SEED, generateDemo } from './demo';

describe('generateDemo', () => {
  const demo = generateDemo();

  it('the same seed gives the same office; another seed a different one', () => {
    expect(generateDemo(DEMO_SEED)).toEqual(demo);
    const other = generateDemo(DEMO_SEED + 1);
    expect(other).not.toEqual(demo);
    expect(other.compounds.map((c) => c.name)).not.toEqual(demo.compounds.map((c) => c.name));
  });

  it('has the seed article scale: 15 communities (3 villages, 7 communities, 5 committees), 9 grids', () => {
    expect(demo.communities).toHaveLength(15);
    const kinds = demo.communities.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'village')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'community')).toHaveLength(7);
    expect(kinds.filter((k) => k === 'committee')).toHaveLength(5);
    expect(new Set(demo.communities.map((c) => c.name)).size).toBe(15);
    expect(demo.grids).toHaveLength(9);
    expect(new Set(demo.communities.map((c) => c.gridIndex)).size).toBe(9);
  });

  it('168 compounds, 10–14% unmanaged, about 140,000 residents', () => {
    expect(demo.compounds).toHaveLength(168);
    const unmanaged = demo.compounds.filter((c) => c.managementType === 'unmanaged').length / 168;
    expect(unmanaged).toBeGreaterThanOrEqual(0.1);
    expect(unmanaged).toBeLessThanOrEqual(0.14);
    const population = demo.compounds.reduce((n, c) => n + c.population, 0);
    expect(population).toBeGreaterThanOrEqual(135_000);
    expect(population).toBeLessThanOrEqual(145_000);
    for (const c of demo.compounds) {
      expect(c.population).toBeGreaterThan(0);
      expect(c.households).toBeGreaterThan(0);
      expect(c.propertyCompany === null, c.name).toBe(c.managementType !== 'managed');
    }
    // Villages have no property companies.
    const villages = new Set(demo.communities.flatMap((c, i) => (c.kind === 'village' ? [i] : [])));
    expect(demo.compounds.filter((c) => villages.has(c.communityIndex) && c.managementType === 'managed')).toEqual([]);
    // Unique within a community (the natural key).
    expect(new Set(demo.compounds.map((c) => `${c.communityIndex}/${c.name}`)).size).toBe(168);
  });

  it('99 checkpoints with unique names; every gate at a compound of its community', () => {
    expect(demo.checkpoints).toHaveLength(99);
    expect(new Set(demo.checkpoints.map((k) => k.name)).size).toBe(99);
    for (const k of demo.checkpoints) {
      if (k.kind === 'gate') {
        expect(k.compoundIndex).not.toBeNull();
        expect(demo.compounds[k.compoundIndex!]!.communityIndex).toBe(k.communityIndex);
      } else {
        expect(k.compoundIndex).toBeNull();
      }
    }
  });

  it('every coordinate lies within about 0.1° of the office centre', () => {
    const near = ([lng, lat]: [number, number]) => Math.abs(lng - DEMO_CENTRE.lng) <= 0.1 && Math.abs(lat - DEMO_CENTRE.lat) <= 0.1;
    const points: [number, number][] = [
      ...demo.communities.map((c) => c.centre),
      ...demo.compounds.map((c) => [c.lng!, c.lat!] as [number, number]),
      ...demo.compounds.flatMap((c) => c.boundary!.coordinates.flat()),
      ...demo.checkpoints.map((k) => [k.lng!, k.lat!] as [number, number]),
    ];
    expect(points.length).toBeGreaterThan(168 * 6);
    expect(points.filter((p) => !near(p))).toEqual([]);
  });

  it('every compound boundary is a closed ring around its centre', () => {
    for (const c of demo.compounds) {
      const ring = c.boundary!.coordinates[0]!;
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring.at(-1)).toEqual(ring[0]);
      const lngs = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      expect(c.lng!).toBeGreaterThan(Math.min(...lngs));
      expect(c.lng!).toBeLessThan(Math.max(...lngs));
      expect(c.lat!).toBeGreaterThan(Math.min(...lats));
      expect(c.lat!).toBeLessThan(Math.max(...lats));
    }
  });
});
