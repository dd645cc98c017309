import { centroid, equivalentRadius } from '../physics/geometry';
import type { ClipTrack } from '../run/schema';
import type { Point, Scene } from '../scene/schema';
import { seeded } from '../util/random';
import { speedText } from './describe';
import { horizontalGap, horizontalHeading, targetObject } from './heading';
import type { Intent } from './intent';

export interface PlannedMotion {
  tracks: ClipTrack[];
  /** How the motion was made, in plain words. */
  motion: string[];
}

/**
 * The motion a physics-unaware generator tends to produce from the prompt alone: the subject
 * moves at constant velocity (and spins at a constant rate) in the direction the words suggest.
 * Nothing accelerates, nothing collides, nothing holds anything up: objects pass through each
 * other and through the floor. Everything else stays where it is.
 */
export function baselineMotion(
  scene: Scene,
  intent: Intent,
  options: { seconds: number; fps: number; seed: number; scale: number; pieces?: Record<string, string> },
): PlannedMotion {
  const { seconds, fps, scale } = options;
  const frames = Math.round(seconds * fps) + 1;
  const rng = seeded(options.seed);
  // A generator samples how fast things go; the seed fixes the sample.
  const pace = (0.9 + 0.2 * rng()) / seconds;
  const { width: W, height: H } = scene.image;
  const ppm = scene.scale.pixelsPerMetre;
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  const velocity = new Map<string, Point>();
  const spin = new Map<string, number>();
  const motion: string[] = [];
  const target = targetObject(scene, intent);

  const moves = intent.kind !== 'still' && intent.kind !== 'none';
  for (const id of moves ? intent.subjects : []) {
    const object = byId.get(id);
    if (!object) continue;
    const c = centroid(object.polygon);
    const sideways = horizontalHeading(scene, intent, object);
    let v: Point = { x: 0, y: 0 };
    let w = 0;
    switch (intent.kind) {
      case 'fall':
      case 'bounce':
        v = { x: 0, y: 0.5 * H * pace };
        break;
      case 'throw':
      case 'collide': {
        if (target) {
          // Straight at the target, arriving half-way through the clip, then on through it.
          const t = centroid(target.polygon);
          v = { x: (t.x - c.x) * 2 * pace, y: (t.y - c.y) * 2 * pace };
        } else {
          const d = intent.direction ?? { x: sideways, y: 0 };
          v = { x: d.x * 0.6 * W * pace, y: d.y * 0.6 * W * pace };
        }
        break;
      }
      case 'push':
      case 'slide':
      case 'roll': {
        // Along the ground towards the target, reaching it by half-way through the clip, and on through it.
        const reach = target ? 2 * horizontalGap(object, target) : 0;
        v = { x: sideways * Math.max(0.5 * W, reach) * pace, y: 0 };
        // Generators spin what "rolls" whatever its shape; a ball's spin matches its speed.
        if (intent.kind === 'roll') w = v.x / Math.max(1, equivalentRadius(object.polygon));
        break;
      }
      case 'topple':
        w = sideways * (Math.PI / 2) * pace * 1.5;
        break;
      case 'rise':
        v = { x: 0, y: -0.4 * H * pace };
        break;
      case 'float': {
        const d = intent.direction ?? { x: 0, y: -1 };
        v = { x: d.x * 0.16 * H * pace, y: d.y * 0.16 * H * pace };
        break;
      }
      case 'still':
      case 'none':
        break;
    }
    velocity.set(id, v);
    spin.set(id, w);
    const parts = [`${object.label} (${id}): constant ${speedText(v, ppm)}`];
    if (w !== 0) parts.push(`spinning at a constant ${Math.abs(w).toFixed(2)} rad/s`);
    motion.push(`${parts.join(', ')}${intent.verb ? `, from “${intent.verb}”` : ''}.`);
  }
  if (intent.kind === 'none') motion.push('The prompt names no motion, so nothing moves.');
  if (intent.kind === 'still') motion.push('The prompt says it stays put, so nothing moves.');
  motion.push('No gravity build-up, no collisions, no support: objects may pass through each other.');

  const tracks: ClipTrack[] = scene.objects
    .filter((o) => o.dynamic)
    .map((o) => {
      // A piece of a moving object (pieces[id] = its owner) moves rigidly with its owner.
      const owner = byId.get(options.pieces?.[o.id] ?? o.id) ?? o;
      const oc = centroid(owner.polygon);
      const c = centroid(o.polygon);
      const off = { x: c.x - oc.x, y: c.y - oc.y };
      const v = velocity.get(owner.id) ?? { x: 0, y: 0 };
      const w = spin.get(owner.id) ?? 0;
      const x: number[] = [];
      const y: number[] = [];
      const angle: number[] = [];
      for (let f = 0; f < frames; f++) {
        const t = f / fps;
        const a = w * t;
        x.push((oc.x + v.x * t + Math.cos(a) * off.x - Math.sin(a) * off.y) * scale);
        y.push((oc.y + v.y * t + Math.sin(a) * off.x + Math.cos(a) * off.y) * scale);
        angle.push(a);
      }
      return { id: o.id, x, y, angle };
    });
  return { tracks, motion };
}
