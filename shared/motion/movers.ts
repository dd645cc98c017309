import { area } from '../physics/geometry';
import type { BBox, Scene, SceneObject } from '../scene/schema';
import type { Intent } from './intent';

/**
 * Which objects move. The prompt's subject does (and its target, which it is aimed at); an object
 * the user marked dynamic does; everything else in the picture stays where it is, as it does in
 * the photo. Objects the subject then strikes are added by the planner after a first rollout.
 */
export function moverIds(scene: Scene, intent: Intent): Set<string> {
  const ids = new Set<string>();
  const moves = intent.kind !== 'still' && intent.kind !== 'none';
  if (moves) for (const id of intent.subjects) ids.add(id);
  if (moves && intent.target) ids.add(intent.target);
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

/**
 * Regions that are parts of a moving object: a smaller region lying mostly inside a mover's box
 * (a cup's rim found apart from its body, a label on a bottle). They move with it as one body.
 */
export function piecesOf(scene: Scene, movers: Set<string>): Record<string, string> {
  const pieces: Record<string, string> = {};
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  for (const o of scene.objects) {
    if (movers.has(o.id) || !o.dynamic || o.provenance.dynamic === 'user') continue;
    const own = Math.max(1, o.bbox.w * o.bbox.h);
    let best: SceneObject | undefined;
    for (const id of movers) {
      const m = byId.get(id);
      if (!m || area(m.polygon) <= area(o.polygon)) continue;
      if (overlap(o.bbox, m.bbox) / own >= 0.6 && (!best || area(m.polygon) > area(best.polygon))) best = m;
    }
    if (best) pieces[o.id] = best.id;
  }
  return pieces;
}

/** The scene with only `ids` (and the pieces joined to them) dynamic. */
export function withMovers(scene: Scene, ids: Set<string>, pieces: Record<string, string>): Scene {
  return {
    ...scene,
    objects: scene.objects.map((o) => {
      const movable = o.dynamic || o.provenance.dynamic !== 'user';
      const dynamic = movable && (ids.has(o.id) || (o.dynamic && pieces[o.id] !== undefined));
      return dynamic === o.dynamic ? o : { ...o, dynamic };
    }),
  };
}
