import sharp from 'sharp';
import type { Raster } from '../../../shared/preview/raster';
import { clipLabel } from '../../../shared/run/clip-score';
import type { Run } from '../../../shared/run/schema';

export const COMPOSITE_GAP = 8;
export const LABEL_BAR = 40;

export interface CompositeLayout {
  width: number;
  height: number;
  /** RGBA of the label bar, drawn once and copied into every frame. */
  bar: Uint8ClampedArray;
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The side-by-side frame: baseline left, physics right, each labelled with its score. */
export async function compositeLayout(run: Run): Promise<CompositeLayout> {
  const { width: w } = run.clips.baseline.size;
  const width = 2 * w + COMPOSITE_GAP;
  const height = run.clips.baseline.size.height + LABEL_BAR;
  const size = Math.max(11, Math.min(18, Math.round(w / 30)));
  const label = (x: number, text: string, colour: string) =>
    `<text x="${x + 10}" y="${LABEL_BAR / 2 + size / 2 - 2}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="${size}" fill="${colour}">${escapeXml(text)}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${LABEL_BAR}"><rect width="${width}" height="${LABEL_BAR}" fill="#15171c"/>${label(0, clipLabel(run.clips.baseline), '#d6d9e0')}${label(w + COMPOSITE_GAP, clipLabel(run.clips.physics), '#7fd6a4')}</svg>`;
  const { data } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width, height, bar: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

/** Copies the two clip frames under the label bar into `out`. */
export function composeFrame(layout: CompositeLayout, left: Raster, right: Raster, out: Raster): Raster {
  const { width } = layout;
  out.data.fill(0);
  out.data.set(layout.bar.subarray(0, width * LABEL_BAR * 4), 0);
  for (let y = 0; y < left.height; y++) {
    const row = (LABEL_BAR + y) * width * 4;
    out.data.set(left.data.subarray(y * left.width * 4, (y + 1) * left.width * 4), row);
    out.data.set(right.data.subarray(y * right.width * 4, (y + 1) * right.width * 4), row + (left.width + COMPOSITE_GAP) * 4);
    // The gap between the two is dark, not transparent.
    for (let x = left.width; x < left.width + COMPOSITE_GAP; x++) {
      const o = row + x * 4;
      out.data[o] = 21;
      out.data[o + 1] = 23;
      out.data[o + 2] = 28;
      out.data[o + 3] = 255;
    }
  }
  return out;
}
