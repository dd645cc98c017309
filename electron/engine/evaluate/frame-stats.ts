import type { CV } from '../perceive/opencv';
import { morph } from './grid';
import type { ObjectTrack } from './tracker';

/** A pixel is black below this level in every channel… */
export const BLACK_LEVEL = 16;
/** …and newly black only where frame 0 was clearly not dark. */
export const WAS_LIT = 48;
/** Rendered frames are opaque: any less is an empty pixel. */
export const OPAQUE = 250;

/** Per-frame counts for the background and artefact checks, gathered in the same pass as tracking. */
export interface FrameStats {
  /** Share of the still background that changed from frame 0, per frame. */
  changed: number[];
  /** Grid pixels of still background (the same every frame: the region no object ever reaches). */
  backgroundPixels: number;
  /** Newly black pixels no object explains, per frame (grid pixels). */
  black: number[];
  /** Pixels not fully opaque, per frame. */
  transparent: number[];
}

/**
 * The region nothing should disturb: outside every moving object's start, every place it is
 * measured at (plus a margin for its shadow and motion blur), and every object too large to follow.
 */
export function stillRegion(cv: CV, tracks: ObjectTrack[], w: number, h: number): Uint8Array {
  const still = new Uint8Array(w * h).fill(1);
  const clear = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(h, Math.ceil(y1)); y++) {
      still.fill(0, y * w + Math.max(0, Math.floor(x0)), y * w + Math.min(w, Math.ceil(x1)));
    }
  };
  for (const t of tracks) {
    if (!t.dynamic) continue;
    const m = Math.ceil(0.35 * t.size + 2);
    // Its start, grown by the margin (the fill behind it is judged by the artefact check).
    const start = morph(cv, t.mask0, w, h, m);
    for (let p = 0; p < start.length; p++) if (start[p]) still[p] = 0;
    let prev: ObjectTrack['seen'][number] | null = null;
    for (const s of t.seen) {
      if (!s.found) continue;
      // Motion blur stretches it back along its path: cover the gap to where it was.
      const x0 = Math.min(s.x0, prev?.x0 ?? s.x0);
      const y0 = Math.min(s.y0, prev?.y0 ?? s.y0);
      const x1 = Math.max(s.x1, prev?.x1 ?? s.x1);
      const y1 = Math.max(s.y1, prev?.y1 ?? s.y1);
      clear(x0 - m, y0 - m, x1 + m, y1 + m + 0.25 * t.size);
      prev = s;
    }
  }
  return still;
}

/** Of the newly black pixels, those no tracked object's own dark colours explain (a black ball is no hole). */
export function unexplainedBlack(dark: number[], bins: Uint16Array, tracks: ObjectTrack[], f: number, w: number): number {
  let black = 0;
  for (const p of dark) {
    const x = p % w;
    const y = Math.floor(p / w);
    const bin = bins[p] as number;
    const explained = tracks.some((t) => {
      const s = t.seen[f];
      return t.model && s?.found && x >= s.x0 && x < s.x1 && y >= s.y0 && y < s.y1 && (t.model.p[bin] as number) > t.threshold;
    });
    if (!explained) black++;
  }
  return black;
}
