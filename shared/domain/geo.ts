/** Small geometry helpers for the schematic map (no basemap needed). */
export type Point = [number, number];

/** Convex hull (Andrew's monotone chain), closed ring, counter-clockwise. */
export function convexHull(points: Point[]): Point[] {
  const pts = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...pts].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return [...hull, hull[0]!];
}

/** Grows a closed ring away from its centroid by `margin` degrees, so a hull encloses the shapes it was built from. */
export function padRing(ring: Point[], margin: number): Point[] {
  const n = ring.length - 1;
  if (n < 3) return ring;
  const cx = ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n;
  const cy = ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n;
  return ring.map(([x, y]) => {
    const d = Math.hypot(x - cx, y - cy) || 1;
    return [x + ((x - cx) / d) * margin, y + ((y - cy) / d) * margin] as Point;
  });
}

/** Centre of a polygon's outer ring (vertex average; enough for labels and fly-to). */
export function ringCentre(ring: Point[]): Point {
  const n = Math.max(1, ring.length - 1);
  const pts = ring.slice(0, n);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}
