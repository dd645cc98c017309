import type { Raster } from '../../../shared/preview/raster';
import { type CV, loadOpenCv } from '../perceive/opencv';

/** Holes deeper than this (pixels from their edge) are filled at a coarser scale first. */
const DEEP_HOLE = 10;

/** Deterministic per-pixel noise in [-1, 1): the same image always gets the same grain. */
function grain(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 31 - 1;
}

/**
 * Each hole row bridged linearly between the pixels either side of it. Scenes for physics rest
 * things on horizontal surfaces, and the edge of a table or the line where wall meets floor
 * passes straight behind the object: this carries such lines across where inpainting would
 * blur them away.
 */
function rowFill(src: Uint8ClampedArray, hole: Uint8Array, W: number, H: number): Float32Array {
  const out = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    let x = 0;
    while (x < W) {
      if (!hole[y * W + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < W && hole[y * W + x]) x++;
      const left = start > 0 ? start - 1 : x < W ? x : -1;
      const right = x < W ? x : left;
      if (left < 0) continue;
      for (let k = start; k < x; k++) {
        const t = right === left ? 0 : (k - left) / (right - left);
        for (let c = 0; c < 3; c++) {
          const a = src[4 * (y * W + left) + c] as number;
          const b = src[4 * (y * W + right) + c] as number;
          out[3 * (y * W + k) + c] = a + (b - a) * t;
        }
      }
    }
  }
  return out;
}

/**
 * Removes the moving objects from the picture and fills the holes. Telea inpainting (opencv.js)
 * fills thin holes well but smears deep ones, so deep holes also get a coarse fill: Telea on a
 * downscaled copy (where the hole is thin) mixed with a row-wise bridge that carries horizontal
 * edges across. The fine fill is kept at the hole's rim (seamless edges), the coarse one inside;
 * the photo's grain, measured around the hole, is added back to it.
 */
export async function fillBackground(image: Raster, hole: Uint8Array): Promise<{ background: Raster; depth: number }> {
  const cv: CV = await loadOpenCv();
  const { width: W, height: H } = image;
  const mats: Array<{ delete(): void }> = [];
  const mat = <T extends { delete(): void }>(m: T) => {
    mats.push(m);
    return m;
  };
  try {
    const rgba = mat(cv.matFromArray(H, W, cv.CV_8UC4, image.data));
    const rgb = mat(new cv.Mat());
    cv.cvtColor(rgba, rgb, cv.COLOR_RGBA2RGB);
    const mask = mat(
      cv.matFromArray(
        H,
        W,
        cv.CV_8UC1,
        hole.map((v) => (v ? 255 : 0)),
      ),
    );
    // Grow the hole past the soft edge and any halo the segmentation left.
    const grow = Math.max(2, Math.round(Math.max(W, H) * 0.006));
    const kernel = mat(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(2 * grow + 1, 2 * grow + 1)));
    cv.dilate(mask, mask, kernel);
    const dist = mat(new cv.Mat());
    cv.distanceTransform(mask, dist, cv.DIST_L2, 3);
    const depth = cv.minMaxLoc(dist).maxVal as number;
    const fine = mat(new cv.Mat());
    cv.inpaint(rgb, mask, fine, 3, cv.INPAINT_TELEA);
    let coarse: { data: Uint8Array } | null = null;
    if (depth > DEEP_HOLE) {
      const factor = Math.min(16, 2 ** Math.ceil(Math.log2(depth / (DEEP_HOLE / 2))));
      const size = new cv.Size(Math.max(8, Math.round(W / factor)), Math.max(8, Math.round(H / factor)));
      const small = mat(new cv.Mat());
      const smallMask = mat(new cv.Mat());
      cv.resize(rgb, small, size, 0, 0, cv.INTER_AREA);
      cv.resize(mask, smallMask, size, 0, 0, cv.INTER_NEAREST);
      cv.threshold(smallMask, smallMask, 0, 255, cv.THRESH_BINARY);
      // A coarse pixel that straddles the rim must be refilled too.
      cv.dilate(smallMask, smallMask, mat(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3))));
      const smallFilled = mat(new cv.Mat());
      cv.inpaint(small, smallMask, smallFilled, 3, cv.INPAINT_TELEA);
      const up = mat(new cv.Mat());
      cv.resize(smallFilled, up, new cv.Size(W, H), 0, 0, cv.INTER_CUBIC);
      coarse = up;
    }
    const src = image.data;
    const rows = coarse ? rowFill(src, mask.data as Uint8Array, W, H) : null;
    const f = fine.data as Uint8Array;
    const d = dist.data32F as Float32Array;
    const m = mask.data as Uint8Array;
    const sigma = coarse ? rimGrain(src, m, W, H) : 0;
    const out = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      const o = 4 * i;
      if (!m[i]) {
        out[o] = src[o] as number;
        out[o + 1] = src[o + 1] as number;
        out[o + 2] = src[o + 2] as number;
        out[o + 3] = 255;
        continue;
      }
      const w = coarse ? Math.min(1, Math.max(0, ((d[i] as number) - 0.5) / 2)) : 0;
      // Two uniform draws summed: closer to the bell-shaped grain of a sensor than one.
      const noise = sigma * w * 0.87 * (grain(i) + grain(i + 0x5bd1e995));
      for (let c = 0; c < 3; c++) {
        const fineV = f[3 * i + c] as number;
        const coarseV = coarse && rows ? 0.6 * (rows[3 * i + c] as number) + 0.4 * (coarse.data[3 * i + c] as number) : fineV;
        out[o + c] = fineV * (1 - w) + coarseV * w + noise;
      }
      out[o + 3] = 255;
    }
    return { background: { width: W, height: H, data: out }, depth };
  } finally {
    for (const m of mats) m.delete();
  }
}

/**
 * Typical size of the fine detail (pixel minus its 3×3 mean, luma) in a band around the hole.
 * The median absolute deviation, not the standard deviation: edges crossing the band (a table
 * top, a wall corner) must not read as grain.
 */
function rimGrain(src: Uint8ClampedArray, hole: Uint8Array, W: number, H: number): number {
  const values: number[] = [];
  const luma = (x: number, y: number) => {
    const o = 4 * (y * W + x);
    return 0.299 * (src[o] as number) + 0.587 * (src[o + 1] as number) + 0.114 * (src[o + 2] as number);
  };
  for (let y = 1; y < H - 1; y += 2) {
    for (let x = 1; x < W - 1; x += 2) {
      if (hole[y * W + x]) continue;
      // Only pixels within 6 px of the hole count as its surroundings.
      let near = false;
      for (let k = -6; k <= 6 && !near; k += 3)
        near = !!hole[y * W + Math.min(W - 1, Math.max(0, x + k))] || !!hole[Math.min(H - 1, Math.max(0, y + k)) * W + x];
      if (!near) continue;
      let mean = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) mean += luma(x + dx, y + dy);
      values.push(Math.abs(luma(x, y) - mean / 9));
    }
  }
  if (values.length < 16) return 0;
  values.sort((a, b) => a - b);
  // 1.4826 × MAD estimates σ for Gaussian noise.
  return Math.min(6, 1.4826 * (values[values.length >> 1] as number));
}
