import type { Check, CheckId, EvalIntent, EvalSurface } from '../../../../shared/evaluate/schema';
import type { Point } from '../../../../shared/scene/schema';
import type { ObjectTrack } from '../tracker';

/** Everything a check may read: the measured tracks and what the frames' first image and the prompt said. */
export interface CheckContext {
  tracks: ObjectTrack[];
  /** Frame pixels per grid pixel. */
  k: number;
  fps: number;
  frames: number;
  /** Frame size in pixels. */
  width: number;
  height: number;
  /** Grid size (the reduced frames the tracks are measured on). */
  gridW: number;
  gridH: number;
  intent: EvalIntent | null;
  /** Expected gravity in the frames, px/s² (slow motion applied); null when unknown. */
  gravity: Point | null;
  surfaces: EvalSurface[];
  /** Share of the whole frame changed from frame 0, per frame. */
  frameChange: number[];
  /** Named objects that could not be followed: the largest share of their frame-0 pixels that changed. */
  maskChange: Map<string, number>;
}

export const WEIGHTS: Record<CheckId, number> = {
  intent: 0.25,
  in_frame: 0.1,
  no_teleport: 0.15,
  no_vanish_split: 0.15,
  gravity_fit: 0.1,
  support_penetration: 0.1,
  background_stable: 0.075,
  artefacts: 0.075,
};

export const LABELS: Record<CheckId, string> = {
  intent: 'Does what the prompt says',
  in_frame: 'Stays in frame',
  no_teleport: 'No jumps',
  no_vanish_split: 'No vanishing or splitting',
  gravity_fit: 'Falls with gravity',
  support_penetration: 'Rests on supports, never sinks in',
  background_stable: 'Still background stays still',
  artefacts: 'No holes or smears',
};

export function check(id: CheckId, applicable: boolean, score: number, pass: boolean, reason: string): Check {
  const s = Math.max(0, Math.min(1, Number.isFinite(score) ? score : 0));
  return { id, label: LABELS[id], score: applicable ? s : 1, pass: applicable ? pass : true, reason, applicable, weight: WEIGHTS[id] };
}

export function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

/** Position in frame pixels at frame f, or null where the object was not found. */
export function at(t: ObjectTrack, k: number, f: number): Point | null {
  const s = t.seen[f];
  return s?.found ? { x: s.cx * k, y: s.cy * k } : null;
}

/** The tracked, moving-capable objects. */
export function followed(ctx: CheckContext): ObjectTrack[] {
  return ctx.tracks.filter((t) => t.tracked);
}

/** Largest distance from its frame-0 position, frame pixels (a departure through the frame's edge counts as its size). */
export function maxDisplacement(t: ObjectTrack, k: number): number {
  const p0 = at(t, k, 0);
  if (!p0) return 0;
  let best = 0;
  for (let f = 1; f < t.seen.length; f++) {
    const p = at(t, k, f);
    if (p) best = Math.max(best, Math.hypot(p.x - p0.x, p.y - p0.y));
    else if (t.seen[f]?.exited) best = Math.max(best, t.size * k);
  }
  return best;
}

export function seconds(f: number, fps: number): string {
  return `${(f / fps).toFixed(1)} s`;
}

export function px(v: number): string {
  return `${Math.round(v)} px`;
}

/** The surface's height (y, frame pixels) under x, or null when x is outside its span. */
export function surfaceY(s: EvalSurface, x: number): number | null {
  for (let i = 0; i + 1 < s.points.length; i++) {
    const a = s.points[i] as Point;
    const b = s.points[i + 1] as Point;
    const lo = Math.min(a.x, b.x);
    const hi = Math.max(a.x, b.x);
    if (x < lo || x > hi) continue;
    if (hi - lo < 1e-9) return Math.min(a.y, b.y);
    return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return null;
}
