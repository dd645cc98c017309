import { CONTACT_TOLERANCE_PX, SUPPORT_MIN_UP, WEIGHTLESS_G } from './constants';
import type { Body, Poses, Segment } from './pose';
import { boxGap, type Separation, type Shape, separation, spanExtent } from './proximity';

/** Per moving body and frame: what it touches or could have touched since the neighbouring frames. */
export interface BodyContacts {
  body: Body;
  /** 1 when nothing is within reach (tolerance plus sweep): no contact can have happened either side of this frame. */
  clear: Uint8Array;
  /** 1 when something within tolerance touches it from below (the contact normal points against gravity). */
  supported: Uint8Array;
  /** The nearest fixed body (surface or static object) within reach: its gap in px and the unit normal from it to this body. */
  fixedGap: Float64Array;
  fixedNx: Float64Array;
  fixedNy: Float64Array;
}

/** Overlap beyond what the scene itself started with, per frame, for one pair. */
export interface PairDepth {
  a: Body;
  b: { id: string; label: string; surface: boolean };
  /** The smaller body's size: how deep is deep. */
  size: number;
  depth: Float64Array;
}

export interface ContactSheet {
  poses: Poses;
  bodies: BodyContacts[];
  pairs: PairDepth[];
}

function shapeAt(body: Body, f: number, out: Shape): Shape {
  out.outline = body.outlines[f] as Float64Array;
  out.x = body.x[f] as number;
  out.y = body.y[f] as number;
  out.r = body.circle;
  return out;
}

function contactsOf(body: Body, frames: number): BodyContacts {
  return {
    body,
    clear: new Uint8Array(frames).fill(1),
    supported: new Uint8Array(frames),
    fixedGap: new Float64Array(frames).fill(Infinity),
    fixedNx: new Float64Array(frames),
    fixedNy: new Float64Array(frames),
  };
}

class Recorder {
  private readonly upX: number;
  private readonly upY: number;
  private readonly weightless: boolean;
  constructor(poses: Poses) {
    this.upX = -poses.down.x;
    this.upY = -poses.down.y;
    this.weightless = poses.g < WEIGHTLESS_G;
  }

  /** One body's view of one neighbour at one frame; `nx, ny` point from the neighbour to the body. */
  note(c: BodyContacts, f: number, gap: number, nx: number, ny: number, reach: number, fixed: boolean): void {
    if (gap > reach) return;
    c.clear[f] = 0;
    if (!this.weightless && gap <= CONTACT_TOLERANCE_PX && nx * this.upX + ny * this.upY >= SUPPORT_MIN_UP) c.supported[f] = 1;
    if (fixed && gap < (c.fixedGap[f] as number)) {
      c.fixedGap[f] = gap;
      c.fixedNx[f] = nx;
      c.fixedNy[f] = ny;
    }
  }
}

/** Whether two bodies (or a body and a segment's box) come within tolerance at any frame of the clip. */
function everNear(a: Body, box: Float64Array): boolean {
  return boxGap(a.extent, 0, box, 0) <= CONTACT_TOLERANCE_PX;
}

function objectPair(poses: Poses, rec: Recorder, ca: BodyContacts, b: Body, cb: BodyContacts | undefined): PairDepth {
  const a = ca.body;
  const depth = new Float64Array(poses.frames);
  const pair = { a, b: { id: b.id, label: b.label, surface: false }, size: Math.min(a.size, b.size), depth };
  if (!everNear(a, b.extent)) return pair;
  const sep: Separation = { distance: 0, nx: 0, ny: -1 };
  const sa: Shape = { outline: new Float64Array(0), x: 0, y: 0, r: 0 };
  const sb: Shape = { outline: new Float64Array(0), x: 0, y: 0, r: 0 };
  let allowance = 0;
  for (let f = 0; f < poses.frames; f++) {
    const reach = CONTACT_TOLERANCE_PX + (a.sweep[f] as number) + (b.sweep[f] as number);
    if (boxGap(a.boxes, 4 * f, b.boxes, 4 * f) > reach) continue;
    separation(shapeAt(a, f, sa), shapeAt(b, f, sb), sep, reach);
    rec.note(ca, f, sep.distance, sep.nx, sep.ny, reach, !b.moving);
    if (cb) rec.note(cb, f, sep.distance, -sep.nx, -sep.ny, reach, false);
    const raw = Math.max(0, -sep.distance);
    // Outlines from segmentation often overlap a little in the input; only what the clip adds counts.
    if (f === 0) allowance = raw;
    depth[f] = Math.max(0, raw - allowance);
  }
  return pair;
}

/**
 * Penetration into one segment, with sidedness: while the body's centroid projects onto the
 * segment, it belongs to the side its centroid was on when it arrived, and anything of it across
 * the line (within the span) is inside the surface — so a body that passes right through a floor
 * keeps counting as deep in it. Off the span (a ball dropping past a table's end) only a true
 * overlap with the segment counts.
 */
function segmentDepth(poses: Poses, rec: Recorder, c: BodyContacts, seg: Segment, into: Float64Array): void {
  const a = c.body;
  // To cross a segment, a body's path must pass through the segment's box.
  if (!everNear(a, seg.box)) return;
  const sep: Separation = { distance: 0, nx: 0, ny: -1 };
  const extent = { min: 0, max: 0 };
  const shape: Shape = { outline: new Float64Array(0), x: 0, y: 0, r: 0 };
  const line: Shape = { outline: seg.flat, x: seg.ax, y: seg.ay, r: 0 };
  let side = 0;
  let allowance = 0;
  const upSide = Math.sign(-seg.uy * -poses.down.x + seg.ux * -poses.down.y) || 1;
  for (let f = 0; f < poses.frames; f++) {
    const cx = (a.x[f] as number) - seg.ax;
    const cy = (a.y[f] as number) - seg.ay;
    const t = cx * seg.ux + cy * seg.uy;
    const reach = CONTACT_TOLERANCE_PX + (a.sweep[f] as number);
    shapeAt(a, f, shape);
    let raw = 0;
    let nx = 0;
    let ny = 0;
    if (t >= 0 && t <= seg.length) {
      if (side === 0) {
        const d = seg.ux * cy - seg.uy * cx;
        side = Math.abs(d) > 1e-9 ? Math.sign(d) : upSide;
      }
      spanExtent(shape, seg, extent);
      if (extent.min <= extent.max) raw = Math.max(0, side > 0 ? -extent.min : extent.max);
      nx = side * -seg.uy;
      ny = side * seg.ux;
    } else {
      side = 0;
    }
    if (raw === 0 && boxGap(a.boxes, 4 * f, seg.box, 0) <= reach) {
      separation(shape, line, sep, reach);
      if (side === 0) raw = Math.max(0, -sep.distance);
      nx = sep.nx;
      ny = sep.ny;
      rec.note(c, f, raw > 0 ? -raw : Math.max(0, sep.distance), nx, ny, reach, true);
    } else if (raw > 0) {
      rec.note(c, f, -raw, nx, ny, reach, true);
    }
    if (f === 0) allowance = raw;
    into[f] = Math.max(into[f] as number, raw - allowance);
  }
}

/** One pass over every pair that involves a moving body; everything else is derived from it. */
export function contactSheet(poses: Poses): ContactSheet {
  const rec = new Recorder(poses);
  const { frames } = poses;
  const all = poses.bodies.map((b) => (b.moving ? contactsOf(b, frames) : undefined));
  const pairs: PairDepth[] = [];
  poses.bodies.forEach((a, i) => {
    const ca = all[i];
    if (!ca) return;
    poses.bodies.forEach((b, j) => {
      // Each moving pair once; static pairs never change, so they are not the clip's doing.
      if (j === i || (b.moving && j < i)) return;
      pairs.push(objectPair(poses, rec, ca, b, all[j]));
    });
    const bySurface = new Map<string, PairDepth>();
    for (const seg of poses.segments) {
      let pair = bySurface.get(seg.surface.id);
      if (!pair) {
        pair = { a, b: { id: seg.surface.id, label: `the ${seg.surface.kind}`, surface: true }, size: a.size, depth: new Float64Array(frames) };
        bySurface.set(seg.surface.id, pair);
        pairs.push(pair);
      }
      segmentDepth(poses, rec, ca, seg, pair.depth);
    }
  });
  return { poses, bodies: all.filter((c): c is BodyContacts => c !== undefined), pairs };
}
