// The background fill scored against ground truth on real photos: a hole the size and shape of a
// real object of the photo (its hand-drawn box, as the ellipse inside it) is cut where the truth
// is known — beside the object, over the photo's own background — filled by the app's fill, and
// the filled pixels compared with the photo's. A flat fill (the mean colour of the hole's rim)
// is scored the same way, as the floor any fill must beat.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { fillBackground } from '../../electron/engine/preview/background';
import type { Raster } from '../../shared/preview/raster';

export interface FillCase {
  photo: string;
  split: 'dev' | 'holdout';
  /** Hole area as a share of the frame. */
  holeShare: number;
  /** Mean absolute error per channel (0..255) inside the hole: the app's fill, and the flat fill. */
  mae: number;
  flatMae: number;
  /** The same on 8×8 block means: whether the fill got the layout of colour right, grain aside. */
  blockMae: number;
  flatBlockMae: number;
}

const LONG_SIDE = 384;

interface RawPhoto {
  id: string;
  file: string;
  width: number;
  height: number;
  split: string;
  cases: Array<{ key?: { box?: [number, number, number, number] } }>;
}

/** An ellipse inside box (x, y, w, h), output pixels. */
function ellipse(W: number, H: number, x: number, y: number, w: number, h: number): Uint8Array {
  const hole = new Uint8Array(W * H);
  const cx = x + w / 2;
  const cy = y + h / 2;
  for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(H, Math.ceil(y + h)); yy++)
    for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(W, Math.ceil(x + w)); xx++)
      if (((xx + 0.5 - cx) / (w / 2)) ** 2 + ((yy + 0.5 - cy) / (h / 2)) ** 2 <= 1) hole[yy * W + xx] = 1;
  return hole;
}

/** Where to cut: the object's box moved beside it (right, left, below or above, whichever fits), clear of the object. */
function besideBox(W: number, H: number, box: [number, number, number, number]): [number, number, number, number] | null {
  const [x, y, w, h] = box;
  if (x + 2 * w + 4 <= W) return [x + w + 4, y, w, h];
  if (x - w - 4 >= 0) return [x - w - 4, y, w, h];
  if (y + 2 * h + 4 <= H) return [x, y + h + 4, w, h];
  if (y - h - 4 >= 0) return [x, y - h - 4, w, h];
  return null;
}

/** Mean absolute difference of 8×8 block means inside the hole's bounding blocks: the layout of colour, not its grain. */
function blockError(a: Uint8ClampedArray, b: Uint8ClampedArray | number[], W: number, H: number, hole: Uint8Array, flat: boolean): number {
  const B = 8;
  let sum = 0;
  let n = 0;
  for (let by = 0; by < H; by += B)
    for (let bx = 0; bx < W; bx += B) {
      const ma = [0, 0, 0];
      const mb = [0, 0, 0];
      let count = 0;
      for (let y = by; y < Math.min(H, by + B); y++)
        for (let x = bx; x < Math.min(W, bx + B); x++) {
          const i = y * W + x;
          if (!hole[i]) continue;
          count++;
          for (let c = 0; c < 3; c++) {
            (ma[c] as number) += a[4 * i + c] as number;
            (mb[c] as number) += flat ? (b[c] as number) : ((b as Uint8ClampedArray)[4 * i + c] as number);
          }
        }
      if (count < B * B * 0.5) continue;
      for (let c = 0; c < 3; c++) sum += Math.abs((ma[c] as number) - (mb[c] as number)) / count;
      n += 3;
    }
  return n ? sum / n : 0;
}

export async function fillCase(root: string, photo: RawPhoto): Promise<FillCase | null> {
  const box = photo.cases.find((c) => c.key?.box)?.key?.box;
  if (!box) return null;
  const s = LONG_SIDE / Math.max(photo.width, photo.height);
  const W = Math.round(photo.width * s);
  const H = Math.round(photo.height * s);
  const scaled: [number, number, number, number] = [box[0] * s, box[1] * s, box[2] * s, box[3] * s];
  // Holes over a quarter of the frame are beyond what any fill can be scored on fairly; shrink them.
  const k = Math.min(1, Math.sqrt((0.25 * W * H) / Math.max(1, scaled[2] * scaled[3])));
  let sized: [number, number, number, number] = [scaled[0], scaled[1], scaled[2] * k, scaled[3] * k];
  let at = besideBox(W, H, sized);
  // A box too large to sit beside itself is shrunk about its centre until a copy fits.
  for (let tries = 0; !at && tries < 4; tries++) {
    const [x, y, w, h] = sized;
    sized = [x + 0.15 * w, y + 0.15 * h, 0.7 * w, 0.7 * h];
    at = besideBox(W, H, sized);
  }
  if (!at) return null;
  const { data } = await sharp(join(root, 'test', 'fixtures', 'photos', photo.file))
    .rotate()
    .resize(W, H, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image: Raster = { width: W, height: H, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  const hole = ellipse(W, H, ...at);
  let area = 0;
  for (const v of hole) area += v;
  if (area < 50) return null;
  const { background } = await fillBackground(image, hole);
  // The flat fill: the mean colour of a 3-pixel rim around the hole.
  const rim = [0, 0, 0];
  let rimCount = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (hole[y * W + x]) continue;
      let near = false;
      for (let dy = -3; dy <= 3 && !near; dy++)
        for (let dx = -3; dx <= 3 && !near; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < W && yy < H && hole[yy * W + xx]) near = true;
        }
      if (!near) continue;
      for (let c = 0; c < 3; c++) (rim[c] as number) += image.data[4 * (y * W + x) + c] as number;
      rimCount++;
    }
  let err = 0;
  let flat = 0;
  for (let i = 0; i < W * H; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) {
      const truth = image.data[4 * i + c] as number;
      err += Math.abs((background.data[4 * i + c] as number) - truth);
      flat += Math.abs((rim[c] as number) / Math.max(1, rimCount) - truth);
    }
  }
  return {
    photo: photo.id,
    split: photo.split === 'holdout' ? 'holdout' : 'dev',
    holeShare: area / (W * H),
    mae: err / (3 * area),
    flatMae: flat / (3 * area),
    blockMae: blockError(image.data, background.data, W, H, hole, false),
    flatBlockMae: blockError(
      image.data,
      rim.map((v) => v / Math.max(1, rimCount)),
      W,
      H,
      hole,
      true,
    ),
  };
}

export async function fillScores(root: string): Promise<FillCase[]> {
  const data = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'photos', 'photos.json'), 'utf8')) as { photos: RawPhoto[] };
  const out: FillCase[] = [];
  for (const photo of data.photos) {
    const scored = await fillCase(root, photo);
    if (scored) out.push(scored);
  }
  return out;
}
