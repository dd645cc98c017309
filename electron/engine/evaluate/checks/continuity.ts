import type { Check } from '../../../../shared/evaluate/schema';
import type { ObjectTrack } from '../tracker';
import { at, type CheckContext, check, clamp01, followed, maxDisplacement, px, seconds } from './context';

/** A step is a jump when it is longer than this share of the object's size… */
const JUMP_SIZE_SHARE = 0.6;
/** …and this many times the steps on either side (a steady fast motion is no jump). */
const JUMP_RATIO = 3;

interface Step {
  frame: number;
  d: number;
}

function steps(t: ObjectTrack, k: number): Step[] {
  const out: Step[] = [];
  let prev: { f: number; x: number; y: number } | null = null;
  for (let f = 0; f < t.seen.length; f++) {
    const p = at(t, k, f);
    if (!p) continue;
    if (prev) out.push({ frame: f, d: Math.hypot(p.x - prev.x, p.y - prev.y) / (f - prev.f) });
    prev = { f, ...p };
  }
  return out;
}

/** No teleport: every frame-to-frame displacement fits the speed around it. */
export function checkTeleport(ctx: CheckContext): Check {
  const objs = followed(ctx);
  if (objs.length === 0) return check('no_teleport', false, 1, true, 'No object could be followed through the frames.');
  let worst: { t: ObjectTrack; s: Step; around: number } | null = null;
  let jumps = 0;
  for (const t of objs) {
    const size = t.size * ctx.k;
    const list = steps(t, ctx.k);
    list.forEach((s, i) => {
      // Before frame 0 the object was at rest; after it is lost there is no step to compare.
      const around = Math.max(list[i - 1]?.d ?? 0, list[i + 1]?.d ?? 0);
      if (s.d > Math.max(3, JUMP_SIZE_SHARE * size) && s.d > JUMP_RATIO * around + 0.25 * size) {
        jumps++;
        if (!worst || s.d > worst.s.d) worst = { t, s, around };
      }
    });
  }
  if (!worst) return check('no_teleport', true, 1, true, 'Every object moves smoothly from frame to frame.');
  const w = worst as { t: ObjectTrack; s: Step; around: number };
  return check(
    'no_teleport',
    true,
    clamp01(0.5 - 0.1 * (jumps - 1)),
    false,
    `The ${w.t.label} jumps ${px(w.s.d)} in one frame at ${seconds(w.s.frame, ctx.fps)} (it is ${px(w.t.size * ctx.k)} across; ${px(w.around)} a frame around it).`,
  );
}

/** Longest run of consecutive frames for which `bad` holds, and where it starts. */
function longestRun(n: number, bad: (f: number) => boolean): { len: number; start: number; total: number } {
  let best = { len: 0, start: 0, total: 0 };
  let len = 0;
  let total = 0;
  for (let f = 1; f < n; f++) {
    if (bad(f)) {
      len++;
      total++;
      if (len > best.len) best = { len, start: f - len + 1, total: 0 };
    } else len = 0;
  }
  return { ...best, total };
}

/** A vanished object is missing (or a fraction of itself) this long before it counts. */
const VANISH_FRAMES = 2;
const SPLIT_FRAMES = 3;
/** Visible area below this share of the first frame's (allowing for the frame's edge and motion blur) is vanishing. */
const VANISH_AREA = 0.3;
const GROW_AREA = 2.5;

/** No vanishing or splitting: each object keeps about its area and its number of pieces while in frame. */
export function checkVanishSplit(ctx: CheckContext): Check {
  const objs = followed(ctx);
  if (objs.length === 0) return check('no_vanish_split', false, 1, true, 'No object could be followed through the frames.');
  const faults: Array<{ t: ObjectTrack; what: string; start: number; len: number; total: number }> = [];
  for (const t of objs) {
    const speed = (f: number) => {
      const a = t.seen[f - 1];
      const b = t.seen[f];
      return a?.found && b?.found ? Math.hypot(b.cx - a.cx, b.cy - a.cy) : 0;
    };
    const expected = (f: number) => {
      const s = t.seen[f];
      // Motion blur spreads a fast object thin: allow for it, up to a third of the area.
      const blur = Math.max(1 / 3, t.size / (t.size + speed(f)));
      return t.refArea * Math.min(1, s?.visible ?? 1) * blur;
    };
    const vanished = longestRun(t.seen.length, (f) => {
      const s = t.seen[f];
      if (!s) return false;
      if (!s.found) return !s.exited;
      return s.visible >= 0.5 && s.area < VANISH_AREA * expected(f);
    });
    if (vanished.len >= VANISH_FRAMES) faults.push({ t, what: 'vanishes', ...vanished });
    const split = longestRun(t.seen.length, (f) => {
      const s = t.seen[f];
      return !!s?.found && s.pieces > t.pieces0 && s.second >= 0.2 * t.refArea;
    });
    if (split.len >= SPLIT_FRAMES) faults.push({ t, what: 'splits into pieces', ...split });
    const grew = longestRun(t.seen.length, (f) => !!t.seen[f]?.found && (t.seen[f]?.area ?? 0) > GROW_AREA * t.refArea);
    if (grew.len >= SPLIT_FRAMES) faults.push({ t, what: `smears to over ${GROW_AREA}× its size`, ...grew });
  }
  if (faults.length === 0) return check('no_vanish_split', true, 1, true, 'Every object keeps its size and stays in one piece.');
  faults.sort((a, b) => b.total - a.total);
  const f = faults[0] as (typeof faults)[number];
  const share = faults.reduce((s, x) => s + x.total, 0) / Math.max(1, ctx.frames - 1);
  return check(
    'no_vanish_split',
    true,
    clamp01(0.5 - share),
    false,
    `The ${f.t.label} ${f.what} at ${seconds(f.start, ctx.fps)}, for ${f.total} frame${f.total === 1 ? '' : 's'}.`,
  );
}

/** Stays in frame: the objects that move stay visible for at least the first half of the clip. */
export function checkInFrame(ctx: CheckContext, subjects: ObjectTrack[]): Check {
  if (ctx.intent?.leavesFrame) return check('in_frame', false, 1, true, 'The prompt says it leaves the frame.');
  const objs = (subjects.length > 0 ? subjects : followed(ctx)).filter((t) => t.tracked);
  if (objs.length === 0) return check('in_frame', false, 1, true, 'No object could be followed through the frames.');
  const half = Math.ceil((ctx.frames - 1) / 2);
  let worst: { t: ObjectTrack; f: number } | null = null;
  for (const t of objs) {
    const f = t.seen.findIndex((s) => !s.found && s.exited);
    if (f > 0 && f < half && (!worst || f < worst.f)) worst = { t, f };
  }
  if (!worst) {
    const moved = objs.some((t) => maxDisplacement(t, ctx.k) > 0.25 * t.size * ctx.k);
    return check('in_frame', true, 1, true, moved ? 'The moving objects stay in view for the first half of the clip.' : 'Everything stays in view.');
  }
  return check(
    'in_frame',
    true,
    clamp01(worst.f / half) * 0.5,
    false,
    `The ${worst.t.label} leaves the frame at ${seconds(worst.f, ctx.fps)}, before the clip's first half is over.`,
  );
}
