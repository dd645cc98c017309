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

function toMat(cv: CV, mask: Bitmask): CV {
  const mat = new cv.Mat(mask.height, mask.width, cv.CV_8UC1);
  const data = mat.data as Uint8Array;
  for (let i = 0; i < mask.data.length; i++) data[i] = mask.data[i] ? 255 : 0;
  return mat;
}

/** Connected pieces (8-connected): their labels image and areas, background excluded. */
function pieces(cv: CV, bin: CV): { labels: CV; areas: number[] } {
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  const n = cv.connectedComponentsWithStats(bin, labels, stats, centroids, 8, cv.CV_32S) as number;
  const areas: number[] = [];
  for (let i = 1; i < n; i++) areas.push(stats.intPtr(i, cv.CC_STAT_AREA)[0] as number);
  stats.delete();
  centroids.delete();
  return { labels, areas };
}

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

/** How many separate pieces (8-connected) the mask has. */
export function pieceCount(cv: CV, mask: Bitmask): number {
  const bin = toMat(cv, mask);
  const { labels, areas } = pieces(cv, bin);
  bin.delete();
  labels.delete();
  return areas.length;
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
    const found = pieces(cv, bin);
    keep(found.labels);
    if (found.areas.length === 0) return null;
    let dropped = 0;
    let joined: Outlined['joined'] = 'one piece';
    if (found.areas.length > 1 && mode === 'largest') {
      const best = found.areas.indexOf(Math.max(...found.areas)) + 1;
      const labels = found.labels.data32S as Int32Array;
      const data = new Uint8Array(mask.data.length);
      for (let i = 0; i < data.length; i++) data[i] = labels[i] === best ? 1 : 0;
      dropped = found.areas.reduce((s, a) => s + a, 0) - (found.areas[best - 1] as number);
      mask = { data, width: mask.width, height: mask.height };
      bin = keep(toMat(cv, mask));
    } else if (found.areas.length > 1) {
      joined = 'hull';
      const longSide = Math.max(mask.width, mask.height);
      for (const size of [3, 7, 15, Math.round(longSide * 0.04) | 1]) {
        const kernel = keep(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(size, size)));
        const closed = keep(new cv.Mat());
        cv.morphologyEx(bin, closed, cv.MORPH_CLOSE, kernel);
        const again = pieces(cv, closed);
        keep(again.labels);
        if (again.areas.length === 1) {
          bin = closed;
          joined = 'closed';
          break;
        }
      }
    }
    const sx = image.width / mask.width;
    const sy = image.height / mask.height;
    const toImage = (p: Point) => ({ x: Math.round(p.x * sx * 10) / 10, y: Math.round(p.y * sy * 10) / 10 });
    const list = contours(cv, bin);
    for (const c of list) keep(c);
    let polygon: Point[];
    if (joined === 'hull') {
      const all: Point[] = [];
      for (const c of list) for (let i = 0; i < c.rows; i++) all.push({ x: c.data32S[i * 2], y: c.data32S[i * 2 + 1] });
      const hull = convexHull(all);
      const step = Math.ceil(hull.length / MAX_POINTS);
      polygon = hull.filter((_, i) => i % step === 0);
    } else {
      const largest = list.reduce((a, b) => ((cv.contourArea(b) as number) > (cv.contourArea(a) as number) ? b : a));
      polygon = simplify(cv, largest);
    }
    if (polygon.length < 3) return null;
    return { mask, polygon: polygon.map(toImage), joined, dropped };
  } finally {
    for (const m of mats) m.delete();
  }
}
