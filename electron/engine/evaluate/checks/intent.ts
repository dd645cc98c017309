import type { Check, IntentKind } from '../../../../shared/evaluate/schema';
import type { ObjectTrack } from '../tracker';
import { at, type CheckContext, check, clamp01, followed, maxDisplacement, px } from './context';

/** Net motion of one object over the clip, frame pixels (y down); a departure through an edge extends it by its size. */
interface Travel {
  /** Farthest reach in each direction from the start. */
  down: number;
  up: number;
  left: number;
  right: number;
  total: number;
  /** Largest upward speed after a downward one: a bounce. */
  bounced: boolean;
  /** Change of its pieces' box aspect (w/h) from frame 0. */
  aspect: number;
  /** Its frame-0 box height, frame pixels. */
  h0: number;
}

function travel(t: ObjectTrack, k: number): Travel {
  const out: Travel = { down: 0, up: 0, left: 0, right: 0, total: maxDisplacement(t, k), bounced: false, aspect: 0, h0: t.h0 * k };
  const p0 = at(t, k, 0);
  const s0 = t.seen[0];
  if (!p0 || !s0) return out;
  out.h0 = (s0.y1 - s0.y0) * k;
  const size = t.size * k;
  const aspect0 = (s0.x1 - s0.x0) / Math.max(1, s0.y1 - s0.y0);
  let last = p0;
  let lastF = 0;
  let vyBefore = 0;
  let wentDown = false;
  for (let f = 1; f < t.seen.length; f++) {
    const s = t.seen[f] as ObjectTrack['seen'][number];
    let p = at(t, k, f);
    if (!p && s.exited) {
      // Out through an edge: it went on the way it was going.
      const dx = last.x - p0.x;
      const dy = last.y - p0.y;
      const n = Math.hypot(dx, dy) || 1;
      p = { x: last.x + (dx / n) * size, y: last.y + (dy / n) * size };
    }
    if (!p) continue;
    out.down = Math.max(out.down, p.y - p0.y);
    out.up = Math.max(out.up, p0.y - p.y);
    out.right = Math.max(out.right, p.x - p0.x);
    out.left = Math.max(out.left, p0.x - p.x);
    if (s.found) {
      const vy = (p.y - last.y) / (f - lastF);
      if (vyBefore > 0.04 * size) wentDown = true;
      if (wentDown && vy < -0.04 * size) out.bounced = true;
      vyBefore = vy;
      // A box cut by the frame's edge says nothing about the object's shape.
      if (s.visible >= 0.95) out.aspect = Math.max(out.aspect, Math.abs(Math.log((s.x1 - s.x0) / Math.max(1, s.y1 - s.y0) / aspect0)));
      last = p;
      lastF = f;
    }
  }
  return out;
}

const WHAT: Record<IntentKind, string> = {
  fall: 'fall',
  rise: 'rise',
  still: 'stay still',
  roll: 'roll',
  slide: 'slide',
  push: 'be pushed along',
  throw: 'be thrown',
  bounce: 'fall and bounce',
  topple: 'topple',
  drift: 'drift',
  collide: 'move into a collision',
  none: 'move',
};

/**
 * How much of what the verb asks for the subject did (0..1). Distances are in the subject's
 * size, but a large object (a dog filling a close-up) need not travel half of itself: a move
 * across 15% of the frame is plainly seen. `frame` is the frame's width and height.
 */
function fulfilment(kind: IntentKind, m: Travel, own: number, dir: { x: number; y: number } | null, frame: { w: number; h: number }, level: boolean): number {
  const size = Math.min(own, 0.3 * Math.max(frame.w, frame.h));
  const along = dir ? Math.max(dir.x > 0.5 ? m.right : 0, dir.x < -0.5 ? m.left : 0, dir.y > 0.5 ? m.down : 0, dir.y < -0.5 ? m.up : 0) : null;
  switch (kind) {
    case 'fall':
      return clamp01(m.down / (0.5 * size));
    case 'rise':
      return clamp01(m.up / (0.3 * size));
    case 'drift':
      return clamp01(m.total / (0.1 * size)) * (m.down > m.up + 0.5 * size ? 0.5 : 1);
    case 'roll':
    case 'slide':
    case 'push':
      // Along its support, the way it stood: a thing that tumbles end over end (its box turning
      // from wide to tall) is not sliding, being pushed, or rolling on wheels; a ball's box keeps its shape.
      return clamp01((along ?? Math.max(m.left, m.right)) / (0.5 * size)) * (tumbles(m, level) ? 0.5 : 1);
    case 'throw':
      return clamp01((along ?? m.total) / size);
    case 'collide':
      return clamp01((along ?? m.total) / (0.5 * size));
    case 'bounce':
      return clamp01(m.down / (0.3 * size)) * (m.bounced ? 1 : 0.5);
    case 'topple':
      return Math.max(clamp01(m.total / (0.15 * size)), clamp01(m.aspect / 0.25));
    default:
      return 1;
  }
}

/**
 * Along its support it neither turns end over end (its box from wide to tall) nor climbs off it
 * (its centre rising by a third of its height, as a thing spun about its middle does when the
 * frame's edge hides its box).
 */
function tumbles(m: Travel, level: boolean): boolean {
  return m.aspect > TUMBLE_ASPECT || (level && m.up > 0.3 * m.h0);
}

function describe(m: Travel): string {
  const parts: string[] = [];
  if (m.down >= 1) parts.push(`down ${px(m.down)}`);
  if (m.up >= 1) parts.push(`up ${px(m.up)}`);
  if (m.left >= 1) parts.push(`left ${px(m.left)}`);
  if (m.right >= 1) parts.push(`right ${px(m.right)}`);
  return parts.length ? `moved ${parts.join(', ')}` : 'did not move';
}

/** A box aspect change (log ratio) beyond this is a tumble: about ×1.8 wider or taller. */
const TUMBLE_ASPECT = 0.6;
/** A still clip may change this share of the picture (noise), no more. */
const STILL_CHANGE = 0.005;
/** A named object of which less than this share of pixels ever changes did not move. */
const UNMOVED_SHARE = 0.25;

/** Objects closer than this (box gap, frame pixels) may have been hit by the subject. */
function cameNear(a: ObjectTrack, b: ObjectTrack, k: number): boolean {
  const reach = 0.5 * Math.max(a.size, b.size);
  for (let f = 0; f < Math.min(a.seen.length, b.seen.length); f++) {
    const sa = a.seen[f];
    const sb = b.seen[f];
    if (!sa?.found || !sb?.found) continue;
    const gx = Math.max(sa.x0 - sb.x1, sb.x0 - sa.x1, 0);
    const gy = Math.max(sa.y0 - sb.y1, sb.y0 - sa.y1, 0);
    if (Math.hypot(gx, gy) <= reach) return true;
  }
  void k;
  return false;
}

/** Intent: the object the prompt names moves as it says; for a still prompt, nothing moves. */
export function checkIntent(ctx: CheckContext, subjects: ObjectTrack[]): Check {
  const intent = ctx.intent;
  if (!intent || intent.kind === 'none') return check('intent', false, 1, true, 'The prompt names no motion to check.');
  const k = ctx.k;
  const objs = followed(ctx);
  if (intent.kind === 'still') {
    const tol = (t: ObjectTrack) => Math.max(2, 0.05 * t.size * k);
    const moved = objs.map((t) => ({ t, d: maxDisplacement(t, k) })).sort((a, b) => b.d / b.t.size - a.d / a.t.size)[0];
    if (moved && moved.d > tol(moved.t)) {
      const score = clamp01(1 - (moved.d - tol(moved.t)) / (0.5 * moved.t.size * k));
      return check('intent', true, Math.min(score, 0.4), false, `The ${moved.t.label} moves ${px(moved.d)}, but the prompt says it stays still.`);
    }
    // Nothing followed moved; the picture itself must not change either (a region no one named
    // that slides, a flicker).
    const changed = Math.max(0, ...ctx.frameChange);
    if (changed > STILL_CHANGE)
      return check('intent', true, 0.3, false, `${Math.round(100 * changed)}% of the picture changes, but the prompt says nothing moves.`);
    return check('intent', true, 1, true, 'Nothing moves, as the prompt says.');
  }
  const named = (intent.subjectIds ?? []).map((id) => ctx.tracks.find((t) => t.id === id)).find((t) => !!t && !t.tracked);
  if (!subjects[0] && named) {
    // Named but not followable by its colours: whether its pixels change at all still tells a
    // clip that never moves it.
    const share = ctx.maskChange.get(named.id) ?? 0;
    if (share < UNMOVED_SHARE)
      return check(
        'intent',
        true,
        0,
        false,
        `The prompt asks the ${named.label} to ${WHAT[intent.kind]}, but it did not move (${Math.round(100 * share)}% of it changed).`,
      );
    // It changed, but which way it went cannot be read: the judge does not vouch for it.
    return check(
      'intent',
      true,
      0.5,
      false,
      `The ${named.label} changes, but ${named.untracked ?? 'it cannot be followed'}, so whether it does ${WHAT[intent.kind]} as the prompt says cannot be confirmed.`,
    );
  }
  const subject = subjects[0];
  if (!subject) return check('intent', true, 0, false, `The object the prompt names could not be found in the first frame.`);
  const m = travel(subject, k);
  const size = subject.size * k;
  const offEdge = intent.offEdge ? clamp01(m.down / (0.5 * size)) : 1;
  // Seen from the side (gravity in the picture), "up" is off the support; from above it is along the table.
  const level = !!ctx.gravity && Math.hypot(ctx.gravity.x, ctx.gravity.y) > 1e-6;
  const done = Math.min(fulfilment(intent.kind, m, size, intent.direction ?? null, { w: ctx.width, h: ctx.height }, level), offEdge);
  // What else moved far on its own: the prompt moves only its subject and what that hits.
  const strays = objs.filter((t) => !subjects.includes(t) && maxDisplacement(t, k) > 0.5 * t.size * k && !subjects.some((s) => cameNear(s, t, k)));
  const score = done * (strays.length > 0 ? 0.5 : 1);
  const pass = done >= 0.999 && strays.length === 0;
  if (pass) return check('intent', true, 1, true, `The ${subject.label} ${describe(m)}: it does ${WHAT[intent.kind]}, as the prompt says.`);
  const stray = strays[0];
  const reason =
    done < 0.999
      ? `The prompt asks the ${subject.label} to ${WHAT[intent.kind]}${intent.offEdge ? ' off its support and drop' : ''}${intent.direction ? ' that way' : ''}, but it ${describe(m)}${
          ['roll', 'slide', 'push'].includes(intent.kind) && tumbles(m, level) ? ', tumbling end over end or climbing off its support' : ''
        }.`
      : `The ${stray?.label} moves ${px(maxDisplacement(stray as ObjectTrack, k))} though the prompt moves only the ${subject.label}, and nothing hit it.`;
  return check('intent', true, Math.min(score, 0.5), false, reason);
}
