import { area, centroid } from '../physics/geometry';
import type { BBox, Point, Scene, SceneObject } from '../scene/schema';
import type { Intent } from './intent';

/**
 * Which objects move. The prompt's subject does; an object the user marked dynamic does;
 * everything else in the picture stays where it is, as it does in the photo, its target included
 * until it is hit (a cushion the ball rolls toward does not topple on its own). Objects the
 * subject strikes are added by the planner after a first rollout.
 */
export function moverIds(scene: Scene, intent: Intent): Set<string> {
  const ids = new Set<string>();
  const moves = intent.kind !== 'still' && intent.kind !== 'none';
  if (moves) for (const id of intent.subjects) ids.add(id);
  for (const o of scene.objects) {
    if (o.dynamic && (o.provenance.dynamic === 'user' || o.provenance.velocity === 'user')) ids.add(o.id);
  }
  return ids;
}

function overlap(a: BBox, b: BBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function inside(p: Point, polygon: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as Point;
    const b = polygon[j] as Point;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) hit = !hit;
  }
  return hit;
}

/** Share of a region's outline points (and its centre) that lie within another's outline. */
function within(o: SceneObject, m: SceneObject): number {
  const points = [...o.polygon, centroid(o.polygon)];
  return points.filter((p) => inside(p, m.polygon)).length / Math.max(1, points.length);
}

/** Gap between two boxes (0 when they touch or overlap). */
function gap(a: BBox, b: BBox): number {
  const gx = Math.max(a.x - (b.x + b.w), b.x - (a.x + a.w), 0);
  const gy = Math.max(a.y - (b.y + b.h), b.y - (a.y + a.h), 0);
  return Math.hypot(gx, gy);
}

function sameThing(a: SceneObject, b: SceneObject): boolean {
  const head = (label: string) => label.toLowerCase().trim().split(/\s+/).at(-1)?.replace(/s$/, '') ?? '';
  return !a.label.startsWith('object ') && head(a.label) === head(b.label);
}

/**
 * Regions that are parts of a moving object, which move with it as one body: a smaller region
 * lying mostly inside a mover's box (a cup's rim found apart from its body, a label on a bottle,
 * a bucket's lower half), or one that perception named as the same thing right beside it (a
 * wrench's head and handle found as two regions). Perception may have called such a region static
 * (it could not tell it belongs to the mover); only the user's "static" keeps one in place.
 */
export function piecesOf(scene: Scene, movers: Set<string>): Record<string, string> {
  const pieces: Record<string, string> = {};
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  for (const o of scene.objects) {
    if (movers.has(o.id) || (!o.dynamic && o.provenance.dynamic === 'user')) continue;
    // A region the prompt (or the user) names as something else (the step a hammer lies on, the
    // box under a kitten) is that thing, however much of it the mover's box covers.
    const named = o.provenance.label === 'prompt' || o.provenance.label === 'user';
    const own = Math.max(1, o.bbox.w * o.bbox.h);
    let best: SceneObject | undefined;
    for (const id of movers) {
      const m = byId.get(id);
      if (!m || area(m.polygon) <= area(o.polygon)) continue;
      if (named && !sameThing(o, m)) continue;
      // Inside its box and mostly within its outline: a part of it, not something seen past it
      // (the people far behind a man with his arms spread are inside his box, not his outline).
      const part = overlap(o.bbox, m.bbox) / own >= 0.6 && within(o, m) >= 0.5;
      const beside = sameThing(o, m) && gap(o.bbox, m.bbox) <= 0.1 * Math.max(m.bbox.w, m.bbox.h);
      if ((part || beside) && (!best || area(m.polygon) > area(best.polygon))) best = m;
    }
    if (best) pieces[o.id] = best.id;
  }
  return pieces;
}

/**
 * Regions the movers start overlapping deeply, that are not parts of them: a picture is flat, so
 * a thing drawn over another lies in front of or behind it, not in its way. The simulation leaves
 * them out; a support a mover stands on overlaps it only at its edge and stays.
 */
export function outOfPlane(scene: Scene): Set<string> {
  const movers = scene.objects.filter((o) => o.dynamic);
  const out = new Set<string>();
  for (const o of scene.objects) {
    if (o.dynamic) continue;
    for (const m of movers) {
      const smaller = Math.max(1, Math.min(o.bbox.w * o.bbox.h, m.bbox.w * m.bbox.h));
      if (overlap(o.bbox, m.bbox) / smaller >= 0.25) out.add(o.id);
    }
  }
  return out;
}

/** The scene with only `ids` (and the pieces joined to them) dynamic. */
export function withMovers(scene: Scene, ids: Set<string>, pieces: Record<string, string>): Scene {
  return {
    ...scene,
    objects: scene.objects.map((o) => {
      const movable = o.dynamic || o.provenance.dynamic !== 'user';
      const dynamic = movable && (ids.has(o.id) || pieces[o.id] !== undefined);
      return dynamic === o.dynamic ? o : { ...o, dynamic };
    }),
  };
}
