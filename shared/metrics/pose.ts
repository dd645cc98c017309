import { area, centroid, convexHull, equivalentRadius, roundness, signedArea } from '../physics/geometry';
import type { ClipTrack } from '../run/schema';
import type { Point, Scene, Surface } from '../scene/schema';
import { WEIGHTLESS_G } from './constants';
import { boundingBox, type Flat, type Line } from './proximity';

export interface MeasureInput {
  scene: Scene;
  tracks: ClipTrack[];
  fps: number;
  /** Output px per scene px; tracks are in output px. */
  scale: number;
}

/** An object of the scene, posed at every frame of the clip, in output pixels. */
export interface Body {
  id: string;
  label: string;
  /** Has a track; bodies without one stay at their scene pose. */
  moving: boolean;
  /** Diameter of the circle with the hull's area: the yardstick for "deep" overlaps. */
  size: number;
  /**
   * Radius in px when the body is round, else 0. Round outlines are simulated as balls of the
   * same area (shared/physics/rollout.ts), so contact is measured against that ball too.
   */
  circle: number;
  /** Squared radius of gyration about the centroid, px²: rotational energy per unit mass is ½·k²·ω². */
  gyration2: number;
  /** Linear damping, 1/s: the simulation's air drag, which free flight must allow for. */
  damping: number;
  x: Float64Array;
  y: Float64Array;
  angle: Float64Array;
  /** World-space convex hull per frame (a static body shares one array; round bodies have none). */
  outlines: Flat[];
  /** [minX, minY, maxX, maxY] per frame. */
  boxes: Flat;
  /** The union of `boxes` over the clip, grown by the largest sweep: pairs apart by more than this never meet. */
  extent: Flat;
  /**
   * How far any point of the outline travels to the previous or next frame, whichever is more:
   * a contact can only have happened between frames if the gap was smaller than this.
   */
  sweep: Float64Array;
}

export interface Segment extends Line {
  surface: Surface;
  flat: Flat;
  box: Flat;
}

export interface Poses {
  frames: number;
  fps: number;
  /** Output pixels per metre. */
  pxPerMetre: number;
  /** Unit gravity direction in image axes (y down when weightless, so "vertical" still means something). */
  down: Point;
  /** |g| in m/s². */
  g: number;
  gravity: Point;
  bodies: Body[];
  segments: Segment[];
}

/** The rollout's threshold for simulating an outline as a ball. */
const ROUND = 0.9;
/** Round bodies are measured as circles and never read their outline. */
const NO_OUTLINE = new Float64Array(0);

/** Frames every track covers with finite values: a pose that blew up ends the measurable clip. */
function frameCount(tracks: ClipTrack[]): number {
  let frames = Infinity;
  for (const t of tracks) {
    const n = Math.min(t.x.length, t.y.length, t.angle.length);
    let f = 0;
    while (f < n && Number.isFinite(t.x[f]) && Number.isFinite(t.y[f]) && Number.isFinite(t.angle[f])) f++;
    frames = Math.min(frames, f);
  }
  return Number.isFinite(frames) ? frames : 0;
}

/** The renderer's convention: the outline relative to its centroid is the body at angle 0. */
function localHull(polygon: Point[], scale: number): { local: Flat; radius: number; size: number } {
  const c = centroid(polygon);
  const hull = convexHull(polygon.map((p) => ({ x: (p.x - c.x) * scale, y: (p.y - c.y) * scale })));
  // The narrow phase takes (ey, −ex) as each edge's outward normal, which needs positive area.
  if (signedArea(hull) < 0) hull.reverse();
  const local = Float64Array.from(hull.flatMap((p) => [p.x, p.y]));
  const radius = Math.max(0, ...hull.map((p) => Math.hypot(p.x, p.y)));
  return { local, radius, size: 2 * Math.sqrt(area(hull) / Math.PI) };
}

/** Polar second moment of area over area, about the centroid: k² of a uniform lamina. */
function gyration2(polygon: Point[], scale: number): number {
  const c = centroid(polygon);
  let j = 0;
  let a = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as Point;
    const q = polygon[(i + 1) % polygon.length] as Point;
    const px = (p.x - c.x) * scale;
    const py = (p.y - c.y) * scale;
    const qx = (q.x - c.x) * scale;
    const qy = (q.y - c.y) * scale;
    const cross = px * qy - qx * py;
    a += cross / 2;
    j += (cross * (px * px + px * qx + qx * qx + py * py + py * qy + qy * qy)) / 12;
  }
  return Math.abs(a) > 1e-9 ? j / a : 0;
}

/** Angle change between frames, wrapped to (−π, π]: engines report angles in that range, so a spin jumps by 2π there. */
export function turn(from: number, to: number): number {
  const d = to - from;
  return Math.atan2(Math.sin(d), Math.cos(d));
}

function place(local: Flat, x: number, y: number, a: number): Flat {
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const out = new Float64Array(local.length);
  for (let i = 0; i < local.length; i += 2) {
    const px = local[i] as number;
    const py = local[i + 1] as number;
    out[i] = cos * px - sin * py + x;
    out[i + 1] = sin * px + cos * py + y;
  }
  return out;
}

function sweepOf(x: Float64Array, y: Float64Array, angle: Float64Array, radius: number, frames: number): Float64Array {
  const sweep = new Float64Array(frames);
  const step = (f: number) =>
    Math.hypot((x[f + 1] as number) - (x[f] as number), (y[f + 1] as number) - (y[f] as number)) +
    radius * Math.abs(turn(angle[f] as number, angle[f + 1] as number));
  for (let f = 0; f + 1 < frames; f++) {
    const s = step(f);
    sweep[f] = Math.max(sweep[f] as number, s);
    sweep[f + 1] = s;
  }
  return sweep;
}

function segments(surfaces: Surface[], scale: number): Segment[] {
  const out: Segment[] = [];
  for (const surface of surfaces) {
    for (let i = 0; i + 1 < surface.points.length; i++) {
      const p = surface.points[i] as Point;
      const q = surface.points[i + 1] as Point;
      const ax = p.x * scale;
      const ay = p.y * scale;
      const length = Math.hypot(q.x - p.x, q.y - p.y) * scale;
      if (length < 1e-9) continue;
      const flat = Float64Array.of(ax, ay, q.x * scale, q.y * scale);
      const box = new Float64Array(4);
      boundingBox(flat, box, 0);
      out.push({ surface, ax, ay, ux: ((q.x - p.x) * scale) / length, uy: ((q.y - p.y) * scale) / length, length, flat, box });
    }
  }
  return out;
}

/** Everything in output pixels, every body at every frame. */
export function pose(input: MeasureInput): Poses {
  const { scene, tracks, scale } = input;
  if (!(input.fps > 0 && Number.isFinite(input.fps))) throw new RangeError(`fps must be a positive number, not ${input.fps}`);
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`scale must be a positive number, not ${scale}`);
  // Tracks of ids the scene does not have cannot be drawn or measured, so they do not limit the clip.
  const ids = new Set(scene.objects.map((o) => o.id));
  const known = tracks.filter((t) => ids.has(t.id));
  const frames = frameCount(known);
  const byId = new Map(known.map((t) => [t.id, t]));
  const bodies: Body[] = scene.objects.map((object) => {
    const { local, radius, size } = localHull(object.polygon, scale);
    const track = byId.get(object.id);
    const c = centroid(object.polygon);
    const x = track ? Float64Array.from(track.x.slice(0, frames)) : new Float64Array(frames).fill(c.x * scale);
    const y = track ? Float64Array.from(track.y.slice(0, frames)) : new Float64Array(frames).fill(c.y * scale);
    const angle = track ? Float64Array.from(track.angle.slice(0, frames)) : new Float64Array(frames);
    // A degenerate outline (all points in one place) has no edges to collide with: a dot.
    const circle = local.length < 4 ? Math.max(radius, 0.5) : roundness(object.polygon) > ROUND ? equivalentRadius(object.polygon) * scale : 0;
    const fixed = circle > 0 ? NO_OUTLINE : track ? null : place(local, c.x * scale, c.y * scale, 0);
    const outlines: Flat[] = [];
    const boxes = new Float64Array(4 * frames);
    for (let f = 0; f < frames; f++) {
      const outline = fixed ?? place(local, x[f] as number, y[f] as number, angle[f] as number);
      outlines.push(outline);
      if (circle === 0) boundingBox(outline, boxes, 4 * f);
      else {
        boxes[4 * f] = (x[f] as number) - circle;
        boxes[4 * f + 1] = (y[f] as number) - circle;
        boxes[4 * f + 2] = (x[f] as number) + circle;
        boxes[4 * f + 3] = (y[f] as number) + circle;
      }
    }
    const sweep = track ? sweepOf(x, y, angle, circle > 0 ? 0 : radius, frames) : new Float64Array(frames);
    const extent = Float64Array.of(Infinity, Infinity, -Infinity, -Infinity);
    const grow = Math.max(0, ...sweep);
    for (let f = 0; f < frames; f++) {
      extent[0] = Math.min(extent[0] as number, (boxes[4 * f] as number) - grow);
      extent[1] = Math.min(extent[1] as number, (boxes[4 * f + 1] as number) - grow);
      extent[2] = Math.max(extent[2] as number, (boxes[4 * f + 2] as number) + grow);
      extent[3] = Math.max(extent[3] as number, (boxes[4 * f + 3] as number) + grow);
    }
    return {
      id: object.id,
      label: object.label || object.id,
      moving: Boolean(track),
      size,
      circle,
      gyration2: circle > 0 ? (circle * circle) / 2 : gyration2(object.polygon, scale),
      damping: object.params.linearDamping,
      x,
      y,
      angle,
      outlines,
      boxes,
      extent,
      sweep,
    };
  });
  const g = Math.hypot(scene.gravity.x, scene.gravity.y);
  const down = g >= WEIGHTLESS_G ? { x: scene.gravity.x / g, y: scene.gravity.y / g } : { x: 0, y: 1 };
  return {
    frames,
    fps: input.fps,
    pxPerMetre: scene.scale.pixelsPerMetre * scale,
    down,
    g,
    gravity: scene.gravity,
    bodies,
    segments: segments(scene.surfaces, scale),
  };
}
