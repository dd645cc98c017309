import type { Point, Scene, SceneObject } from '../scene/schema';
import { centroid, convexHull, equivalentRadius, isNearlyConvex, roundness } from './geometry';
import { loadRapier, type Rapier } from './rapier';

/** Per-object pose at each frame: x, y in image pixels, angle in radians (y down, clockwise). */
export interface Track {
  id: string;
  x: Float64Array;
  y: Float64Array;
  angle: Float64Array;
}

/** One continuous contact between two colliders. */
export interface ContactSpan {
  a: string;
  b: string;
  /** Seconds. */
  start: number;
  /** Seconds; `null` when still in contact at the end. */
  end: number | null;
  /** A's velocity relative to B just before contact, m/s in image axes. */
  approach: Point;
  /** Contact normal at the start, pointing from A to B. */
  normal: Point;
  /** N·s: A's momentum change in the step the contact began. */
  maxImpulse: number;
}

export interface Rollout {
  fps: number;
  frames: number;
  tracks: Track[];
  contacts: ContactSpan[];
  /** Per dynamic object and frame: speed in m/s and angular speed in rad/s. */
  speed: Map<string, Float64Array>;
  spin: Map<string, Float64Array>;
}

export interface RolloutOptions {
  seconds: number;
  fps: number;
  /** Physics steps per second: 60, Rapier's default; continuous collision detection stops fast objects tunnelling. */
  stepRate?: number;
  /** Multiplicative changes to physical parameters per object, for ensembles. */
  perturb?: (object: SceneObject) => Partial<SceneObject['params']> & { velocityScale?: number };
  /** Initial angular velocity per object id, rad/s, clockwise positive (a ball set rolling, a stack set tipping). */
  angularVelocity?: Record<string, number>;
  /** Objects that slide without turning (a pushed box skids flat; it does not tumble over its own edge). */
  noRotation?: string[];
  /**
   * Pieces of one object (a cup's rim found apart from its body): piece id → the id of the object
   * it belongs to. A piece gets no body of its own; its outline is added to its owner's, so the
   * pieces move as one and cannot push each other apart.
   */
  pieces?: Record<string, string>;
  /**
   * Objects that roll on wheels (a car, a cart): their friction with what they touch is their own
   * small rolling resistance, not the average with the road's sliding friction.
   */
  coasting?: string[];
}

/** Penetration (m) below which a frame-0 overlap is left to the solver's contact skin. */
const OVERLAP_SLOP = 1e-3;
/** Collision-group bit of fixed colliders that some body starts deep inside. */
const DEEP_BIT = 0x8000;

/**
 * Frame-0 overlaps (an outline reaching a little into the table under it, two touching outlines
 * that cross) would be pushed apart by the solver in the first steps, with the speed of an
 * explosion. A shallow one is resolved before the rollout: the body is moved out along the
 * contact normal, a position change with no velocity, a few passes so chains settle. A deep one
 * is no contact to resolve, and moving the body out would make it jump at frame 0: another region
 * reaching more than a tenth of the body's size into it (the same thing found twice), or a surface
 * line running through its middle, is set not to collide with it instead.
 */
function separateOverlaps(
  R: Rapier,
  world: World,
  bodies: Array<ReturnType<World['createRigidBody']>>,
  sizeOf: (body: ReturnType<World['createRigidBody']>) => number,
): void {
  for (let pass = 0; pass < 6; pass++) {
    let moved = false;
    for (const body of bodies) {
      if (!body.isDynamic()) continue;
      const deepLimit = 0.1 * sizeOf(body);
      for (let i = 0; i < body.numColliders(); i++) {
        const collider = body.collider(i);
        world.forEachCollider((other) => {
          const parent = other.parent();
          if (parent && parent.handle === body.handle) return;
          let contact: ReturnType<typeof collider.contactCollider> = null;
          try {
            contact = collider.contactCollider(other, 0);
          } catch {
            return; // a shape pair the query does not support (compound against compound): left to the solver
          }
          if (!contact || contact.distance >= -OVERLAP_SLOP) return;
          // A surface line is a support the body should stand on unless it runs through its middle;
          // another region overlapping deeply is the same thing found twice, or a bad mask.
          const deep = other.shape.type === R.ShapeType.Segment ? 3.5 * deepLimit : deepLimit;
          if (-contact.distance > deep && !parent?.isDynamic()) {
            other.setCollisionGroups((DEEP_BIT << 16) | 0xffff);
            for (let k = 0; k < body.numColliders(); k++) body.collider(k).setCollisionGroups((0xffff << 16) | (0xffff & ~DEEP_BIT));
            return;
          }
          const share = parent?.isDynamic() ? 0.5 : 1;
          const t = body.translation();
          body.setTranslation({ x: t.x + contact.normal1.x * contact.distance * share, y: t.y + contact.normal1.y * contact.distance * share }, true);
          if (parent?.isDynamic()) {
            const u = parent.translation();
            parent.setTranslation({ x: u.x - contact.normal1.x * contact.distance * share, y: u.y - contact.normal1.y * contact.distance * share }, true);
          }
          moved = true;
          // Later queries in this pass must see the collider where its body now is.
          world.propagateModifiedBodyPositionsToColliders();
        });
      }
    }
    if (!moved) return;
  }
}

type World = InstanceType<Rapier['World']>;

function addObject(
  R: Rapier,
  world: World,
  object: SceneObject,
  ppm: number,
  perturb: RolloutOptions['perturb'],
  spin = 0,
  pieces: SceneObject[] = [],
  flat = false,
  coasting = false,
) {
  const c = centroid(object.polygon);
  const changes = perturb?.(object) ?? {};
  const params = { ...object.params, ...changes };
  const desc = object.dynamic ? R.RigidBodyDesc.dynamic() : R.RigidBodyDesc.fixed();
  const scale = changes.velocityScale ?? 1;
  desc
    .setTranslation(c.x / ppm, c.y / ppm)
    .setLinvel((object.velocity.x / ppm) * scale, (object.velocity.y / ppm) * scale)
    .setAngvel(spin * scale)
    .setLinearDamping(params.linearDamping)
    .setAngularDamping(params.angularDamping)
    .setCcdEnabled(true)
    // A slow drift (a weightless float) is below Rapier's sleep threshold and would stop dead.
    .setCanSleep(false);
  if (flat) desc.lockRotations();
  const body = world.createRigidBody(desc);
  const handles: number[] = [];
  for (const part of [object, ...pieces]) {
    const local = part.polygon.map((p) => ({ x: (p.x - c.x) / ppm, y: (p.y - c.y) / ppm }));
    for (const shape of shapesOf(R, local, part === object)) {
      // Density in kg/m² over the shape's area gives the object's mass in the 2-D world.
      shape.setDensity(params.density).setFriction(params.friction).setRestitution(params.restitution).setActiveEvents(R.ActiveEvents.COLLISION_EVENTS);
      if (coasting) shape.setFrictionCombineRule(R.CoefficientCombineRule.Min);
      handles.push(world.createCollider(shape, body).handle);
    }
  }
  return { body, handles };
}

function shapesOf(R: Rapier, local: Point[], centred: boolean) {
  const shapes: Array<ReturnType<Rapier['ColliderDesc']['ball']>> = [];
  const flat = (pts: Point[]) => Float32Array.from(pts.flatMap((p) => [p.x, p.y]));
  if (roundness(local) > 0.9) {
    // A round outline is a ball: as a polygon it would lose energy at every vertex it rolls over.
    const ball = R.ColliderDesc.ball(equivalentRadius(local));
    // A piece's ball sits at its own centre, not its owner's.
    if (!centred) {
      const m = centroid(local);
      ball.setTranslation(m.x, m.y);
    }
    shapes.push(ball);
  } else if (isNearlyConvex(local)) {
    const hull = R.ColliderDesc.convexHull(flat(convexHull(local)));
    if (hull) shapes.push(hull);
  } else {
    // Concave outlines (a mug, an L-shaped bracket) are split into convex parts.
    const indices = Uint32Array.from(local.flatMap((_, i) => [i, (i + 1) % local.length]));
    const parts = R.ColliderDesc.convexDecomposition(flat(local), indices);
    const hull = parts ?? R.ColliderDesc.convexHull(flat(convexHull(local)));
    if (hull) shapes.push(hull);
  }
  return shapes;
}

/**
 * Rolls the scene forward with Rapier and records poses per frame and every contact span.
 * Deterministic: the same scene and options give identical output.
 */
export async function rollout(scene: Scene, options: RolloutOptions): Promise<Rollout> {
  const R = await loadRapier();
  const ppm = scene.scale.pixelsPerMetre;
  const world = new R.World({ x: scene.gravity.x, y: scene.gravity.y });
  const stepRate = options.stepRate ?? 60;
  const substeps = Math.max(1, Math.round(stepRate / options.fps));
  world.timestep = 1 / (options.fps * substeps);
  const frames = Math.round(options.seconds * options.fps) + 1;
  try {
    const owner = new Map<number, string>();
    const bodyId = new Map<number, string>();
    const bodies = new Map<string, ReturnType<World['createRigidBody']>>();
    for (const surface of scene.surfaces) {
      const body = world.createRigidBody(R.RigidBodyDesc.fixed());
      for (let i = 0; i + 1 < surface.points.length; i++) {
        const p = surface.points[i] as Point;
        const q = surface.points[i + 1] as Point;
        const segment = R.ColliderDesc.segment({ x: p.x / ppm, y: p.y / ppm }, { x: q.x / ppm, y: q.y / ppm })
          .setFriction(surface.friction)
          .setRestitution(surface.restitution)
          .setActiveEvents(R.ActiveEvents.COLLISION_EVENTS);
        owner.set(world.createCollider(segment, body).handle, surface.id);
      }
    }
    const pieceOf = options.pieces ?? {};
    const byId = new Map(scene.objects.map((o) => [o.id, o]));
    const isPiece = (o: SceneObject) => {
      const whole = pieceOf[o.id];
      return whole !== undefined && whole !== o.id && byId.get(whole)?.dynamic === true && o.dynamic;
    };
    for (const object of scene.objects) {
      if (isPiece(object)) continue;
      const pieces = scene.objects.filter((o) => isPiece(o) && pieceOf[o.id] === object.id);
      const flat = options.noRotation?.includes(object.id) ?? false;
      const coast = options.coasting?.includes(object.id) ?? false;
      const { body, handles } = addObject(R, world, object, ppm, options.perturb, options.angularVelocity?.[object.id], pieces, flat, coast);
      bodies.set(object.id, body);
      bodyId.set(body.handle, object.id);
      for (const h of handles) owner.set(h, object.id);
    }
    const sizes = new Map([...bodies.entries()].map(([id, b]) => [b.handle, Math.min(byId.get(id)?.bbox.w ?? 0, byId.get(id)?.bbox.h ?? 0) / ppm]));
    separateOverlaps(R, world, [...bodies.values()], (b) => sizes.get(b.handle) ?? 0);

    const dynamic = scene.objects.filter((o) => o.dynamic && !isPiece(o));
    // A piece's pose is its owner's body pose applied to the piece's offset from the owner's centre.
    const pieceTracks = scene.objects.filter(isPiece).map((o) => {
      const whole = byId.get(pieceOf[o.id] as string) as SceneObject;
      const oc = centroid(o.polygon);
      const wc = centroid(whole.polygon);
      return { id: o.id, owner: whole.id, offset: { x: oc.x - wc.x, y: oc.y - wc.y } };
    });
    const tracks: Track[] = dynamic.map((o) => ({ id: o.id, x: new Float64Array(frames), y: new Float64Array(frames), angle: new Float64Array(frames) }));
    const speed = new Map(dynamic.map((o) => [o.id, new Float64Array(frames)]));
    const spin = new Map(dynamic.map((o) => [o.id, new Float64Array(frames)]));
    const open = new Map<string, ContactSpan>();
    const contacts: ContactSpan[] = [];
    // Velocities after the previous step, to know how fast a pair approached before it touched.
    const ids = [...bodies.keys()];
    const index = new Map(ids.map((id, i) => [id, i]));
    const dynamicBodies = ids.map((id) => bodies.get(id)).filter((b) => b?.isDynamic());
    const previous = new Float64Array(ids.length * 2);
    scene.objects.forEach((o) => {
      const i = index.get(o.id) ?? 0;
      previous[2 * i] = o.velocity.x / ppm;
      previous[2 * i + 1] = o.velocity.y / ppm;
    });
    const velocityBefore = (id: string): Point => {
      const i = index.get(id);
      return i === undefined ? { x: 0, y: 0 } : { x: previous[2 * i] ?? 0, y: previous[2 * i + 1] ?? 0 };
    };
    const queue = new R.EventQueue(true);
    const piecesOut: Track[] = pieceTracks.map((p) => ({
      id: p.id,
      x: new Float64Array(frames),
      y: new Float64Array(frames),
      angle: new Float64Array(frames),
    }));
    const recordPieces = (frame: number) => {
      pieceTracks.forEach((p, i) => {
        const body = bodies.get(p.owner);
        const track = piecesOut[i];
        if (!body || !track) return;
        const t = body.translation();
        const a = body.rotation();
        const cos = Math.cos(a);
        const sin = Math.sin(a);
        track.x[frame] = t.x * ppm + cos * p.offset.x - sin * p.offset.y;
        track.y[frame] = t.y * ppm + sin * p.offset.x + cos * p.offset.y;
        track.angle[frame] = a;
      });
    };
    const record = (frame: number) => {
      recordPieces(frame);
      dynamic.forEach((o, i) => {
        const body = bodies.get(o.id);
        const track = tracks[i];
        if (!body || !track) return;
        const t = body.translation();
        track.x[frame] = t.x * ppm;
        track.y[frame] = t.y * ppm;
        track.angle[frame] = body.rotation();
        const v = body.linvel();
        (speed.get(o.id) as Float64Array)[frame] = Math.hypot(v.x, v.y);
        (spin.get(o.id) as Float64Array)[frame] = Math.abs(body.angvel());
      });
    };
    // Pose at frame 0 is the scene as given, less any overlap resolved above.
    record(0);

    let step = 0;
    for (let frame = 1; frame < frames; frame++) {
      for (let s = 0; s < substeps; s++) {
        world.step(queue);
        step++;
        const time = step * world.timestep;
        queue.drainCollisionEvents((h1, h2, started) => {
          const a = owner.get(h1);
          const b = owner.get(h2);
          if (!a || !b || a === b) return;
          // Order pairs so a dynamic object comes first (a surface never acts).
          const [first, second, fh, sh] = bodies.get(a)?.isDynamic() ? [a, b, h1, h2] : [b, a, h2, h1];
          const key = `${first}|${second}`;
          if (started) {
            if (open.has(key)) return;
            const va = velocityBefore(first);
            const vb = velocityBefore(second);
            let normal = { x: 0, y: 1 };
            world.contactPair(world.getCollider(fh), world.getCollider(sh), (manifold, flipped) => {
              const n = manifold.normal();
              normal = flipped ? { x: -n.x, y: -n.y } : { x: n.x, y: n.y };
            });
            // The impulse of the impact is the momentum change it caused in this step.
            const body = bodies.get(first);
            const after = body?.linvel() ?? va;
            const impulse = (body?.mass() ?? 0) * Math.hypot(after.x - va.x, after.y - va.y);
            const span: ContactSpan = {
              a: first,
              b: second,
              start: time,
              end: null,
              approach: { x: va.x - vb.x, y: va.y - vb.y },
              normal,
              maxImpulse: impulse,
            };
            open.set(key, span);
            contacts.push(span);
          } else {
            const span = open.get(key);
            if (span) span.end = time;
            open.delete(key);
          }
        });
        for (const body of dynamicBodies) {
          if (!body) continue;
          const v = body.linvel();
          const i = 2 * (index.get(bodyId.get(body.handle) ?? '') ?? 0);
          previous[i] = v.x;
          previous[i + 1] = v.y;
        }
      }
      record(frame);
    }
    queue.free();
    for (const p of pieceTracks) {
      speed.set(p.id, speed.get(p.owner) ?? new Float64Array(frames));
      spin.set(p.id, spin.get(p.owner) ?? new Float64Array(frames));
    }
    return { fps: options.fps, frames, tracks: [...tracks, ...piecesOut], contacts, speed, spin };
  } finally {
    world.free();
  }
}
