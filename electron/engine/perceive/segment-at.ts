import type { BBox, Point } from '../../../shared/scene/schema';
import { loadOpenCv, seededGrabCut } from './opencv';
import { foreground, largestPiece, SEGMENT_LONG_SIDE, type Segment } from './segment';

/**
 * One object where the user pointed: grabCut seeded from a drawn box, or from a click (a box
 * around the click with the clicked spot marked as certainly the object). Returns null when
 * nothing separates from its surroundings there.
 */
export async function segmentAt(
  rgba: Uint8Array,
  width: number,
  height: number,
  seed: { point: Point } | { box: BBox },
  longSide = SEGMENT_LONG_SIDE,
): Promise<Segment | null> {
  const cv = await loadOpenCv();
  const scale = Math.min(1, longSide / Math.max(width, height));
  const w = Math.max(8, Math.round(width * scale));
  const h = Math.max(8, Math.round(height * scale));
  const half = Math.round(Math.max(w, h) * 0.12);
  const box =
    'box' in seed
      ? { x: seed.box.x * scale, y: seed.box.y * scale, w: seed.box.w * scale, h: seed.box.h * scale }
      : { x: seed.point.x * scale - half, y: seed.point.y * scale - half, w: 2 * half, h: 2 * half };
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(w - 1, Math.round(box.x + box.w));
  const y1 = Math.min(h - 1, Math.round(box.y + box.h));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const src = cv.matFromImageData({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height });
  const small = new cv.Mat();
  const rgb = new cv.Mat();
  const mask = new cv.Mat(h, w, cv.CV_8UC1, new cv.Scalar(cv.GC_BGD));
  const bgd = new cv.Mat();
  const fgd = new cv.Mat();
  const bin = new cv.Mat(h, w, cv.CV_8UC1);
  try {
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, rgb, cv.COLOR_RGBA2RGB);
    const rect = new cv.Rect(x0, y0, x1 - x0, y1 - y0);
    // A drawn box says "the object is in here"; a click says only "this spot is the object", so
    // the rest of its neighbourhood starts as probably background and grabCut grows from the spot.
    const inside = 'box' in seed ? cv.GC_PR_FGD : cv.GC_PR_BGD;
    // One heap view for the loops: each `.data` read on an opencv.js Mat builds a new one.
    const maskPx = mask.data as Uint8Array;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) maskPx[y * w + x] = inside;
    if ('point' in seed) {
      const px = Math.round(seed.point.x * scale);
      const py = Math.round(seed.point.y * scale);
      const disk = (r: number, value: number) => {
        for (let y = py - r; y <= py + r; y++)
          for (let x = px - r; x <= px + r; x++) if (x >= 0 && y >= 0 && x < w && y < h && (x - px) ** 2 + (y - py) ** 2 <= r * r) maskPx[y * w + x] = value;
      };
      disk(Math.max(6, Math.round(half * 0.45)), cv.GC_PR_FGD);
      disk(Math.max(2, Math.round(half * 0.12)), cv.GC_FGD);
    }
    seededGrabCut(cv, rgb, mask, rect, bgd, fgd, 4, cv.GC_INIT_WITH_MASK);
    foreground(mask, bin, cv);
    const piece = largestPiece(cv, bin, small, scale);
    // Nothing there, or grabCut took the whole box: no object stands out at that spot.
    const areaInWorking = (piece?.area ?? 0) * scale * scale;
    if (!piece || areaInWorking < 16 || areaInWorking > 0.95 * (x1 - x0) * (y1 - y0)) return null;
    return piece;
  } finally {
    for (const m of [src, small, rgb, mask, bgd, fgd, bin]) m.delete();
  }
}
