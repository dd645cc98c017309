import type { Point } from '../scene/schema';

/** Signed area (shoelace); positive for counter-clockwise in y-up axes. */
export function signedArea(polygon: Point[]): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

export function area(polygon: Point[]): number {
  return Math.abs(signedArea(polygon));
}

/** Area centroid of a simple polygon (falls back to the vertex mean for degenerate ones). */
export function centroid(polygon: Point[]): Point {
  const a = signedArea(polygon);
  if (Math.abs(a) < 1e-9) {
    const n = polygon.length || 1;
    return { x: polygon.reduce((s, p) => s + p.x, 0) / n, y: polygon.reduce((s, p) => s + p.y, 0) / n };
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as Point;
    const q = polygon[(i + 1) % polygon.length] as Point;
    const cross = p.x * q.y - q.x * p.y;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  return { x: cx / (6 * a), y: cy / (6 * a) };
}

/** Convex hull (monotone chain), counter-clockwise. */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Nearly convex outlines (hull no more than 3% larger) are simulated as their hull. */
export function isNearlyConvex(polygon: Point[]): boolean {
  const a = area(polygon);
  return a > 0 && area(convexHull(polygon)) <= a * 1.03;
}

/** Radius of the circle with the same area: the rolling radius of a round object. */
export function equivalentRadius(polygon: Point[]): number {
  return Math.sqrt(area(polygon) / Math.PI);
}

/** How round an outline is: 1 for a circle, about 0.785 for a square. */
export function roundness(polygon: Point[]): number {
  let perimeter = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    perimeter += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return perimeter > 0 ? (4 * Math.PI * area(polygon)) / (perimeter * perimeter) : 0;
}

/** Height of segment a–b at `x`, or null when `x` is outside it (vertical segments give their top). */
export function yOnSegment(a: Point, b: Point, x: number): number | null {
  const lo = Math.min(a.x, b.x);
  const hi = Math.max(a.x, b.x);
  if (x < lo || x > hi) return null;
  if (hi === lo) return Math.min(a.y, b.y);
  return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
}
