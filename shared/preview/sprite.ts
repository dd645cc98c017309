import { decodeRle } from '../scene/rle';
import type { Rle } from '../scene/schema';
import type { Raster } from './raster';

/**
 * A cut-out layer: premultiplied RGBA as floats (colour 0..255 × alpha, alpha 0..1) and the
 * point, in sprite pixels, that a pose places (the object's centroid).
 */
export interface Sprite {
  id: string;
  width: number;
  height: number;
  data: Float32Array;
  origin: { x: number; y: number };
  /** Farthest opaque pixel from the origin: bounds the layer under any rotation. */
  radius: number;
}

/** Samples a 0/1 mask of any resolution at an output pixel centre, bilinearly, giving partial coverage at edges. */
function coverage(mask: Uint8Array, mw: number, mh: number, u: number, v: number): number {
  const x = u - 0.5;
  const y = v - 0.5;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= mw || yy >= mh ? 0 : (mask[yy * mw + xx] as number));
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** 3×3 box blur of the alpha plane, so the cut edge is soft rather than stair-stepped. */
function feather(alpha: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(alpha.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < w) sum += alpha[yy * w + xx] as number;
        }
      }
      out[y * w + x] = sum / 9;
    }
  }
  return out;
}

/**
 * A matte for the cut edge from the picture's own colours: near the mask's boundary each pixel's
 * colour is explained as a mix of the object's colour just inside and the background's just
 * outside, and the mix is its opacity (a hair of fur, a blurred rim keep their part-transparency;
 * a mask that overshoots onto the wall gives that strip back). Where the two colours are too alike
 * to tell apart, the mask's own coverage decides. The matte never reaches more than two pixels past the mask.
 */
function matte(rgb: Float32Array, raw: Float32Array, w: number, h: number): Float32Array {
  const out = raw.slice();
  const R = 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const edge = raw[i] as number;
      if (edge <= 0 || edge >= 1) {
        // Within R of the boundary a solid or empty pixel is still judged; farther away it stays.
        let near = false;
        for (let dy = -R; dy <= R && !near; dy++)
          for (let dx = -R; dx <= R && !near; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h && (raw[yy * w + xx] as number) > 0.5 !== (raw[i] as number) > 0.5) near = true;
          }
        if (!near) continue;
      }
      const fg = [0, 0, 0];
      const bg = [0, 0, 0];
      let nf = 0;
      let nb = 0;
      for (let dy = -2 * R; dy <= 2 * R; dy++) {
        for (let dx = -2 * R; dx <= 2 * R; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const j = yy * w + xx;
          const c = raw[j] as number;
          const target = c >= 0.99 ? fg : c <= 0.01 ? bg : null;
          if (!target) continue;
          target[0] = (target[0] as number) + (rgb[3 * j] as number);
          target[1] = (target[1] as number) + (rgb[3 * j + 1] as number);
          target[2] = (target[2] as number) + (rgb[3 * j + 2] as number);
          if (target === fg) nf++;
          else nb++;
        }
      }
      if (nf === 0 || nb === 0) continue;
      let dot = 0;
      let len = 0;
      for (let c = 0; c < 3; c++) {
        const f = (fg[c] as number) / nf;
        const b = (bg[c] as number) / nb;
        dot += ((rgb[3 * i + c] as number) - b) * (f - b);
        len += (f - b) * (f - b);
      }
      const contrast = Math.sqrt(len);
      if (contrast < 20) continue;
      const mixed = Math.min(1, Math.max(0, dot / len));
      // Trust the colours as far as the object stands out from its background.
      const trust = Math.min(1, contrast / 80);
      out[i] = trust * mixed + (1 - trust) * edge;
    }
  }
  return out;
}

/**
 * Colour at the soft edge is partly background; it is replaced by the mean of nearby solid
 * pixels so the moved layer carries no halo of where it used to be.
 */
function decontaminate(rgb: Float32Array, alpha: Float32Array, w: number, h: number): void {
  const source = rgb.slice();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = alpha[y * w + x] as number;
      if (a <= 0 || a >= 0.95) continue;
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || (alpha[yy * w + xx] as number) < 0.95) continue;
          const j = (yy * w + xx) * 3;
          r += source[j] as number;
          g += source[j + 1] as number;
          b += source[j + 2] as number;
          n++;
        }
      }
      if (n === 0) continue;
      const i = (y * w + x) * 3;
      rgb[i] = r / n;
      rgb[i + 1] = g / n;
      rgb[i + 2] = b / n;
    }
  }
}

/**
 * Cuts an object out of the (already resized) image as a sprite. `centre` is the object's
 * centroid in output pixels; the mask may have any resolution covering the whole image.
 */
export function extractSprite(id: string, image: Raster, mask: Rle, centre: { x: number; y: number }): Sprite | null {
  const bits = decodeRle(mask);
  const { width: W, height: H } = image;
  const sx = mask.width / W;
  const sy = mask.height / H;
  // The object's extent in output pixels, from the mask's own bounding box.
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (!bits[y * mask.width + x]) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return null;
  const margin = 3;
  const x0 = Math.max(0, Math.floor(minX / sx) - margin);
  const y0 = Math.max(0, Math.floor(minY / sy) - margin);
  const x1 = Math.min(W, Math.ceil((maxX + 1) / sx) + margin);
  const y1 = Math.min(H, Math.ceil((maxY + 1) / sy) + margin);
  const w = x1 - x0;
  const h = y1 - y0;
  const raw = new Float32Array(w * h);
  const rgb = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      raw[y * w + x] = coverage(bits, mask.width, mask.height, (x0 + x + 0.5) * sx, (y0 + y + 0.5) * sy);
      const s = ((y0 + y) * W + (x0 + x)) * 4;
      const d = (y * w + x) * 3;
      rgb[d] = image.data[s] as number;
      rgb[d + 1] = image.data[s + 1] as number;
      rgb[d + 2] = image.data[s + 2] as number;
    }
  }
  // The colours decide the edge first; the feather then softens whatever edge they leave.
  const alpha = feather(matte(rgb, raw, w, h), w, h);
  decontaminate(rgb, alpha, w, h);
  const data = new Float32Array(w * h * 4);
  const origin = { x: centre.x - x0, y: centre.y - y0 };
  let radius = 0;
  for (let i = 0; i < w * h; i++) {
    const a = alpha[i] as number;
    data[4 * i] = (rgb[3 * i] as number) * a;
    data[4 * i + 1] = (rgb[3 * i + 1] as number) * a;
    data[4 * i + 2] = (rgb[3 * i + 2] as number) * a;
    data[4 * i + 3] = a;
    if (a > 0) radius = Math.max(radius, Math.hypot((i % w) + 0.5 - origin.x, Math.floor(i / w) + 0.5 - origin.y));
  }
  return { id, width: w, height: h, data, origin, radius };
}
