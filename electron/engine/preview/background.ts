import type { Raster } from '../../../shared/preview/raster';
import { type CV, loadOpenCv } from '../perceive/opencv';
import { patchFill } from './patch-fill';

/**
 * Holes deeper than this (pixels from their edge) are filled from patches of the picture; thinner
 * ones by Telea inpainting, which is exact enough across a few pixels and smears anything wider.
 */
export const DEEP_HOLE = 10;

/** How far the hole is grown past the mask it is given, for an output of this size. */
export function holeMargin(width: number, height: number): number {
  return Math.max(2, Math.round(Math.max(width, height) * 0.006));
}

/**
 * Removes the moving objects from the picture and fills the holes. Each connected hole is filled
 * by the method that suits its depth: exemplar-based patch filling (patch-fill.ts) for deep holes,
 * which carries texture, grain and straight edges across; Telea inpainting (opencv.js) for thin
 * ones, where it is seamless and cheap. Pixels outside the (grown) hole are never changed, and the
 * result is the same for the same input, byte for byte.
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
    const bytes = new Uint8Array(W * H);
    for (let i = 0; i < W * H; i++) bytes[i] = hole[i] ? 255 : 0;
    const mask = mat(cv.matFromArray(H, W, cv.CV_8UC1, bytes));
    // Grow the hole past the soft edge and any halo the segmentation left.
    const grow = holeMargin(W, H);
    const kernel = mat(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(2 * grow + 1, 2 * grow + 1)));
    cv.dilate(mask, mask, kernel);
    const dist = mat(new cv.Mat());
    cv.distanceTransform(mask, dist, cv.DIST_L2, 3);
    const depth = cv.minMaxLoc(dist).maxVal as number;
    const labels = mat(new cv.Mat());
    cv.connectedComponents(mask, labels, 8, cv.CV_32S);
    // Copies, not views: any later allocation may grow the WASM heap and detach views into it.
    const m = (mask.data as Uint8Array).slice();
    const label = (labels.data32S as Int32Array).slice();
    let filled: Uint8Array = (rgb.data as Uint8Array).slice();
    // 255 where Telea still has to fill: at first the whole hole, less each part filled from patches.
    const telea = m.slice();
    for (const part of deepParts(label, (dist.data32F as Float32Array).slice())) {
      const own = new Uint8Array(W * H);
      for (let i = 0; i < W * H; i++) if (label[i] === part) own[i] = 1;
      // One part at a time, so each searches only its own surroundings. No hole pixel is ever a
      // source, filled or not: the unfilled ones still hold the objects' colours.
      const patched = patchFill(filled, W, H, own, m);
      if (!patched) continue;
      filled = patched;
      for (let i = 0; i < W * H; i++) if (own[i]) telea[i] = 0;
    }
    if (telea.includes(255)) {
      const src = mat(cv.matFromArray(H, W, cv.CV_8UC3, filled));
      const teleaMask = mat(cv.matFromArray(H, W, cv.CV_8UC1, telea));
      const out = mat(new cv.Mat());
      cv.inpaint(src, teleaMask, out, 3, cv.INPAINT_TELEA);
      filled = (out.data as Uint8Array).slice();
    }
    const from = image.data;
    const data = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      const o = 4 * i;
      const hit = !!m[i];
      data[o] = hit ? (filled[3 * i] as number) : (from[o] as number);
      data[o + 1] = hit ? (filled[3 * i + 1] as number) : (from[o + 1] as number);
      data[o + 2] = hit ? (filled[3 * i + 2] as number) : (from[o + 2] as number);
      data[o + 3] = 255;
    }
    return { background: { width: W, height: H, data }, depth };
  } finally {
    for (const m of mats) m.delete();
  }
}

/** Labels (> 0) of the hole's connected parts deeper than DEEP_HOLE, in label order. */
function deepParts(label: Int32Array, dist: Float32Array): number[] {
  let count = 0;
  for (const l of label) if (l > count) count = l;
  const maxDepth = new Float32Array(count + 1);
  for (let i = 0; i < label.length; i++) {
    const l = label[i] as number;
    if ((dist[i] as number) > (maxDepth[l] as number)) maxDepth[l] = dist[i] as number;
  }
  const parts: number[] = [];
  for (let l = 1; l <= count; l++) if ((maxDepth[l] as number) > DEEP_HOLE) parts.push(l);
  return parts;
}
