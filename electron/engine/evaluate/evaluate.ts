import { EVALUATOR_VERSION, type MeasuredTrack, type PixelEvaluation } from '../../../shared/evaluate/schema';
import type { Raster } from '../../../shared/preview/raster';
import { loadOpenCv } from '../perceive/opencv';
import type { CheckContext } from './checks/context';
import { checkInFrame, checkTeleport, checkVanishSplit } from './checks/continuity';
import { checkGravity } from './checks/gravity';
import { checkIntent } from './checks/intent';
import { checkArtefacts, checkBackground } from './checks/scene';
import { checkSupport } from './checks/support';
import { binOf } from './color-model';
import { type FrameStats, holes, stillRegion } from './frame-stats';
import { type Grid, morph, reduceFrames } from './grid';
import { overall as overallOf } from './score';
import { CHANGE_LEVEL, type ObjectTrack, startTracks, stepTracks } from './tracker';
import type { EvaluateInput, FrameSource } from './types';

function changedMask(data: Uint8Array, first: Uint8Array, out: Uint8Array): Uint8Array {
  for (let i = 0, p = 0; i < data.length; i += 4, p++) {
    const d = Math.max(
      Math.abs((data[i] as number) - (first[i] as number)),
      Math.abs((data[i + 1] as number) - (first[i + 1] as number)),
      Math.abs((data[i + 2] as number) - (first[i + 2] as number)),
    );
    out[p] = d > CHANGE_LEVEL ? 1 : 0;
  }
  return out;
}

function subjectsOf(tracks: ObjectTrack[], input: EvaluateInput): ObjectTrack[] {
  const named = (input.intent?.subjectIds ?? []).map((id) => tracks.find((t) => t.id === id)).filter((t): t is ObjectTrack => !!t?.tracked);
  if (named.length > 0) return named;
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
  const cv = await loadOpenCv();
  const grid: Grid = await reduceFrames(cv, source, width, height, input.signal);
  const { w, h, k } = grid;
  const N = w * h;
  const first = grid.frames[0] as Uint8Array;
  const bins = new Uint16Array(N);
  const fillBins = (data: Uint8Array) => {
    for (let p = 0; p < N; p++) bins[p] = binOf(data, 4 * p);
  };
  fillBins(first);
  const tracks = startTracks(cv, grid, input.objects, bins);
  const changed = new Uint8Array(N);
  const scratch = new Uint8Array(N);
  const stats: FrameStats = { changed: [], backgroundPixels: 0, black: [], transparent: [] };
  for (let f = 0; f < grid.frames.length; f++) {
    input.signal?.throwIfAborted();
    const data = grid.frames[f] as Uint8Array;
    fillBins(data);
    changedMask(data, first, changed);
    stepTracks(cv, tracks, grid, bins, changed, scratch);
    const hole = holes(data, first, tracks, f, w);
    stats.black.push(hole.black);
    stats.transparent.push(hole.transparent);
  }
  // The still region depends on where every object went, so it is counted after tracking.
  const still = stillRegion(tracks, w, h);
  for (let p = 0; p < N; p++) stats.backgroundPixels += still[p] as number;
  for (const data of grid.frames) {
    changedMask(data, first, changed);
    let n = 0;
    for (let p = 0; p < N; p++) if (still[p] && changed[p]) n++;
    stats.changed.push(stats.backgroundPixels > 0 ? n / stats.backgroundPixels : 0);
  }
  const slow = input.slowMotion && input.slowMotion > 0 ? input.slowMotion : 1;
  const ctx: CheckContext = {
    tracks,
    k,
    fps,
    frames: grid.frames.length,
    width,
    height,
    intent: input.intent ?? null,
    gravity: input.gravityPxPerS2 ? { x: input.gravityPxPerS2.x / (slow * slow), y: input.gravityPxPerS2.y / (slow * slow) } : null,
    surfaces: input.surfaces ?? [],
  };
  const rings = new Map(
    tracks
      .filter((t) => t.tracked)
      .map((t) => {
        const grown = morph(cv, t.mask0, w, h, Math.max(2, Math.round(0.25 * t.size)));
        const others = tracks.filter((o) => o !== t);
        return [t, grown.map((v, p) => (v && !t.mask0[p] && !others.some((o) => o.mask0[p]) ? 1 : 0))] as const;
      }),
  );
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
