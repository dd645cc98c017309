/**
 * Narrow-phase geometry on flat outlines ([x0, y0, x1, y1, ...], output pixels). Outlines are
 * convex with positive signed area (shoelace, as convexHull returns them; rotation keeps it), so
 * each edge's outward normal is (ey, −ex). A two-point outline is a segment: its two "edges" are
 * its two faces.
 */
export type Flat = Float64Array;

/** Signed distance between two shapes: positive is the gap, negative the overlap depth. */
export interface Separation {
  distance: number;
  /** Unit normal pointing from B towards A. */
  nx: number;
  ny: number;
}

/** A body at one frame: a convex outline (or segment), or a circle when `r` > 0. */
export interface Shape {
  outline: Flat;
  x: number;
  y: number;
  r: number;
}

/** Gap between axis-aligned boxes [minX, minY, maxX, maxY], 0 when they overlap: a lower bound on the true gap. */
export function boxGap(a: Flat, ai: number, b: Flat, bi: number): number {
  const dx = Math.max(0, (b[bi] as number) - (a[ai + 2] as number), (a[ai] as number) - (b[bi + 2] as number));
  const dy = Math.max(0, (b[bi + 1] as number) - (a[ai + 3] as number), (a[ai + 1] as number) - (b[bi + 3] as number));
  return Math.sqrt(dx * dx + dy * dy);
}

export function boundingBox(shape: Flat, out: Flat, at: number): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < shape.length; i += 2) {
    const x = shape[i] as number;
    const y = shape[i + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  out[at] = minX;
  out[at + 1] = minY;
  out[at + 2] = maxX;
  out[at + 3] = maxY;
}

/**
 * Largest separation of B from any face of A (as Box2D's polygon collider does); the normal is
 * A's face normal. B's deepest vertex along each face normal is found by walking downhill from
 * the previous face's: the projections of a convex outline's vertices rise once and fall once, so
 * a local minimum is the minimum, and as A's normals turn the answer only moves on. Stops early
 * once some face separates them by more than `cutoff`.
 */
function faceSeparation(a: Flat, b: Flat, out: Separation, cutoff: number): void {
  const n = a.length >> 1;
  const m = b.length >> 1;
  let best = -Infinity;
  let k = 0;
  let x0 = a[2 * n - 2] as number;
  let y0 = a[2 * n - 1] as number;
  for (let e = 0; e < n; e++) {
    const x1 = a[2 * e] as number;
    const y1 = a[2 * e + 1] as number;
    const ex = x1 - x0;
    const ey = y1 - y0;
    const len = Math.sqrt(ex * ex + ey * ey);
    if (len > 1e-12) {
      const nx = ey / len;
      const ny = -ex / len;
      let v = (b[2 * k] as number) * nx + (b[2 * k + 1] as number) * ny;
      for (let steps = 0; steps < m; steps++) {
        const j = k + 1 === m ? 0 : k + 1;
        const vj = (b[2 * j] as number) * nx + (b[2 * j + 1] as number) * ny;
        if (!(vj < v)) break;
        k = j;
        v = vj;
      }
      for (let steps = 0; steps < m; steps++) {
        const j = k === 0 ? m - 1 : k - 1;
        const vj = (b[2 * j] as number) * nx + (b[2 * j + 1] as number) * ny;
        if (!(vj < v)) break;
        k = j;
        v = vj;
      }
      const sep = v - (x0 * nx + y0 * ny);
      if (sep > best) {
        best = sep;
        out.nx = nx;
        out.ny = ny;
        if (best > cutoff) break;
      }
    }
    x0 = x1;
    y0 = y1;
  }
  out.distance = best;
}

/**
 * Closest approach of the kept vertices of `from` to the edges of `to` with a kept end; updates
 * `out` (normal not yet normalised, pointing from `to` to `from`, times `sign`) when closer.
 */
function vertexEdge(from: Flat, keepFrom: Uint8Array, to: Flat, keepTo: Uint8Array, sign: number, out: Separation, best: { d2: number }): void {
  const n = to.length >> 1;
  const edges = n === 2 ? 1 : n;
  for (let e = 0; e < edges; e++) {
    const j = (e + 1) % n;
    if (!keepTo[e] && !keepTo[j]) continue;
    const x0 = to[2 * e] as number;
    const y0 = to[2 * e + 1] as number;
    const ex = (to[2 * j] as number) - x0;
    const ey = (to[2 * j + 1] as number) - y0;
    const len2 = ex * ex + ey * ey;
    for (let i = 0; i < from.length >> 1; i++) {
      if (!keepFrom[i]) continue;
      const px = from[2 * i] as number;
      const py = from[2 * i + 1] as number;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - x0) * ex + (py - y0) * ey) / len2)) : 0;
      const dx = px - (x0 + t * ex);
      const dy = py - (y0 + t * ey);
      const d2 = dx * dx + dy * dy;
      if (d2 < best.d2) {
        best.d2 = d2;
        out.nx = sign * dx;
        out.ny = sign * dy;
      }
    }
  }
}

/**
 * Convex outlines: the SAT overlap depth when they overlap. When apart, the Euclidean gap (the SAT
 * gap underestimates it at corners, which would make a ball past a table edge look supported for
 * too long) — but only up to `cutoff`: a closest pair within it has both ends within `cutoff` of
 * the separating axis's gap, so only those vertices and edges are compared.
 */
const scratch: Separation = { distance: 0, nx: 0, ny: 0 };

function polygons(a: Flat, b: Flat, out: Separation, cutoff: number): void {
  const fa = scratch;
  faceSeparation(a, b, fa, cutoff);
  if (fa.distance > cutoff) {
    out.distance = fa.distance;
    return;
  }
  faceSeparation(b, a, out, cutoff);
  // A's face normal points from A to B; B's from B to A, as the result's does.
  if (fa.distance > out.distance) {
    out.distance = fa.distance;
    out.nx = -fa.nx;
    out.ny = -fa.ny;
  }
  if (out.distance <= 0 || out.distance > cutoff) return;
  const ux = out.nx;
  const uy = out.ny;
  let minA = Infinity;
  for (let i = 0; i < a.length; i += 2) minA = Math.min(minA, (a[i] as number) * ux + (a[i + 1] as number) * uy);
  let maxB = -Infinity;
  for (let i = 0; i < b.length; i += 2) maxB = Math.max(maxB, (b[i] as number) * ux + (b[i + 1] as number) * uy);
  const keepA = new Uint8Array(a.length >> 1);
  const keepB = new Uint8Array(b.length >> 1);
  for (let i = 0; i < keepA.length; i++) keepA[i] = (a[2 * i] as number) * ux + (a[2 * i + 1] as number) * uy <= minA + cutoff ? 1 : 0;
  for (let i = 0; i < keepB.length; i++) keepB[i] = (b[2 * i] as number) * ux + (b[2 * i + 1] as number) * uy >= maxB - cutoff ? 1 : 0;
  const best = { d2: Infinity };
  vertexEdge(a, keepA, b, keepB, 1, out, best);
  vertexEdge(b, keepB, a, keepA, -1, out, best);
  const d = Math.sqrt(best.d2);
  if (!(d > 0) || !Number.isFinite(d)) {
    out.nx = ux;
    out.ny = uy;
    return;
  }
  out.distance = d;
  out.nx /= d;
  out.ny /= d;
}

/** Circle A against outline B: nearest point of B's boundary, and whether A's centre is inside B. */
function circlePolygon(x: number, y: number, r: number, poly: Flat, out: Separation): void {
  const n = poly.length >> 1;
  const edges = n === 2 ? 1 : n;
  let best = Infinity;
  let px = x;
  let py = y;
  let inside = n > 2;
  for (let e = 0; e < edges; e++) {
    const j = (e + 1) % n;
    const x0 = poly[2 * e] as number;
    const y0 = poly[2 * e + 1] as number;
    const ex = (poly[2 * j] as number) - x0;
    const ey = (poly[2 * j + 1] as number) - y0;
    const len2 = ex * ex + ey * ey;
    // Inside means behind every edge: on the side opposite its outward normal (ey, −ex).
    if (ey * (x - x0) - ex * (y - y0) > 0) inside = false;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - x0) * ex + (y - y0) * ey) / len2)) : 0;
    const cx = x0 + t * ex;
    const cy = y0 + t * ey;
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    if (d2 < best) {
      best = d2;
      px = cx;
      py = cy;
    }
  }
  const d = Math.sqrt(best);
  if (d === 0) {
    out.distance = -r;
    out.nx = 0;
    out.ny = -1;
    return;
  }
  // Outside: away from the boundary; inside: towards it, and past it by the whole radius.
  const k = inside ? -1 : 1;
  out.distance = inside ? -(d + r) : d - r;
  out.nx = (k * (x - px)) / d;
  out.ny = (k * (y - py)) / d;
}

/** `cutoff`: gaps beyond it may be reported as any value above it (they only ever get compared with it). */
export function separation(a: Shape, b: Shape, out: Separation = { distance: 0, nx: 0, ny: -1 }, cutoff = Infinity): Separation {
  if (a.r > 0 && b.r > 0) {
    const dx = a.x - b.x;
    const dy = a.y - b.y;
    const d = Math.sqrt(dx * dx + dy * dy);
    out.distance = d - a.r - b.r;
    out.nx = d > 0 ? dx / d : 0;
    out.ny = d > 0 ? dy / d : -1;
  } else if (a.r > 0) {
    circlePolygon(a.x, a.y, a.r, b.outline, out);
  } else if (b.r > 0) {
    circlePolygon(b.x, b.y, b.r, a.outline, out);
    out.nx = -out.nx;
    out.ny = -out.ny;
  } else {
    polygons(a.outline, b.outline, out, cutoff);
  }
  return out;
}

/** A surface segment with its frame: unit direction u, left normal (−uy, ux), length. */
export interface Line {
  ax: number;
  ay: number;
  ux: number;
  uy: number;
  length: number;
}

/**
 * Extremes of the signed distance to the segment's line (positive on its left) over the part of the
 * outline whose projection lies within the segment's span. The extremes of a linear function over
 * the clipped outline sit at its vertices inside the span or where its edges cross the span's ends.
 * `min` > `max` when no part of the outline lies within the span.
 */
export function spanExtent(body: Shape, line: Line, out: { min: number; max: number }): void {
  if (body.r > 0) {
    // Only asked while the centre projects within the span, so the circle's extremes do too.
    const d = line.ux * (body.y - line.ay) - line.uy * (body.x - line.ax);
    out.min = d - body.r;
    out.max = d + body.r;
    return;
  }
  const shape = body.outline;
  out.min = Infinity;
  out.max = -Infinity;
  const n = shape.length >> 1;
  const take = (d: number) => {
    if (d < out.min) out.min = d;
    if (d > out.max) out.max = d;
  };
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const px = (shape[2 * i] as number) - line.ax;
    const py = (shape[2 * i + 1] as number) - line.ay;
    const qx = (shape[2 * j] as number) - line.ax;
    const qy = (shape[2 * j + 1] as number) - line.ay;
    const tp = px * line.ux + py * line.uy;
    const tq = qx * line.ux + qy * line.uy;
    const dp = line.ux * py - line.uy * px;
    const dq = line.ux * qy - line.uy * qx;
    if (tp >= 0 && tp <= line.length) take(dp);
    for (const end of [0, line.length]) {
      if ((tp - end) * (tq - end) < 0) take(dp + ((dq - dp) * (end - tp)) / (tq - tp));
    }
  }
}
