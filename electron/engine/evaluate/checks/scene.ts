import type { Check } from '../../../../shared/evaluate/schema';
import { binOf, spread } from '../color-model';
import type { FrameStats } from '../frame-stats';
import type { Grid } from '../grid';
import type { ObjectTrack } from '../tracker';
import { type CheckContext, check, clamp01, maxDisplacement, seconds } from './context';

/** Share of the still background allowed to change, on average over the worst quarter of frames. */
const BACKGROUND_TOLERANCE = 0.03;

/** Background stability: the regions no object reaches stay as they were in frame 0. */
export function checkBackground(ctx: CheckContext, stats: FrameStats, gridPixels: number): Check {
  if (stats.backgroundPixels < 0.1 * gridPixels)
    return check('background_stable', false, 1, true, 'Moving objects cover most of the frame: no still background to check.');
  const sorted = [...stats.changed].sort((a, b) => b - a);
  const worst = sorted.slice(0, Math.max(1, Math.ceil(sorted.length / 4)));
  const bad = worst.reduce((s, v) => s + v, 0) / worst.length;
  const at = stats.changed.indexOf(sorted[0] ?? 0);
  const score = clamp01(1 - Math.max(0, bad - 0.01) / (3 * BACKGROUND_TOLERANCE));
  if (bad <= BACKGROUND_TOLERANCE) {
    return check('background_stable', true, score, true, `The still background stays unchanged (${(100 * bad).toFixed(1)}% of it changes at most).`);
  }
  return check(
    'background_stable',
    true,
    Math.min(score, 0.5),
    false,
    `${Math.round(100 * bad)}% of the background that should stay still changes (worst at ${seconds(at, ctx.fps)}).`,
  );
}

/** A fill is a smudge when more than this share of it has colours found nowhere in the ring around it… */
const SMEAR_SHARE = 0.5;
/** …or when it is this much flatter than a textured ring around it (a blur, a smear). */
const FLAT_RATIO = 0.3;
const TEXTURED = 10;

interface Smear {
  t: ObjectTrack;
  /** Share of the fill whose colours the surroundings do not have. */
  unlike: number;
  /** Spread of the fill's colours over the ring's (RMS over channels). */
  texture: number;
  ringSpread: number;
}

/** RMS spread of colour over the pixels `pick` selects. */
function spreadOf(data: Uint8Array, pixels: number[]): number {
  if (pixels.length === 0) return 0;
  let total = 0;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    let sq = 0;
    for (const p of pixels) {
      const v = data[4 * p + c] as number;
      sum += v;
      sq += v * v;
    }
    const mean = sum / pixels.length;
    total += Math.max(0, sq / pixels.length - mean * mean);
  }
  return Math.sqrt(total / 3);
}

/**
 * The fill behind a moved object, at the frame where it is furthest from where it started,
 * against the colours of the ring of background around its start in frame 0.
 */
function smear(ctx: CheckContext, grid: Grid, t: ObjectTrack, ring: Uint8Array): Smear | null {
  if (!t.tracked || maxDisplacement(t, ctx.k) < t.size * ctx.k) return null;
  const { w } = grid;
  let far = -1;
  let best = 0;
  t.seen.forEach((s, f) => {
    const d = s.found ? Math.hypot(s.cx - (t.seen[0]?.cx ?? 0), s.cy - (t.seen[0]?.cy ?? 0)) : s.exited ? Number.POSITIVE_INFINITY : -1;
    if (d > best) {
      best = d;
      far = f;
    }
  });
  const s = t.seen[far];
  if (!s) return null;
  const first = grid.frames[0] as Uint8Array;
  const hist = new Float32Array(4096);
  const ringPixels: number[] = [];
  for (let p = 0; p < ring.length; p++) {
    if (!ring[p]) continue;
    hist[binOf(first, 4 * p)] = (hist[binOf(first, 4 * p)] as number) + 1;
    ringPixels.push(p);
  }
  const near = spread(hist);
  const frame = grid.frames[far] as Uint8Array;
  const fillPixels: number[] = [];
  let unlike = 0;
  for (let p = 0; p < t.mask0.length; p++) {
    if (!t.mask0[p]) continue;
    const x = p % w;
    const y = Math.floor(p / w);
    // Only the part of its start nothing covers at that frame.
    if (s.found && x >= s.x0 - 1 && x < s.x1 + 1 && y >= s.y0 - 1 && y < s.y1 + 1) continue;
    fillPixels.push(p);
    if ((near[binOf(frame, 4 * p)] as number) === 0) unlike++;
  }
  if (fillPixels.length < 4 || ringPixels.length < 4) return null;
  const ringSpread = spreadOf(first, ringPixels);
  return { t, unlike: unlike / fillPixels.length, texture: spreadOf(frame, fillPixels) / Math.max(1, ringSpread), ringSpread };
}

/** Holes and artefacts: no black or transparent pixels appear, and the fill behind moved objects matches its surroundings. */
export function checkArtefacts(ctx: CheckContext, stats: FrameStats, grid: Grid, rings: Map<ObjectTrack, Uint8Array>): Check {
  const N = grid.w * grid.h;
  const smallest = Math.min(...ctx.tracks.filter((t) => t.tracked).map((t) => t.refArea), N);
  const holeLimit = Math.max(0.002 * N, 0.1 * smallest, 2);
  const worstBlack = Math.max(0, ...stats.black);
  const worstClear = Math.max(0, ...stats.transparent);
  if (worstClear > 0) {
    const f = stats.transparent.indexOf(worstClear);
    return check('artefacts', true, 0.2, false, `Part of the frame is empty (transparent) at ${seconds(f, ctx.fps)}.`);
  }
  if (worstBlack > holeLimit) {
    const f = stats.black.indexOf(worstBlack);
    const share = worstBlack / N;
    return check(
      'artefacts',
      true,
      clamp01(0.5 - 5 * share),
      false,
      `A black hole covering ${(100 * share).toFixed(1)}% of the frame appears at ${seconds(f, ctx.fps)}.`,
    );
  }
  const smears = ctx.tracks
    .map((t) => smear(ctx, grid, t, rings.get(t) ?? new Uint8Array(0)))
    .filter((s): s is Smear => s !== null)
    .sort((a, b) => b.unlike - a.unlike);
  const flat = smears.find((s) => s.ringSpread > TEXTURED && s.texture < FLAT_RATIO);
  if (flat) {
    return check(
      'artefacts',
      true,
      clamp01(flat.texture),
      false,
      `The fill where the ${flat.t.label} was is a flat smear: ${Math.round(100 * flat.texture)}% of the texture around it.`,
    );
  }
  const worst = smears[0];
  if (worst && worst.unlike > SMEAR_SHARE) {
    return check(
      'artefacts',
      true,
      clamp01(1 - worst.unlike),
      false,
      `The fill where the ${worst.t.label} was is a smudge: ${Math.round(100 * worst.unlike)}% of it has colours found nowhere around it.`,
    );
  }
  return check(
    'artefacts',
    true,
    1,
    true,
    smears.length ? 'No holes, and the fill behind moved objects matches its surroundings.' : 'No holes or empty pixels.',
  );
}
