import { convexHull } from '../../../shared/physics/geometry';
import type { Bitmask } from '../../../shared/scene/mask-edit';
import type { Point } from '../../../shared/scene/schema';
import type { CV } from '../perceive/opencv';

/** The scene schema's limit on outline points. */
const MAX_POINTS = 512;

export interface Outlined {
  /** The mask to keep: as given, or only its largest piece. */
  mask: Bitmask;
  /** Outline in image pixels. */
  polygon: Point[];
  /** How the outline was made when the mask is in several pieces. */
  joined: 'one piece' | 'closed' | 'hull';
  /** Pixels (mask resolution) of the pieces dropped by `largest`. */
  dropped: number;
}

/** 0/1 is enough: contours and connected components treat any non-zero pixel as set. */
function toMat(cv: CV, mask: Bitmask): CV {
  const mat = new cv.Mat(mask.height, mask.width, cv.CV_8UC1);
  (mat.data as Uint8Array).set(mask.data);
  return mat;
}

/** Outer contours of the mask's pieces (8-connected), every boundary pixel kept. */
function contours(cv: CV, bin: CV): CV[] {
  const list = new cv.MatVector();
  const hierarchy = new cv.Mat();
  cv.findContours(bin, list, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_NONE);
  const out: CV[] = [];
  for (let i = 0; i < list.size(); i++) out.push(list.get(i));
  list.delete();
  hierarchy.delete();
  return out;
}

/** The contour simplified as perception does (0.4% of its length), coarser if it would exceed the schema's limit. */
function simplify(cv: CV, contour: CV): Point[] {
  const length = cv.arcLength(contour, true) as number;
  for (let f = 0.004; ; f *= 2) {
    const approx = new cv.Mat();
    cv.approxPolyDP(contour, approx, Math.max(1, f * length), true);
    const points: Point[] = [];
    for (let i = 0; i < approx.rows; i++) points.push({ x: approx.data32S[i * 2], y: approx.data32S[i * 2 + 1] });
    approx.delete();
    if (points.length <= MAX_POINTS || f > 1) return points;
  }
}

/** How many separate pieces (8-connected, as contours see them) the mask has. */
export function pieceCount(cv: CV, mask: Bitmask): number {
  const bin = toMat(cv, mask);
  const list = contours(cv, bin);
  for (const c of list) c.delete();
  bin.delete();
  return list.length;
}

/**
 * The outline the physics simulates for an edited mask. A rigid body has one outline, so:
 * - `largest` (after the subtract brush): a mask cut in two keeps only its largest piece;
 * - `join` (after the add brush or a merge): pieces a small gap apart are bridged by a
 *   morphological closing of growing size; pieces further apart move as one body shaped by their
 *   convex hull. The mask itself stays as painted, so the picture of the object is exact.
 */
export function outline(cv: CV, input: Bitmask, image: { width: number; height: number }, mode: 'largest' | 'join'): Outlined | null {
  const mats: CV[] = [];
  const keep = <T>(m: T): T => {
    mats.push(m);
    return m;
  };
  try {
    let mask = input;
    let bin = keep(toMat(cv, mask));
    let list = contours(cv, bin);
    for (const c of list) keep(c);
    if (list.length === 0) return null;
    let dropped = 0;
    let joined: Outlined['joined'] = 'one piece';
    if (list.length > 1 && mode === 'largest') {
      // The largest piece's filled outline, intersected with the mask so its holes stay holes.
      const best = list.reduce((a: CV, b: CV) => ((cv.contourArea(b) as number) > (cv.contourArea(a) as number) ? b : a));
      const filled = keep(cv.Mat.zeros(mask.height, mask.width, cv.CV_8UC1));
      const one = keep(new cv.MatVector());
      one.push_back(best);
      cv.drawContours(filled, one, 0, new cv.Scalar(1), cv.FILLED);
      const inside = filled.data as Uint8Array;
      const data = new Uint8Array(mask.data.length);
      let before = 0;
      let after = 0;
      for (let i = 0; i < data.length; i++) {
        before += mask.data[i] as number;
        data[i] = inside[i] ? (mask.data[i] as number) : 0;
        after += data[i] as number;
      }
      dropped = before - after;
      mask = { data, width: mask.width, height: mask.height };
      bin = keep(toMat(cv, mask));
      list = contours(cv, bin);
      for (const c of list) keep(c);
    } else if (list.length > 1) {
      joined = 'hull';
      const longSide = Math.max(mask.width, mask.height);
      for (const size of [3, 7, 15, Math.round(longSide * 0.04) | 1]) {
        const kernel = keep(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(size, size)));
        const closed = keep(new cv.Mat());
        cv.morphologyEx(bin, closed, cv.MORPH_CLOSE, kernel);
        const again = contours(cv, closed);
        for (const c of again) keep(c);
        if (again.length === 1) {
          list = again;
          joined = 'closed';
          break;
        }
      }
    }
    const sx = image.width / mask.width;
    const sy = image.height / mask.height;
    const toImage = (p: Point) => ({ x: Math.round(p.x * sx * 10) / 10, y: Math.round(p.y * sy * 10) / 10 });
    let polygon: Point[];
    if (joined === 'hull') {
      const all: Point[] = [];
      for (const c of list) for (let i = 0; i < c.rows; i++) all.push({ x: c.data32S[i * 2], y: c.data32S[i * 2 + 1] });
      const hull = convexHull(all);
      const step = Math.ceil(hull.length / MAX_POINTS);
      polygon = hull.filter((_, i) => i % step === 0);
    } else {
      const largest = list.reduce((a: CV, b: CV) => ((cv.contourArea(b) as number) > (cv.contourArea(a) as number) ? b : a));
      polygon = simplify(cv, largest);
    }
    if (polygon.length < 3) return null;
    return { mask, polygon: polygon.map(toImage), joined, dropped };
  } finally {
    for (const m of mats) m.delete();
  }
}
