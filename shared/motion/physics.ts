import { centroid, equivalentRadius, roundness } from '../physics/geometry';
import type { Point, Scene, SceneObject } from '../scene/schema';
import { seeded } from '../util/random';
import { speedText } from './describe';
import { horizontalGap, horizontalHeading, targetObject } from './heading';
import type { Intent } from './intent';
import { distanceToEdge, type Support, supportUnder } from './support';

export interface InitialConditions {
  /** The scene with each subject's initial velocity set (px/s). */
  scene: Scene;
  /** Initial angular velocity per object id, rad/s, clockwise positive. */
  angularVelocity: Record<string, number>;
  /** Objects that slide flat, without turning: what is pushed or slides along its support. */
  noRotation: string[];
  /** Objects that roll on wheels or glide: only their own friction (rolling resistance, a glide) slows them. */
  coasting: string[];
  motion: string[];
}

/**
 * Velocity that carries a projectile from `from` to `to` in `t` seconds under gravity `g`
 * (all in pixels): the displacement minus the drop gravity adds, spread over the flight.
 */
export function ballisticVelocity(from: Point, to: Point, g: Point, t: number): Point {
  return { x: (to.x - from.x - 0.5 * g.x * t * t) / t, y: (to.y - from.y - 0.5 * g.y * t * t) / t };
}

/**
 * Turns the prompt's intent into initial conditions for the rollout. Drops start from rest;
 * throws aim at their target along a ballistic arc; pushes and slides head for their target (or
 * the way the prompt says) with just enough speed to get there against friction; rolls spin to
 * match their speed; a toppling stack starts turning about its base. An arrow the user drew
 * overrides all of this for its object.
 */
export function physicsConditions(scene: Scene, intent: Intent, options: { seconds: number; seed: number }): InitialConditions {
  const ppm = scene.scale.pixelsPerMetre;
  const g = { x: scene.gravity.x * ppm, y: scene.gravity.y * ppm };
  const gMag = Math.max(1e-6, Math.hypot(g.x, g.y));
  const rng = seeded(options.seed);
  const jitter = 0.95 + 0.1 * rng();
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  const velocity = new Map<string, Point>();
  const angularVelocity: Record<string, number> = {};
  const motion: string[] = [];
  const userSet = (o: SceneObject) => o.provenance.velocity === 'user';
  const subjects = intent.subjects.map((id) => byId.get(id)).filter((o): o is SceneObject => !!o && !userSet(o));

  const target = targetObject(scene, intent);
  const sideways = (o: SceneObject) => horizontalHeading(scene, intent, o);
  // Seen from above, gravity is not in the picture's plane: the table's friction acts as the
  // damping set below, which stops a slide started at v after v / damping pixels.
  const topDown = (scene as { view?: string }).view === 'top-down';
  const topDownDamping = (o: SceneObject) => Math.max(o.params.linearDamping, TOP_DOWN_DAMPING);
  // Enough speed to slide `distance` pixels against friction: v² = 2·μ·g·d (Rapier averages the two coefficients).
  const slideSpeed = (o: SceneObject, distance: number) => {
    if (topDown) return topDownDamping(o) * Math.max(1, distance);
    const support = supportUnder(scene, o);
    const mu = support ? (o.params.friction + support.surface.friction) / 2 : o.params.friction;
    return Math.sqrt(2 * Math.max(0.05, mu) * gMag * Math.max(1, distance));
  };
  const travel = (o: SceneObject, sign: number) => {
    // Towards a target: half as far again as its centre, so it arrives with speed left to hit it.
    if (target && target.id !== o.id) return horizontalGap(o, target) * 1.5;
    const support = supportUnder(scene, o);
    const edge = distanceToEdge(o, support, sign);
    // Off an edge: past it by the object's own width. An edge outside the picture (the floor's)
    // is not one to go off: a third of the picture, and no further than the room that side has.
    if (intent.offEdge && edge !== null && edgeInPicture(scene, support, sign)) return edge + o.bbox.w * 0.75;
    const c = centroid(o.polygon);
    const room = sign > 0 ? scene.image.width - c.x : c.x;
    return Math.max(o.bbox.w * 0.5, Math.min(scene.image.width / 3, room - o.bbox.w * 0.5));
  };

  // Real-world speeds (m/s) for motions the prompt names without a target: a brisk throw, a kick.
  const launchSpeed = (/\bkick/i.test(intent.verb ?? '') ? 6 : 4) * ppm;
  let gravity = scene.gravity;
  const coasting = new Set<string>();
  const tipping = new Set<string>();
  /** Sliders' own friction, which alone (not the average with the floor's) slows them. */
  const glide = new Map<string, number>();
  const noRotation: string[] = [];
  switch (intent.kind) {
    case 'throw':
    case 'collide':
      for (const o of subjects) {
        const c = centroid(o.polygon);
        const supported = supportUnder(scene, o);
        if (target) {
          const t = centroid(target.polygon);
          const distance = Math.hypot(t.x - c.x, t.y - c.y);
          // A brisk throw covers the picture's width in about a second.
          const flight = Math.min(0.45 * options.seconds, Math.max(0.35, (distance / scene.image.width) * 1.1)) / jitter;
          velocity.set(
            o.id,
            intent.kind === 'collide' && supported ? { x: sideways(o) * slideSpeed(o, distance * 1.5), y: 0 } : ballisticVelocity(c, t, g, flight),
          );
        } else {
          // Without a stated way, towards the side with more room, so it crosses the picture.
          const roomier = c.x < scene.image.width / 2 ? 1 : -1;
          const d = intent.direction ?? { x: roomier, y: 0 };
          // Thrown things leave the hand rising; a throw straight along the ground would just slide.
          const up = d.y === 0 ? -0.35 : 0;
          const n = Math.hypot(d.x, d.y + up) || 1;
          velocity.set(o.id, { x: (d.x / n) * launchSpeed * jitter, y: ((d.y + up) / n) * launchSpeed * jitter });
        }
      }
      break;
    case 'push':
    case 'slide':
      for (const o of subjects) {
        const sign = sideways(o);
        const distance = travel(o, sign);
        if (intent.kind === 'slide' && !topDown) {
          // Something that slides glides: on its belly, on a tray, on a polished floor. Its
          // friction is what carries it the distance in about 40% of the clip, no more than its own.
          const T = GLIDE_SHARE * options.seconds;
          const mu = Math.min(o.params.friction, Math.max(MIN_GLIDE_FRICTION, (2 * distance) / (gMag * T * T)));
          glide.set(o.id, mu);
          velocity.set(o.id, { x: sign * Math.sqrt(2 * mu * gMag * Math.max(1, distance)) * jitter, y: 0 });
        } else velocity.set(o.id, { x: sign * slideSpeed(o, distance) * jitter, y: 0 });
        // A push skids the object flat: an outline whose bottom is not quite level would
        // otherwise catch on the support and tumble it like a die.
        if (!(intent.offEdge && edgeInPicture(scene, supportUnder(scene, o), sign))) noRotation.push(o.id);
      }
      break;
    case 'roll':
      for (const o of subjects) {
        const sign = sideways(o);
        // A rolling ball barely slows; it should reach the edge in about a third of the clip, at
        // no more than a brisk 2 m/s.
        const round = roundness(o.polygon) > 0.9;
        // Anything else that rolls (a car, a cart) rolls on wheels: its body does not turn, and it
        // coasts against its rolling resistance just as far as it should go, then stops.
        const speed = round
          ? Math.min(2 * ppm, Math.max(0.25 * ppm, travel(o, sign) / (0.4 * options.seconds))) * jitter
          : Math.min(2 * ppm, Math.max(0.25 * ppm, Math.sqrt(2 * ROLLING_RESISTANCE * gMag * travel(o, sign)))) * jitter;
        velocity.set(o.id, { x: sign * speed, y: 0 });
        // A ball spins to match its speed.
        if (round) angularVelocity[o.id] = (sign * speed) / Math.max(1, equivalentRadius(o.polygon));
        else {
          coasting.add(o.id);
          noRotation.push(o.id);
        }
      }
      break;
    case 'topple':
      toppleAbout(subjects, sideways, gMag, jitter, velocity, angularVelocity);
      for (const o of subjects) tipping.add(o.id);
      break;
    case 'fall':
    case 'bounce':
      for (const o of subjects) {
        const sign = sideways(o);
        const support = supportUnder(scene, o);
        const rests = support !== null && support.y - (o.bbox.y + o.bbox.h) < Math.max(4, 0.08 * o.bbox.h);
        const edge = distanceToEdge(o, support, sign);
        // A drop is a release from rest. An object already standing on something cannot fall
        // from rest: "falls off" (or "falls" from a table whose end is in the picture) first
        // slides it past the edge; "bounces" throws it up so it can come down; "falls" with no
        // edge to go off tips it over.
        if (!rests) velocity.set(o.id, { x: 0, y: 0 });
        else if (intent.kind === 'bounce' && !intent.offEdge) {
          const apex = Math.min(Math.max(2 * o.bbox.h, 0.3 * ppm), 0.8 * o.bbox.y);
          velocity.set(o.id, { x: 0, y: -Math.sqrt(2 * gMag * Math.max(1, apex)) });
        } else if (intent.offEdge || (edge !== null && support?.surface.kind !== 'ground' && edge < scene.image.width)) {
          velocity.set(o.id, { x: sign * slideSpeed(o, travel(o, sign)), y: 0 });
          if (roundness(o.polygon) > 0.85) angularVelocity[o.id] = (sign * slideSpeed(o, travel(o, sign))) / Math.max(1, equivalentRadius(o.polygon));
        } else {
          toppleAbout([o], sideways, gMag, jitter, velocity, angularVelocity);
          tipping.add(o.id);
        }
      }
      break;
    case 'float':
    case 'rise':
      // Weightless (or buoyant): a slow drift the way the prompt says, upward by default, that
      // carries it a sixth of the picture's height over the clip, turning slowly.
      gravity = { x: 0, y: 0 };
      for (const o of subjects) {
        const d = intent.direction ?? { x: 0, y: -1 };
        const speed = ((intent.kind === 'rise' ? 0.3 : 0.16) * scene.image.height * jitter) / options.seconds;
        velocity.set(o.id, { x: d.x * speed, y: d.y * speed });
        angularVelocity[o.id] = 0.12 * (rng() < 0.5 ? -1 : 1);
      }
      break;
    case 'still':
    case 'none':
      break;
  }

  // What is pushed, slides or rolls moves along what it stands on. Where perception found no
  // support at its base (a floor line missed, a track the detector does not know), the picture
  // shows it resting there all the same: a support is assumed along its base, as wide as the
  // picture, or only as wide as the object itself when it is to go off an edge.
  const surfaces = [...scene.surfaces];
  if (!topDown && (intent.kind === 'push' || intent.kind === 'slide' || intent.kind === 'roll')) {
    for (const o of subjects) {
      const support = supportUnder(scene, o);
      const bottom = o.bbox.y + o.bbox.h;
      if (support && support.y - bottom <= Math.max(4, RESTING_GAP * o.bbox.h)) continue;
      const span = intent.offEdge ? { left: o.bbox.x, right: o.bbox.x + o.bbox.w } : { left: -scene.image.width, right: 2 * scene.image.width };
      surfaces.push({
        id: `base-${o.id}`,
        kind: 'ground',
        points: [
          { x: span.left, y: bottom },
          { x: span.right, y: bottom },
        ],
        friction: o.params.friction,
        restitution: 0.1,
        provenance: 'default',
      });
    }
  }
  const weightless = gravity !== scene.gravity;
  // Seen from above, friction with the table is not in the picture's plane: it acts as damping
  // that brings a slide or a roll to rest over a second or so.
  const objects = scene.objects.map((o) => {
    const v = velocity.get(o.id);
    const damping = weightless ? 0 : topDown ? topDownDamping(o) : null;
    const damped = damping !== null && o.dynamic ? { ...o, params: { ...o.params, linearDamping: damping, angularDamping: damping } } : o;
    // Rolling resistance of wheels, not the sliding friction of the body; a glider's own friction.
    const own = coasting.has(o.id) ? ROLLING_RESISTANCE : glide.get(o.id);
    const drifted = own !== undefined ? { ...damped, params: { ...damped.params, friction: Math.min(damped.params.friction, own) } } : damped;
    // Something tipped over pivots on its base corner without skidding, lands with a thud and
    // lies where it fell: it does not bounce or roll on across the picture.
    if (tipping.has(o.id)) {
      const p = drifted.params;
      return {
        ...drifted,
        params: { ...p, friction: Math.max(p.friction, TIP_FRICTION), restitution: 0, angularDamping: Math.max(p.angularDamping, TIP_ANGULAR_DAMPING) },
        ...(v ? { velocity: v } : {}),
      };
    }
    return v ? { ...drifted, velocity: v } : drifted;
  });
  for (const o of objects) {
    if (!o.dynamic) continue;
    const spin = angularVelocity[o.id];
    const moving = o.velocity.x !== 0 || o.velocity.y !== 0;
    if (userSet(o)) motion.push(`${o.label} (${o.id}): your arrow, ${speedText(o.velocity, ppm)}.`);
    else if (moving || spin)
      motion.push(
        `${o.label} (${o.id}): starts at ${speedText(o.velocity, ppm)}${spin ? `, turning at ${Math.abs(spin).toFixed(2)} rad/s` : ''}${intent.verb ? `, from “${intent.verb}”` : ''}.`,
      );
    else if (intent.subjects.includes(o.id)) motion.push(`${o.label} (${o.id}): released from rest${intent.verb ? `, from “${intent.verb}”` : ''}.`);
  }
  if (intent.kind === 'still' || intent.kind === 'none') motion.push('Nothing is set moving, so the picture stays still.');
  else
    motion.push(
      `Simulated with Rapier: gravity ${Math.hypot(gravity.x, gravity.y).toFixed(2)} m/s²${weightless ? ' (weightless drift)' : ''}, collisions, friction and support.`,
    );
  return { scene: { ...scene, gravity, objects, surfaces }, angularVelocity, noRotation, coasting: [...coasting, ...glide.keys()], motion };
}

const TIP_FRICTION = 1.2;
/** Seen from above, friction with the table as damping (1/s): a slide or a roll comes to rest over a second or so. */
const TOP_DOWN_DAMPING = 1.5;
/** A slide lasts about this share of the clip. */
const GLIDE_SHARE = 0.4;
/** No glide is slicker than wet ice. */
const MIN_GLIDE_FRICTION = 0.03;
/** An object whose base is within this share of its height of a support line rests on it. */
const RESTING_GAP = 0.08;
/** Rolling resistance of wheels on a road or a track (a friction coefficient). */
const ROLLING_RESISTANCE = 0.03;
const TIP_ANGULAR_DAMPING = 1.5;

/** Whether the end of the support that way lies inside the picture, so going off it can be seen. */
function edgeInPicture(scene: Scene, support: Support | null, sign: number): boolean {
  if (!support) return false;
  const end = sign > 0 ? support.right : support.left;
  return end > 0 && end < scene.image.width;
}

/**
 * Tips objects over as one about the far bottom corner of the lowest: every point starts with
 * the velocity of a rotation about that corner. Just enough spin to lift the centre of mass over
 * the corner, a third more for what the contact loses: for a block of height h and base b the lift
 * is (√(h²+b²) − h)/2 and the moment of inertia about the corner m(h²+b²)/3, so
 * ω² = 3g(√(h²+b²) − h)/(h²+b²).
 */
function toppleAbout(
  subjects: SceneObject[],
  sideways: (o: SceneObject) => number,
  gMag: number,
  jitter: number,
  velocity: Map<string, Point>,
  angularVelocity: Record<string, number>,
): void {
  if (subjects.length === 0) return;
  const base = Math.max(...subjects.map((o) => o.bbox.y + o.bbox.h));
  const top = Math.min(...subjects.map((o) => o.bbox.y));
  const h = Math.max(1, base - top);
  const sign = subjects[0] ? sideways(subjects[0]) : 1;
  const footing = [...subjects].sort((a, b) => b.bbox.y + b.bbox.h - (a.bbox.y + a.bbox.h))[0] as SceneObject;
  const b = Math.max(1, footing.bbox.w);
  const pivot = { x: sign > 0 ? footing.bbox.x + footing.bbox.w : footing.bbox.x, y: base };
  const diagonal = Math.hypot(h, b);
  const omega = sign * 1.3 * Math.sqrt((3 * gMag * (diagonal - h)) / (diagonal * diagonal)) * jitter;
  for (const o of subjects) {
    const c = centroid(o.polygon);
    velocity.set(o.id, { x: omega * (pivot.y - c.y), y: omega * (c.x - pivot.x) });
    angularVelocity[o.id] = omega;
  }
}
