import type { Check } from '../../../../shared/evaluate/schema';
import type { ObjectTrack } from '../tracker';
import { type CheckContext, check, clamp01, followed, maxDisplacement, px, seconds, surfaceY } from './context';
import { supported, supportTolerance } from './supports';

/** Sinking deeper than the first frame shows, for this many frames in a row, is penetration. */
const SINK_FRAMES = 2;

interface Fault {
  t: ObjectTrack;
  frame: number;
  what: string;
  frames: number;
}

/** Frames where the object is deeper into a support line it started above than it was at frame 0. */
function sinking(ctx: CheckContext, t: ObjectTrack): Fault | null {
  const k = ctx.k;
  const tol = supportTolerance(t, k);
  const s0 = t.seen[0];
  if (!s0?.found) return null;
  let worst: Fault | null = null;
  for (const surface of ctx.surfaces) {
    const y0 = surfaceY(surface, s0.cx * k);
    if (y0 === null || s0.cy * k > y0) continue;
    // Outlines from a photo often overlap the line they rest on: only depth the clip adds counts.
    const allowance = Math.max(0, s0.y1 * k - y0);
    let run = 0;
    let above = true;
    for (let f = 1; f < t.seen.length; f++) {
      const s = t.seen[f];
      if (!s?.found) {
        run = 0;
        continue;
      }
      const y = surfaceY(surface, s.cx * k);
      if (y === null) {
        // Off the line's end: which side it is on is decided afresh when it comes back over it.
        above = false;
        run = 0;
        continue;
      }
      if (!above) {
        above = s.cy * k <= y;
        continue;
      }
      // Cut by the frame's bottom edge, its box stops there: a body that keeps its shape reaches
      // its frame-0 height below its top (a baseline sinking out through a floor near the edge).
      // Only while its width says it has not turned (and the sides do not cut it too).
      const upright = s.x0 > 0 && s.x1 < ctx.gridW && Math.abs(s.x1 - s.x0 - t.w0) <= 0.15 * t.w0;
      const bottom = s.y1 >= ctx.gridH && upright ? Math.max(s.y1, s.y0 + t.h0) : s.y1;
      const depth = bottom * k - y - allowance;
      if (depth > tol) {
        run++;
        if (run >= SINK_FRAMES && (!worst || depth > worst.frames)) {
          worst = { t, frame: f - run + 1, what: `sinks ${px(depth)} into the support line`, frames: depth };
        }
      } else run = 0;
    }
  }
  return worst;
}

/** An object that moved and then stopped in mid-air above a support line, with nothing under it. */
function hovering(ctx: CheckContext, t: ObjectTrack): Fault | null {
  const k = ctx.k;
  const g = ctx.gravity;
  if (g && Math.hypot(g.x, g.y) < 1e-6) return null;
  const size = t.size * k;
  const p0 = t.seen[0];
  if (!p0?.found) return null;
  const minRest = Math.max(4, Math.round(0.25 * ctx.fps));
  let rest = 0;
  for (let f = 1; f < t.seen.length; f++) {
    const a = t.seen[f - 1];
    const s = t.seen[f];
    const still = a?.found && s?.found && Math.hypot(s.cx - a.cx, s.cy - a.cy) * k < 0.03 * size;
    rest = still ? rest + 1 : 0;
    if (rest < minRest || !s) continue;
    // Where the picture showed it resting, the picture vouches for its support.
    if (Math.hypot(s.cx - p0.cx, s.cy - p0.cy) * k < 0.3 * size) continue;
    if (supported(ctx, t, f)) continue;
    const bottom = s.y1 * k;
    // Slid along the level the picture showed it resting on, where no known line holds it
    // there either (a floor perception missed): the same unseen support still holds it.
    if (!supported(ctx, t, 0) && Math.abs(bottom - p0.y1 * k) <= supportTolerance(t, k)) continue;
    const below = ctx.surfaces
      .map((surface) => surfaceY(surface, s.cx * k))
      .filter((y): y is number => y !== null && y > bottom)
      .sort((a, b) => a - b)[0];
    if (below === undefined) continue;
    return { t, frame: f - rest + 1, what: `stops ${px(below - bottom)} above the surface under it, with nothing holding it`, frames: rest };
  }
  return null;
}

/** Motions that lift a thing off what it stands on by themselves. */
const LEAVES_UPWARD: ReadonlySet<string> = new Set(['rise', 'throw', 'bounce', 'drift']);

/**
 * An object resting on something whose bottom rises off it while the object stays where it was:
 * turned about its own middle, as a tip over never is (a topple pivots on its base), so its foot
 * hangs in the air.
 */
function liftsOff(ctx: CheckContext, t: ObjectTrack): Fault | null {
  // Asked to leave its support upward (a jump, a bounce in place, a rise), it may.
  if (ctx.intent && LEAVES_UPWARD.has(ctx.intent.kind)) return null;
  const k = ctx.k;
  const g = ctx.gravity;
  if (g && Math.hypot(g.x, g.y) < 1e-6) return null;
  const p0 = t.seen[0];
  if (!p0?.found || !supported(ctx, t, 0)) return null;
  const size = t.size * k;
  const tol = supportTolerance(t, k);
  const minRun = Math.max(4, Math.round(0.25 * ctx.fps));
  let run = 0;
  for (let f = 1; f < t.seen.length; f++) {
    const s = t.seen[f];
    const lifted =
      !!s?.found && Math.hypot(s.cx - p0.cx, s.cy - p0.cy) * k < 0.3 * size && (p0.y1 - s.y1) * k > tol && s.y1 < ctx.gridH && !supported(ctx, t, f);
    run = lifted ? run + 1 : 0;
    if (run >= minRun) {
      const rise = (p0.y1 - (s as ObjectTrack['seen'][number]).y1) * k;
      return { t, frame: f - run + 1, what: `lifts ${px(rise)} off what it stood on, turning about its middle`, frames: run };
    }
  }
  return null;
}

/** Support and penetration: moved objects come to rest on something and never sink into what they stand on. */
export function checkSupport(ctx: CheckContext): Check {
  const objs = followed(ctx);
  if (objs.length === 0) return check('support_penetration', false, 1, true, 'No object could be followed through the frames.');
  if (ctx.surfaces.length === 0 && ctx.tracks.length <= 1)
    return check('support_penetration', false, 1, true, 'No support surfaces are known for this picture.');
  const faults = objs.flatMap((t) => [sinking(ctx, t), hovering(ctx, t), liftsOff(ctx, t)]).filter((f): f is Fault => f !== null);
  if (faults.length === 0) {
    const moved = objs.some((t) => maxDisplacement(t, ctx.k) > 0.25 * t.size * ctx.k);
    return check(
      'support_penetration',
      true,
      1,
      true,
      moved ? 'Nothing sinks into a support or stops in mid-air.' : 'Everything stays where the picture shows it resting.',
    );
  }
  const f = faults[0] as Fault;
  return check('support_penetration', true, clamp01(0.5 - 0.2 * (faults.length - 1)), false, `The ${f.t.label} ${f.what} at ${seconds(f.frame, ctx.fps)}.`);
}
