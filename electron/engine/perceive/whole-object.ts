import type { BBox } from '../../../shared/scene/schema';
import type { Detection } from './detector';
import { type CV, loadOpenCv, seededGrabCut } from './opencv';
import { foreground, largestPiece, SEGMENT_LONG_SIDE, type Segment } from './segment';

/** grabCut runs on a copy of each box no larger than this (long side), for speed. */
const CROP_LONG_SIDE = 96;
/** A mask filling less of its box than this, or disagreeing with it, is not trusted. */
const MIN_FILL = 0.3;

export interface ObjectMask {
  segment: Segment;
  /** How the outline was made: grabCut inside the box, or the ellipse the box inscribes when grabCut failed. */
  outline: 'grabcut' | 'box';
}

function boxIou(a: BBox, b: BBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / (a.w * a.h + b.w * b.h - w * h);
}

/**
 * One whole object per detection: grabCut constrained to the detector's box (outside it is
 * certainly background, its centre certainly the object), then every piece it keeps inside the
 * box joined under one convex outline, so a shaded side or a highlight never splits the object.
 * `refine[i] === false` skips grabCut for that detection (its box's ellipse is used, and said).
 */
export async function wholeObjects(rgba: Uint8Array, width: number, height: number, detections: Detection[], refine?: boolean[]): Promise<ObjectMask[]> {
  if (detections.length === 0) return [];
  const cv = await loadOpenCv();
  const scale = Math.min(1, SEGMENT_LONG_SIDE / Math.max(width, height));
  const w = Math.max(8, Math.round(width * scale));
  const h = Math.max(8, Math.round(height * scale));
  const src = cv.matFromImageData({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height });
  const small = new cv.Mat();
  const rgb = new cv.Mat();
  try {
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, rgb, cv.COLOR_RGBA2RGB);
    const out: ObjectMask[] = [];
    for (const [i, d] of detections.entries()) {
      const box = { x: d.box.x * scale, y: d.box.y * scale, w: d.box.w * scale, h: d.box.h * scale };
      const hull = refine?.[i] === false ? null : objectHull(cv, rgb, w, h, box);
      const bin = new cv.Mat.zeros(h, w, cv.CV_8UC1);
      let outline: ObjectMask['outline'] = 'grabcut';
      const hullArea = hull ? cv.contourArea(hull) : 0;
      const hullBox = hull ? cv.boundingRect(hull) : null;
      const trusted =
        hull && hullBox && hullArea >= MIN_FILL * box.w * box.h && boxIou({ x: hullBox.x, y: hullBox.y, w: hullBox.width, h: hullBox.height }, box) >= 0.5;
      if (trusted) {
        const one = new cv.MatVector();
        one.push_back(hull);
        cv.drawContours(bin, one, 0, new cv.Scalar(255), cv.FILLED);
        one.delete();
      } else {
        outline = 'box';
        cv.ellipse(
          bin,
          new cv.Point(Math.round(box.x + box.w / 2), Math.round(box.y + box.h / 2)),
          new cv.Size(Math.max(1, Math.round(box.w / 2)), Math.max(1, Math.round(box.h / 2))),
          0,
          0,
          360,
          new cv.Scalar(255),
          cv.FILLED,
        );
      }
      hull?.delete();
      const segment = largestPiece(cv, bin, small, scale);
      bin.delete();
      if (segment) out.push({ segment, outline });
    }
    return out;
  } finally {
    for (const m of [src, small, rgb]) m.delete();
  }
}

/** grabCut on the box's neighbourhood; returns the convex hull (in `rgb` pixels) of what it keeps inside the box. */
function objectHull(cv: CV, rgb: CV, w: number, h: number, box: BBox): CV | null {
  const margin = Math.round(Math.max(box.w, box.h) * 0.15) + 3;
  const x0 = Math.max(0, Math.floor(box.x - margin));
  const y0 = Math.max(0, Math.floor(box.y - margin));
  const x1 = Math.min(w, Math.ceil(box.x + box.w + margin));
  const y1 = Math.min(h, Math.ceil(box.y + box.h + margin));
  if (x1 - x0 < 6 || y1 - y0 < 6) return null;
  const k = Math.min(1, CROP_LONG_SIDE / Math.max(x1 - x0, y1 - y0));
  const cw = Math.max(6, Math.round((x1 - x0) * k));
  const ch = Math.max(6, Math.round((y1 - y0) * k));
  const roi = rgb.roi(new cv.Rect(x0, y0, x1 - x0, y1 - y0));
  const patch = new cv.Mat();
  const mask = new cv.Mat(ch, cw, cv.CV_8UC1, new cv.Scalar(cv.GC_BGD));
  const bgd = new cv.Mat();
  const fgd = new cv.Mat();
  const bin = new cv.Mat.zeros(ch, cw, cv.CV_8UC1);
  const parts = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    cv.resize(roi, patch, new cv.Size(cw, ch), 0, 0, cv.INTER_AREA);
    const bx0 = Math.max(0, Math.round((box.x - x0) * k));
    const by0 = Math.max(0, Math.round((box.y - y0) * k));
    const bx1 = Math.min(cw, Math.round((box.x + box.w - x0) * k));
    const by1 = Math.min(ch, Math.round((box.y + box.h - y0) * k));
    const cx = (bx0 + bx1) / 2;
    const cy = (by0 + by1) / 2;
    const rx = Math.max(1, (bx1 - bx0) * 0.15);
    const ry = Math.max(1, (by1 - by0) * 0.15);
    // One heap view for the loop: each `.data` read on an opencv.js Mat builds a new one.
    const maskPx = mask.data as Uint8Array;
    for (let y = by0; y < by1; y++) {
      for (let x = bx0; x < bx1; x++) {
        const inCore = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
        maskPx[y * cw + x] = inCore ? cv.GC_FGD : cv.GC_PR_FGD;
      }
    }
    try {
      seededGrabCut(cv, patch, mask, new cv.Rect(0, 0, cw, ch), bgd, fgd, 2, cv.GC_INIT_WITH_MASK);
    } catch {
      return null;
    }
    foreground(mask, bin, cv);
    cv.findContours(bin, parts, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    let largest = 0;
    const areas: number[] = [];
    for (let i = 0; i < parts.size(); i++) {
      const c = parts.get(i);
      const a = cv.contourArea(c);
      areas.push(a);
      largest = Math.max(largest, a);
      c.delete();
    }
    if (largest <= 0) return null;
    // Every sizeable piece inside the box is part of the one object (its shaded side, a handle).
    const points: number[] = [];
    for (let i = 0; i < parts.size(); i++) {
      if ((areas[i] ?? 0) < largest * 0.08) continue;
      const c = parts.get(i);
      const xy = c.data32S as Int32Array;
      for (let j = 0; j < c.rows; j++) points.push((xy[j * 2] as number) / k + x0, (xy[j * 2 + 1] as number) / k + y0);
      c.delete();
    }
    const all = cv.matFromArray(points.length / 2, 1, cv.CV_32SC2, points.map(Math.round));
    const hull = new cv.Mat();
    cv.convexHull(all, hull, false, true);
    all.delete();
    return hull;
  } finally {
    for (const m of [roi, patch, mask, bgd, fgd, bin, parts, hierarchy]) m.delete();
  }
}
