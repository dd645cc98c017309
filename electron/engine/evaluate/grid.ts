import type { Raster } from '../../../shared/preview/raster';
import { decodeRle } from '../../../shared/scene/rle';
import type { Rle } from '../../../shared/scene/schema';
import type { CV } from '../perceive/opencv';
import type { FrameSource } from './types';

/** Frames are judged on a grid at most this many pixels on the long side: enough for objects, cheap for 120 frames. */
export const EVAL_LONG_SIDE = 192;

/** A clip reduced for judging: RGBA frames of `w` × `h`; `k` frame pixels per grid pixel. */
export interface Grid {
  w: number;
  h: number;
  k: number;
  frames: Uint8Array[];
}

/** A whole reduction factor, so each grid pixel is one block of k × k frame pixels. */
export function gridSize(width: number, height: number): { w: number; h: number; k: number } {
  const k = Math.max(1, Math.ceil(Math.max(width, height) / EVAL_LONG_SIDE));
  return { w: Math.max(1, Math.floor(width / k)), h: Math.max(1, Math.floor(height / k)), k };
}

/**
 * Reduces one frame: each grid pixel is the mean colour of four samples spread over its k × k
 * block (all of it when k ≤ 2), and the least opaque of their alphas, so a hole still shows.
 * Read straight from the frame's own memory: copying 121 frames into opencv's heap to area-average
 * them cost more than the rest of the evaluation together.
 */
export function reduceFrame(frame: Raster, w: number, h: number, k: number, out: Uint8Array): Uint8Array {
  const W = frame.width;
  const src = frame.data;
  const offsets = k <= 2 ? [0, k - 1] : [Math.floor(k / 4), Math.floor((3 * k) / 4)];
  const [a, b] = offsets as [number, number];
  for (let y = 0; y < h; y++) {
    const r0 = (y * k + a) * W;
    const r1 = (y * k + b) * W;
    for (let x = 0; x < w; x++) {
      const i0 = 4 * (r0 + x * k + a);
      const i1 = 4 * (r0 + x * k + b);
      const i2 = 4 * (r1 + x * k + a);
      const i3 = 4 * (r1 + x * k + b);
      const o = 4 * (y * w + x);
      out[o] = ((src[i0] as number) + (src[i1] as number) + (src[i2] as number) + (src[i3] as number) + 2) >> 2;
      out[o + 1] = ((src[i0 + 1] as number) + (src[i1 + 1] as number) + (src[i2 + 1] as number) + (src[i3 + 1] as number) + 2) >> 2;
      out[o + 2] = ((src[i0 + 2] as number) + (src[i1 + 2] as number) + (src[i2 + 2] as number) + (src[i3 + 2] as number) + 2) >> 2;
      out[o + 3] = Math.min(src[i0 + 3] as number, src[i1 + 3] as number, src[i2 + 3] as number, src[i3 + 3] as number);
    }
  }
  return out;
}

/** Every frame of the source, reduced to the grid. */
export async function reduceFrames(source: FrameSource, width: number, height: number, signal?: AbortSignal): Promise<Grid> {
  const { w, h, k } = gridSize(width, height);
  const frames: Uint8Array[] = [];
  for (let f = 0; f < source.count; f++) {
    signal?.throwIfAborted();
    const frame = await source.frame(f);
    if (frame.width !== width || frame.height !== height || frame.data.length !== width * height * 4) {
      throw new RangeError(`frame ${f} is ${frame.width}×${frame.height}, not ${width}×${height}`);
    }
    frames.push(reduceFrame(frame, w, h, k, new Uint8Array(w * h * 4)));
  }
  return { w, h, k, frames };
}

/** A mask on the grid: a grid pixel belongs to it when the mask covers its centre. */
export function maskOnGrid(rle: Rle, w: number, h: number): Uint8Array {
  const full = decodeRle(rle);
  const out = new Uint8Array(w * h);
  if (rle.width === 0 || rle.height === 0) return out;
  const sx = rle.width / w;
  const sy = rle.height / h;
  for (let y = 0; y < h; y++) {
    const my = Math.min(rle.height - 1, Math.floor((y + 0.5) * sy));
    for (let x = 0; x < w; x++) {
      const mx = Math.min(rle.width - 1, Math.floor((x + 0.5) * sx));
      out[y * w + x] = full[my * rle.width + mx] ? 1 : 0;
    }
  }
  return out;
}

/** Grows (r > 0) or shrinks (r < 0) a 0/1 mask by |r| grid pixels with an elliptical kernel. */
export function morph(cv: CV, mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (r === 0) return mask.slice();
  const m = new cv.Mat(h, w, cv.CV_8UC1);
  const size = 2 * Math.abs(r) + 1;
  const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(size, size));
  try {
    m.data.set(mask);
    if (r > 0) cv.dilate(m, m, kernel);
    else cv.erode(m, m, kernel);
    return new Uint8Array(m.data);
  } finally {
    m.delete();
    kernel.delete();
  }
}

export interface Component {
  area: number;
  cx: number;
  cy: number;
  /** Box in grid pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Lowest row (largest y) any of its pixels reach. */
  bottom: number;
}

/** 8-connected pieces of a 0/1 mask with at least `minArea` pixels (opencv's connectedComponentsWithStats). */
export function components(cv: CV, mask: Uint8Array, w: number, h: number, minArea: number): Component[] {
  const m = new cv.Mat(h, w, cv.CV_8UC1);
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  try {
    m.data.set(mask);
    const n = cv.connectedComponentsWithStats(m, labels, stats, centroids, 8, cv.CV_32S);
    const out: Component[] = [];
    const s = stats.data32S as Int32Array;
    const c = centroids.data64F as Float64Array;
    for (let i = 1; i < n; i++) {
      const area = s[i * 5 + 4] as number;
      if (area < minArea) continue;
      const x0 = s[i * 5] as number;
      const y0 = s[i * 5 + 1] as number;
      const bw = s[i * 5 + 2] as number;
      const bh = s[i * 5 + 3] as number;
      out.push({ area, cx: (c[i * 2] as number) + 0.5, cy: (c[i * 2 + 1] as number) + 0.5, x0, y0, x1: x0 + bw, y1: y0 + bh, bottom: y0 + bh });
    }
    return out;
  } finally {
    m.delete();
    labels.delete();
    stats.delete();
    centroids.delete();
  }
}
