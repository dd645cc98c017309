import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CV, loadOpenCv } from '../../electron/engine/perceive/opencv';
import { fillBackground, holeMargin } from '../../electron/engine/preview/background';
import { boxMeans } from '../../electron/engine/preview/background-box';
import { createField, R } from '../../electron/engine/preview/background-patchmatch';
import { patchFill } from '../../electron/engine/preview/patch-fill';
import type { Raster } from '../../shared/preview/raster';

// Synthetic backgrounds with an object-shaped hole cut in them: the original background is the
// ground truth the fill is scored against.

const W = 320;
const H = 240;

/** Deterministic noise in [-0.5, 0.5), standing in for sensor grain. */
function noise(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32 - 0.5;
}

function picture(f: (x: number, y: number) => [number, number, number]): Raster {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const [r, g, b] = f(x, y);
      data.set([r, g, b, 255], 4 * (y * W + x));
    }
  return { width: W, height: H, data };
}

const stripes = () => picture((_, y) => (Math.floor(y / 10) % 2 ? [200, 170, 90] : [60, 70, 90]));
const gradient = () => picture((x, y) => [40 + x * 0.5, 60 + y * 0.6, 220 - (x + y) * 0.3]);
/** A grainy wall meeting a darker floor at y = 170, with a pale skirting line along the join. */
const wallAndFloor = () =>
  picture((x, y) => {
    const n = 12 * noise(y * W + x);
    if (y === 170) return [240, 236, 228];
    return y < 170 ? [222 + n, 214 + n, 200 + n] : [165 + n, 145 + n, 115 + n];
  });

/** A lumpy round blob (not a disc, so no symmetry helps the fill) covering about 12% of the picture. */
function blob(cx = 150, cy = 125, r = 47): Uint8Array {
  const hole = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const rr = r * (1 + 0.15 * Math.sin(3 * Math.atan2(y - cy, x - cx)));
      if ((x - cx) ** 2 + (y - cy) ** 2 < rr * rr) hole[y * W + x] = 1;
    }
  return hole;
}

function rect(x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const hole = new Uint8Array(W * H);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hole[y * W + x] = 1;
  return hole;
}

/** A bundled sample at preview size, decoded as layers.ts does. */
async function sample(name: string): Promise<Raster> {
  const { data, info } = await sharp(join(__dirname, '../../resources/samples', name))
    .resize(512, 384, { fit: 'fill', kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data) };
}

let cv: CV;
beforeAll(async () => {
  cv = await loadOpenCv();
});

/** The hole as fillBackground grows it (past the segmentation's halo). */
function grown(hole: Uint8Array): Uint8Array {
  const grow = holeMargin(W, H);
  const mask = cv.matFromArray(
    H,
    W,
    cv.CV_8UC1,
    hole.map((v) => (v ? 255 : 0)),
  );
  const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(2 * grow + 1, 2 * grow + 1));
  cv.dilate(mask, mask, kernel);
  const out = (mask.data as Uint8Array).slice();
  mask.delete();
  kernel.delete();
  return out;
}

/** Plain opencv.js Telea inpainting over the same grown hole: the floor the patch fill must beat. */
function telea(image: Raster, mask: Uint8Array): Raster {
  const rgba = cv.matFromArray(H, W, cv.CV_8UC4, image.data);
  const rgb = new cv.Mat();
  cv.cvtColor(rgba, rgb, cv.COLOR_RGBA2RGB);
  const m = cv.matFromArray(H, W, cv.CV_8UC1, mask);
  const out = new cv.Mat();
  cv.inpaint(rgb, m, out, 3, cv.INPAINT_TELEA);
  const bytes = (out.data as Uint8Array).slice();
  for (const x of [rgba, rgb, m, out]) x.delete();
  const data = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) data.set([bytes[3 * i] as number, bytes[3 * i + 1] as number, bytes[3 * i + 2] as number, 255], 4 * i);
  return { width: W, height: H, data };
}

/** Root-mean-square error against the original background, over the filled pixels only. */
function rms(a: Raster, truth: Raster, mask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < W * H; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < 3; c++) sum += ((a.data[4 * i + c] as number) - (truth.data[4 * i + c] as number)) ** 2;
    n += 3;
  }
  return Math.sqrt(sum / n);
}

function hash(r: Raster): string {
  return createHash('sha256').update(r.data).digest('hex');
}

describe('background fill', () => {
  it('continues stripes through a large hole, where Telea smears them', async () => {
    const image = stripes();
    const hole = blob();
    const mask = grown(hole);
    const { background, depth } = await fillBackground(image, hole);
    expect(depth).toBeGreaterThan(30);
    const patch = rms(background, image, mask);
    const floor = rms(telea(image, mask), image, mask);
    expect(floor).toBeGreaterThan(30);
    expect(patch).toBeLessThan(floor / 4);
  });

  it('keeps a straight wall-to-floor edge straight behind a block standing on it', async () => {
    const image = wallAndFloor();
    // A tall stack of blocks whose foot covers the edge, as toys standing on the floor do.
    const hole = rect(130, 30, 186, 171);
    const { background } = await fillBackground(image, hole);
    // Per column, the first row from the top that is floor-coloured: the edge's height.
    for (let x = 120; x < 196; x++) {
      let edge = -1;
      for (let y = 20; y < H && edge < 0; y++) if ((background.data[4 * (y * W + x)] as number) < 194) edge = y;
      expect(Math.abs(edge - 171), `edge at column ${x}`).toBeLessThanOrEqual(1);
    }
    const mask = grown(hole);
    expect(rms(background, image, mask)).toBeLessThan(rms(telea(image, mask), image, mask) / 2);
  });

  it('carries the table top across where the ball of the ball-off-table sample sat on it', async () => {
    // The ball rests on the table's thin top (a pale band, y 168-173, over a dark edge, 174-175);
    // cutting it out must not cut the table.
    const image = await sample('ball-off-table.png');
    const w = image.width;
    const hole = new Uint8Array(w * image.height);
    for (let y = 120; y < 178; y++) for (let x = 260; x < 318; x++) if ((x - 288.5) ** 2 + (y - 148.5) ** 2 <= 25 ** 2) hole[y * w + x] = 1;
    const { background } = await fillBackground(image, hole);
    const at = (x: number, y: number, c: number) => background.data[4 * (y * w + x) + c] as number;
    let wrong = 0;
    for (let x = 266; x < 312; x++) {
      for (let y = 160; y < 166; y++) if (at(x, y, 2) < 185) wrong++; // wall: little yellow
      for (let y = 168; y < 173; y++) if (at(x, y, 2) > 175) wrong++; // table top: yellower
      for (let y = 174; y < 176; y++) if (at(x, y, 0) > 130) wrong++; // its dark edge
    }
    expect(wrong).toBe(0);
  });

  it('stays as close as Telea on a smooth gradient', async () => {
    const image = gradient();
    const hole = blob();
    const mask = grown(hole);
    const { background } = await fillBackground(image, hole);
    const patch = rms(background, image, mask);
    const floor = rms(telea(image, mask), image, mask);
    expect(patch).toBeLessThanOrEqual(Math.max(3, floor * 1.1));
  });

  it('changes no pixel outside the grown hole', async () => {
    const image = wallAndFloor();
    // A deep hole (patches) and a thin one (Telea) at once.
    const hole = blob(110, 120, 40);
    for (let x = 220; x < 300; x++) hole[60 * W + x] = 1;
    const mask = grown(hole);
    const { background } = await fillBackground(image, hole);
    let outside = 0;
    let changed = 0;
    for (let i = 0; i < W * H; i++) {
      if (mask[i]) continue;
      outside++;
      for (let c = 0; c < 4; c++) if (background.data[4 * i + c] !== image.data[4 * i + c]) changed++;
    }
    expect(outside).toBeGreaterThan(W * H * 0.7);
    expect(changed).toBe(0);
    // Inside, the hole is really filled, not left as it was.
    expect(rms(background, image, mask)).toBeLessThan(12);
  });

  it('fills thin holes with Telea, exactly as opencv.js does', async () => {
    const image = gradient();
    const hole = new Uint8Array(W * H);
    for (let x = 40; x < 280; x++) hole[100 * W + x] = 1;
    const { background } = await fillBackground(image, hole);
    expect(hash(background)).toBe(hash(telea(image, grown(hole))));
  });

  it('is byte-identical from run to run', async () => {
    const image = wallAndFloor();
    const hole = blob();
    const first = await fillBackground(image, hole);
    const second = await fillBackground({ ...image, data: image.data.slice() }, hole.slice());
    expect(hash(second.background)).toBe(hash(first.background));
  });
});

describe('patchFill', () => {
  const rgbOf = (r: Raster) => {
    const rgb = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.set([r.data[4 * i] as number, r.data[4 * i + 1] as number, r.data[4 * i + 2] as number], 3 * i);
    return rgb;
  };

  it('writes only inside the mask it is given', () => {
    const rgb = rgbOf(wallAndFloor());
    const hole = blob();
    const out = patchFill(rgb, W, H, hole);
    expect(out).not.toBeNull();
    let inside = 0;
    let outside = 0;
    for (let i = 0; i < W * H; i++)
      for (let c = 0; c < 3; c++) {
        const differs = out?.[3 * i + c] !== rgb[3 * i + c] ? 1 : 0;
        if (hole[i]) inside += differs;
        else outside += differs;
      }
    expect(outside).toBe(0);
    expect(inside).toBeGreaterThan(0);
  });

  it('copies only from whole patches clear of the hole and of pixels marked to avoid', () => {
    const hole = blob();
    const avoid = rect(20, 20, 90, 60);
    const blocked = Uint8Array.from(hole, (v, i) => (v || avoid[i] ? 1 : 0));
    const field = createField({ width: W, height: H, rgb: new Float64Array(W * H * 3), hole, blocked });
    if (!field) throw new Error('no field');
    let wrong = 0;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let clean = x >= R && y >= R && x < W - R && y < H - R;
        for (let dy = -R; dy <= R && clean; dy++) for (let dx = -R; dx <= R && clean; dx++) clean = !blocked[(y + dy) * W + x + dx];
        if (!!field.valid[y * W + x] !== clean) wrong++;
      }
    expect(wrong).toBe(0);
    expect(field.sources.length).toBeGreaterThan(W * H * 0.5);
  });

  it('gives up (null) when no whole patch is left to copy from', () => {
    const rgb = rgbOf(gradient());
    const hole = new Uint8Array(W * H).fill(1);
    hole[0] = 0;
    expect(patchFill(rgb, W, H, hole)).toBeNull();
  });
});

describe('boxMeans', () => {
  it('matches the brute-force window mean, whole image and a sub-rectangle', () => {
    const w = 23;
    const h = 17;
    const src = Float64Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 101);
    for (const rect of [undefined, { x0: 5, y0: 4, x1: 15, y1: 9 }]) {
      const out = new Float64Array(w * h * 3).fill(-1);
      boxMeans(w, h, src, 2, out, rect);
      const r = rect ?? { x0: 0, y0: 0, x1: w - 1, y1: h - 1 };
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let c = 0; c < 3; c++) {
            const got = out[3 * (y * w + x) + c] as number;
            const inside = x >= Math.max(2, r.x0) && x <= Math.min(w - 3, r.x1) && y >= Math.max(2, r.y0) && y <= Math.min(h - 3, r.y1);
            if (!inside) {
              expect(got).toBe(-1);
              continue;
            }
            let sum = 0;
            for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) sum += src[3 * ((y + dy) * w + x + dx) + c] as number;
            expect(got).toBeCloseTo(sum / 25, 9);
          }
    }
  });
});
