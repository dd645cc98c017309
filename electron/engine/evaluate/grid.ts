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

export function gridSize(width: number, height: number): { w: number; h: number; k: number } {
  const k = Math.max(1, Math.max(width, height) / EVAL_LONG_SIDE);
  return { w: Math.max(1, Math.round(width / k)), h: Math.max(1, Math.round(height / k)), k };
}

/** Area-averaged reduction of every frame (opencv's INTER_AREA), alpha kept so holes still show. */
export async function reduceFrames(cv: CV, source: FrameSource, width: number, height: number, signal?: AbortSignal): Promise<Grid> {
  const { w, h, k } = gridSize(width, height);
  const src = new cv.Mat(height, width, cv.CV_8UC4);
  const dst = new cv.Mat();
  const frames: Uint8Array[] = [];
  try {
    for (let f = 0; f < source.count; f++) {
      signal?.throwIfAborted();
      const frame = await source.frame(f);
      if (frame.width !== width || frame.height !== height) {
        throw new RangeError(`frame ${f} is ${frame.width}×${frame.height}, not ${width}×${height}`);
      }
      src.data.set(frame.data);
      if (k === 1) frames.push(new Uint8Array(frame.data));
      else {
        cv.resize(src, dst, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
        frames.push(new Uint8Array(dst.data));
      }
    }
  } finally {
    src.delete();
    dst.delete();
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
