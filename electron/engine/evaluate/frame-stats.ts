import type { ObjectTrack } from './tracker';

/** A background pixel changed when it moved this far from frame 0 (same level as tracking). */
const BLACK_LEVEL = 16;
/** A pixel is newly black only where frame 0 was clearly not dark. */
const WAS_LIT = 48;

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
export function stillRegion(tracks: ObjectTrack[], w: number, h: number): Uint8Array {
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
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (t.mask0[y * w + x]) clear(x - m, y - m, x + m + 1, y + m + 1);
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

/** Newly black or transparent pixels of frame `data`, skipping any an object's own dark colours explain. */
export function holes(data: Uint8Array, first: Uint8Array, tracks: ObjectTrack[], f: number, w: number): { black: number; transparent: number } {
  let black = 0;
  let transparent = 0;
  for (let i = 0, p = 0; i < data.length; i += 4, p++) {
    if ((data[i + 3] as number) < 250) transparent++;
    const max = Math.max(data[i] as number, data[i + 1] as number, data[i + 2] as number);
    if (max >= BLACK_LEVEL) continue;
    const was = Math.max(first[i] as number, first[i + 1] as number, first[i + 2] as number);
    if (was < WAS_LIT) continue;
    const x = p % w;
    const y = Math.floor(p / w);
    const bin = ((data[i] as number) >> 4) * 256 + ((data[i + 1] as number) >> 4) * 16 + ((data[i + 2] as number) >> 4);
    const explained = tracks.some((t) => {
      const s = t.seen[f];
      return t.model && s?.found && x >= s.x0 && x < s.x1 && y >= s.y0 && y < s.y1 && (t.model.p[bin] as number) > t.threshold;
    });
    if (!explained) black++;
  }
  return { black, transparent };
}
