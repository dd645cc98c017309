import { EVALUATOR_VERSION, type MeasuredTrack, type PixelEvaluation } from '../../../shared/evaluate/schema';
import type { Raster } from '../../../shared/preview/raster';
import { loadOpenCv } from '../perceive/opencv';
import type { CheckContext } from './checks/context';
import { checkInFrame, checkTeleport, checkVanishSplit } from './checks/continuity';
import { checkGravity } from './checks/gravity';
import { checkIntent } from './checks/intent';
import { checkArtefacts, checkBackground } from './checks/scene';
import { checkSupport } from './checks/support';
import { BLACK_LEVEL, darkSurroundings, type FrameStats, OPAQUE, stillRegion, unexplainedBlack, WAS_LIT } from './frame-stats';
import { type Grid, morph, reduceFrames } from './grid';
import { overall as overallOf } from './score';
import { CHANGE_LEVEL, type ObjectTrack, startTracks, stepTracks } from './tracker';
import type { EvaluateInput, FrameSource } from './types';

/**
 * One pass over a frame: each pixel's colour bin, whether it changed from frame 0, and the
 * pixels that are not opaque or have newly gone black (the hole candidates).
 */
function scan(data: Uint8Array, first: Uint8Array, bins: Uint16Array, changed: Uint8Array, dark: number[]): number {
  let transparent = 0;
  dark.length = 0;
  for (let i = 0, p = 0; i < data.length; i += 4, p++) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    if ((data[i + 3] as number) < OPAQUE) transparent++;
    if (r < BLACK_LEVEL && g < BLACK_LEVEL && b < BLACK_LEVEL && Math.max(first[i] as number, first[i + 1] as number, first[i + 2] as number) >= WAS_LIT)
      dark.push(p);
    bins[p] = (r >> 4) * 256 + (g >> 4) * 16 + (b >> 4);
    const dr = r - (first[i] as number);
    const dg = g - (first[i + 1] as number);
    const db = b - (first[i + 2] as number);
    changed[p] = dr > CHANGE_LEVEL || dr < -CHANGE_LEVEL || dg > CHANGE_LEVEL || dg < -CHANGE_LEVEL || db > CHANGE_LEVEL || db < -CHANGE_LEVEL ? 1 : 0;
  }
  return transparent;
}

/**
 * The objects the prompt names, as followed. When the prompt names one, that one is judged, or
 * none when it cannot be followed: never some other object that happened to move instead.
 */
function subjectsOf(tracks: ObjectTrack[], input: Pick<EvaluateInput, 'intent'>): ObjectTrack[] {
  const ids = (input.intent?.subjectIds ?? []).filter((id) => tracks.some((t) => t.id === id));
  if (ids.length > 0) return ids.map((id) => tracks.find((t) => t.id === id)).filter((t): t is ObjectTrack => !!t?.tracked);
  const largest = tracks.filter((t) => t.tracked).sort((a, b) => b.refArea - a.refArea)[0];
  return largest ? [largest] : [];
}

function measured(t: ObjectTrack, k: number, frames: number): MeasuredTrack {
  const seen = t.tracked ? t.seen : [];
  const pick = <T>(f: (s: ObjectTrack['seen'][number]) => T, none: T) => Array.from({ length: frames }, (_, i) => (seen[i] ? f(seen[i]) : none));
  return {
    id: t.id,
    label: t.label,
    x: pick((s) => (s.found ? s.cx * k : null), null),
    y: pick((s) => (s.found ? s.cy * k : null), null),
    area: pick((s) => s.area * k * k, 0),
    pieces: pick((s) => s.pieces, 0),
  };
}

/**
 * Judges a clip from its frames alone: follows each object seen in frame 0 through the clip by
 * its colours, then scores the eight checks of docs/metrics.md, each with a one-line reason.
 * Frames are reduced to a grid of at most EVAL_LONG_SIDE pixels first, for speed.
 */
export async function evaluateFrames(input: EvaluateInput): Promise<PixelEvaluation> {
  const { width, height, fps } = input;
  if (!(fps > 0) || !(width > 0) || !(height > 0)) throw new RangeError('evaluateFrames needs a positive size and frame rate');
  const list = input.frames;
  const source: FrameSource = Array.isArray(list) ? { count: list.length, frame: (i) => list[i] as Raster } : list;
  if (source.count < 1) throw new RangeError('evaluateFrames needs at least one frame');
  return evaluateGrid(await reduceFrames(source, width, height, input.signal), input);
}

/** Judges frames already reduced to the grid (see `frameCollector`). */
export async function evaluateGrid(grid: Grid, input: Omit<EvaluateInput, 'frames'>): Promise<PixelEvaluation> {
  const { width, height, fps } = input;
  if (grid.frames.length < 1) throw new RangeError('evaluateFrames needs at least one frame');
  const cv = await loadOpenCv();
  const { w, h, k } = grid;
  const N = w * h;
  const first = grid.frames[0] as Uint8Array;
  const bins = new Uint16Array(N);
  const changedAt: Uint8Array[] = [];
  const dark: number[] = [];
  scan(first, first, bins, new Uint8Array(N), dark);
  const tracks = startTracks(cv, grid, input.objects, bins, new Set(input.intent?.subjectIds ?? []));
  const scratch = new Uint8Array(N);
  // The background ring around each followed object's start, in frame 0.
  const rings = new Map(
    tracks
      .filter((t) => t.tracked)
      .map((t) => {
        const grown = morph(cv, t.mask0, w, h, Math.max(2, Math.round(0.25 * t.size)));
        const others = tracks.filter((o) => o !== t);
        return [t, grown.map((v, p) => (v && !t.mask0[p] && !others.some((o) => o.mask0[p]) ? 1 : 0))] as const;
      }),
  );
  const darkFill = darkSurroundings(first, rings, N);
  const stats: FrameStats = { changed: [], backgroundPixels: 0, black: [], transparent: [] };
  for (let f = 0; f < grid.frames.length; f++) {
    input.signal?.throwIfAborted();
    const data = grid.frames[f] as Uint8Array;
    const changed = new Uint8Array(N);
    stats.transparent.push(scan(data, first, bins, changed, dark));
    changedAt.push(changed);
    stepTracks(cv, tracks, grid, bins, changed, scratch);
    stats.black.push(unexplainedBlack(dark, bins, tracks, f, w, darkFill));
  }
  // The still region depends on where every object went, so it is counted after tracking.
  const still = stillRegion(cv, tracks, w, h);
  for (let p = 0; p < N; p++) stats.backgroundPixels += still[p] as number;
  const frameChange: number[] = [];
  for (const changed of changedAt) {
    let n = 0;
    let all = 0;
    for (let p = 0; p < N; p++) {
      all += changed[p] as number;
      if (still[p] && changed[p]) n++;
    }
    stats.changed.push(stats.backgroundPixels > 0 ? n / stats.backgroundPixels : 0);
    frameChange.push(all / N);
  }
  // A named object that cannot be followed by its colours is still seen to move or not: the share
  // of the pixels it covered at frame 0 that ever changed.
  const maskChange = new Map<string, number>();
  for (const t of tracks) {
    if (t.tracked || !(input.intent?.subjectIds ?? []).includes(t.id)) continue;
    const n = t.mask0.reduce((a, v) => a + v, 0);
    let most = 0;
    for (const changed of changedAt) {
      let c = 0;
      for (let p = 0; p < N; p++) if (t.mask0[p] && changed[p]) c++;
      most = Math.max(most, n > 0 ? c / n : 0);
    }
    maskChange.set(t.id, most);
  }
  const slow = input.slowMotion && input.slowMotion > 0 ? input.slowMotion : 1;
  const ctx: CheckContext = {
    tracks,
    k,
    fps,
    frames: grid.frames.length,
    width,
    height,
    gridW: w,
    gridH: h,
    intent: input.intent ?? null,
    gravity: input.gravityPxPerS2 ? { x: input.gravityPxPerS2.x / (slow * slow), y: input.gravityPxPerS2.y / (slow * slow) } : null,
    surfaces: input.surfaces ?? [],
    frameChange,
    maskChange,
  };
  const subjects = subjectsOf(tracks, input);
  const checks = [
    checkIntent(ctx, subjects),
    checkInFrame(ctx, subjects),
    checkTeleport(ctx),
    checkVanishSplit(ctx),
    checkGravity(ctx),
    checkSupport(ctx),
    checkBackground(ctx, stats, N),
    checkArtefacts(ctx, stats, grid, rings),
  ];
  const { score, verdict, summary } = overallOf(checks);
  return {
    version: EVALUATOR_VERSION,
    score,
    verdict,
    summary,
    checks,
    tracks: tracks.filter((t) => t.dynamic).map((t) => measured(t, k, grid.frames.length)),
    clip: { width, height, fps, frames: grid.frames.length },
    evalScale: 1 / k,
  };
}
