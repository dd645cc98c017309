import type { Point } from '../../../shared/scene/schema';
import { type CV, loadOpenCv, seededGrabCut } from './opencv';

export interface Segment {
  /** Outline in the coordinates of the image given to `segment`. */
  polygon: Point[];
  bbox: { x: number; y: number; w: number; h: number };
  /** Mask at the segmentation resolution, 1 inside, row-major. */
  mask: Uint8Array;
  maskWidth: number;
  maskHeight: number;
  /** Mean colour inside the mask, 0..255. */
  colour: { r: number; g: number; b: number };
  area: number;
}

export interface SegmentResult {
  segments: Segment[];
  /** Objects found beyond the cap, not returned. */
  dropped: number;
  /** Regions too small to be objects (specks, texture), not returned. */
  tooSmall: number;
}

export const SEGMENT_LONG_SIDE = 512;
export const MAX_OBJECTS = 16;
const MIN_AREA_FRACTION = 0.0015;
const MAX_AREA_FRACTION = 0.6;
const BORDER = 0.04;

/** Least-squares plane a + b·x + c·y through the border pixels of one channel: the background. */
function fitBackground(lab: Float32Array, w: number, h: number, channel: number): [number, number, number] {
  const bw = Math.max(2, Math.round(Math.min(w, h) * BORDER));
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sv = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sxv = 0;
  let syv = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x >= bw && x < w - bw && y >= bw && y < h - bw) continue;
      const v = lab[(y * w + x) * 3 + channel] ?? 0;
      const fx = x / w;
      const fy = y / h;
      n++;
      sx += fx;
      sy += fy;
      sv += v;
      sxx += fx * fx;
      syy += fy * fy;
      sxy += fx * fy;
      sxv += fx * v;
      syv += fy * v;
    }
  }
  // Normal equations of the 3×3 system, solved by Cramer's rule.
  const m = [n, sx, sy, sx, sxx, sxy, sy, sxy, syy];
  const r = [sv, sxv, syv];
  const det = (a: number[]) =>
    (a[0] as number) * ((a[4] as number) * (a[8] as number) - (a[5] as number) * (a[7] as number)) -
    (a[1] as number) * ((a[3] as number) * (a[8] as number) - (a[5] as number) * (a[6] as number)) +
    (a[2] as number) * ((a[3] as number) * (a[7] as number) - (a[4] as number) * (a[6] as number));
  const d = det(m);
  if (Math.abs(d) < 1e-9) return [sv / Math.max(1, n), 0, 0];
  const col = (i: number) => m.map((v, k) => (k % 3 === i ? (r[Math.floor(k / 3)] as number) : v));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

/**
 * grabCut's mask to a binary one (255 where it kept the object, certain or probable), in `bin`
 * of the same size. Reads and writes through one heap view each: every `.data` read on an
 * opencv.js Mat builds a new view, which per pixel cost more than grabCut's own set-up.
 */
export function foreground(gcMask: CV, bin: CV, cv: CV): void {
  const from = gcMask.data as Uint8Array;
  const to = bin.data as Uint8Array;
  const fgd = cv.GC_FGD as number;
  const prFgd = cv.GC_PR_FGD as number;
  const n = (gcMask.rows as number) * (gcMask.cols as number);
  for (let p = 0; p < n; p++) {
    const v = from[p];
    to[p] = v === fgd || v === prFgd ? 255 : 0;
  }
}

function polygonOf(cv: CV, contour: CV): Point[] {
  const approx = new cv.Mat();
  cv.approxPolyDP(contour, approx, Math.max(1, 0.004 * cv.arcLength(contour, true)), true);
  const points: Point[] = [];
  const xy = approx.data32S as Int32Array;
  for (let i = 0; i < approx.rows; i++) points.push({ x: xy[i * 2] as number, y: xy[i * 2 + 1] as number });
  approx.delete();
  return points;
}

/**
 * The largest connected piece of a binary mask (255 inside) as a segment: outline, box, filled
 * mask and mean colour, scaled back to the image given to segmentation. `offset` places a mask
 * cut from a region of interest within the working image `small` (RGBA).
 */
export function largestPiece(cv: CV, bin: CV, small: CV, scale: number, offset: Point = { x: 0, y: 0 }): Segment | null {
  const w = small.cols as number;
  const h = small.rows as number;
  const parts = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    cv.findContours(bin, parts, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_NONE, new cv.Point(offset.x, offset.y));
    let best = -1;
    let bestArea = 0;
    for (let i = 0; i < parts.size(); i++) {
      const c = parts.get(i);
      const a = cv.contourArea(c);
      if (a > bestArea) {
        bestArea = a;
        best = i;
      }
      c.delete();
    }
    if (best < 0 || bestArea <= 0) return null;
    const c = parts.get(best);
    const polygon = polygonOf(cv, c);
    const box = cv.boundingRect(c);
    const filled = new cv.Mat.zeros(h, w, cv.CV_8UC1);
    const one = new cv.MatVector();
    one.push_back(c);
    cv.drawContours(filled, one, 0, new cv.Scalar(1), cv.FILLED);
    const mask = (filled.data as Uint8Array).slice();
    for (const m of [one, filled, c]) m.delete();
    const px = small.data as Uint8Array;
    let r = 0;
    let g = 0;
    let b = 0;
    let count = 0;
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x; x < box.x + box.width; x++) {
        const p = y * w + x;
        if (!mask[p]) continue;
        r += px[p * 4] as number;
        g += px[p * 4 + 1] as number;
        b += px[p * 4 + 2] as number;
        count++;
      }
    }
    if (polygon.length < 3 || count === 0) return null;
    return {
      polygon: polygon.map((p) => ({ x: p.x / scale, y: p.y / scale })),
      bbox: { x: box.x / scale, y: box.y / scale, w: box.width / scale, h: box.height / scale },
      mask,
      maskWidth: w,
      maskHeight: h,
      colour: { r: r / count, g: g / count, b: b / count },
      area: bestArea / (scale * scale),
    };
  } finally {
    parts.delete();
    hierarchy.delete();
  }
}

const MAX_COLOURS = 4;
/** Two clusters closer than this in Lab are one object shaded differently, not two objects. */
const SAME_COLOUR = 22;
/** A colour split must leave pieces of at least this share of the region to count. */
const MIN_PIECE_SHARE = 0.12;
/** Regions more solid than this are one object, whatever colours it has (stripes, shading, logos). */
const MAX_SPLIT_SOLIDITY = 0.85;

/**
 * Splits one foreground region into differently coloured parts: k-means over its pixels in Lab
 * (lightness down-weighted, so shading does not split an object), clusters of similar colour
 * merged, then each colour's connected pieces. Returns the region unchanged when it is one colour.
 */
function splitByColour(cv: CV, lab: CV, contour: CV, w: number, h: number, minArea: number): CV[] {
  const region = new cv.Mat.zeros(h, w, cv.CV_8UC1);
  const one = new cv.MatVector();
  one.push_back(contour);
  cv.drawContours(region, one, 0, new cv.Scalar(1), cv.FILLED);
  one.delete();
  const inRegion = region.data as Uint8Array;
  const indices: number[] = [];
  for (let p = 0; p < w * h; p++) if (inRegion[p]) indices.push(p);
  const regionArea = indices.length;
  const samples = new cv.Mat(indices.length, 3, cv.CV_32F);
  // Heap views taken once, after the last allocation before the loop (each `.data` read builds a new view).
  const out = samples.data32F as Float32Array;
  const labPx = lab.data as Uint8Array;
  indices.forEach((p, k) => {
    out[k * 3] = (labPx[p * 3] as number) * 0.35;
    out[k * 3 + 1] = labPx[p * 3 + 1] as number;
    out[k * 3 + 2] = labPx[p * 3 + 2] as number;
  });
  const k = Math.min(MAX_COLOURS, Math.max(1, Math.floor(indices.length / 50)));
  const labels = new cv.Mat();
  const centres = new cv.Mat();
  const result: CV[] = [];
  try {
    // k-means++ draws from OpenCV's global generator: seed it so the same image always splits the same way.
    cv.setRNGSeed(0x5eed);
    cv.kmeans(samples, k, labels, new cv.TermCriteria(cv.TermCriteria_EPS + cv.TermCriteria_MAX_ITER, 10, 1), 2, cv.KMEANS_PP_CENTERS, centres);
    // Merge clusters of nearly the same colour.
    const group = Array.from({ length: k }, (_, i) => i);
    const centre = (i: number) => [0, 1, 2].map((c) => centres.data32F[i * 3 + c] as number);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [centre(i), centre(j)];
        if (Math.hypot((a[0] as number) - (b[0] as number), (a[1] as number) - (b[1] as number), (a[2] as number) - (b[2] as number)) < SAME_COLOUR)
          group[i] = group[j] as number;
      }
    }
    const groups = [...new Set(group)];
    if (groups.length < 2) {
      result.push(contour.clone());
      return result;
    }
    for (const g of groups) {
      const part = new cv.Mat.zeros(h, w, cv.CV_8UC1);
      const partPx = part.data as Uint8Array;
      const label = labels.data32S as Int32Array;
      indices.forEach((p, n) => {
        if (group[label[n] as number] === g) partPx[p] = 255;
      });
      const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(3, 3));
      cv.morphologyEx(part, part, cv.MORPH_OPEN, kernel);
      kernel.delete();
      const found = new cv.MatVector();
      const hier = new cv.Mat();
      cv.findContours(part, found, hier, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
      for (let i = 0; i < found.size(); i++) {
        const c = found.get(i);
        // Slivers (shading bands, background caught at the edge) are not objects of their own.
        if (cv.contourArea(c) >= Math.max(minArea, regionArea * MIN_PIECE_SHARE)) result.push(c);
        else c.delete();
      }
      found.delete();
      hier.delete();
      part.delete();
    }
    if (result.length < 2) {
      for (const c of result) c.delete();
      return [contour.clone()];
    }
    return result;
  } finally {
    for (const m of [region, samples, labels, centres]) m.delete();
  }
}

/**
 * Classical object proposals: pixels that differ from a background fitted to the image border
 * (a plane per Lab channel, so gradients and vignettes stay background), cleaned by morphology,
 * split into connected regions, then each refined with grabCut seeded from its region.
 */
export async function segment(rgba: Uint8Array, width: number, height: number): Promise<SegmentResult> {
  const cv = await loadOpenCv();
  const scale = Math.min(1, SEGMENT_LONG_SIDE / Math.max(width, height));
  const w = Math.max(8, Math.round(width * scale));
  const h = Math.max(8, Math.round(height * scale));
  const mats: CV[] = [];
  const track = <T>(m: T): T => {
    mats.push(m);
    return m;
  };
  try {
    const src = track(cv.matFromImageData({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height }));
    const small = track(new cv.Mat());
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    const rgb = track(new cv.Mat());
    cv.cvtColor(small, rgb, cv.COLOR_RGBA2RGB);
    const blurred = track(new cv.Mat());
    cv.GaussianBlur(rgb, blurred, new cv.Size(5, 5), 0);
    const labMat = track(new cv.Mat());
    cv.cvtColor(blurred, labMat, cv.COLOR_RGB2Lab);
    const lab = new Float32Array(labMat.data as Uint8Array);
    const planes = [0, 1, 2].map((c) => fitBackground(lab, w, h, c));

    // Distance from the background model, weighting chroma above lightness (shading varies more).
    const distance = track(new cv.Mat(h, w, cv.CV_8UC1));
    const weights = [0.6, 1.3, 1.3];
    let max = 1;
    const raw = new Float32Array(w * h);
    // The planes' coefficients unpacked once, not per pixel; the arithmetic is the same, term for term.
    const [pl0, pl1, pl2] = planes as [[number, number, number], [number, number, number], [number, number, number]];
    const [a0, b0, c0] = pl0;
    const [a1, b1, c1] = pl1;
    const [a2, b2, c2] = pl2;
    const [w0, w1, w2] = weights as [number, number, number];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        const d0 = (lab[i] as number) - (a0 + (b0 * x) / w + (c0 * y) / h);
        const d1 = (lab[i + 1] as number) - (a1 + (b1 * x) / w + (c1 * y) / h);
        const d2 = (lab[i + 2] as number) - (a2 + (b2 * x) / w + (c2 * y) / h);
        let sum = 0;
        sum += w0 * d0 * d0;
        sum += w1 * d1 * d1;
        sum += w2 * d2 * d2;
        const v = Math.sqrt(sum);
        raw[y * w + x] = v;
        if (v > max) max = v;
      }
    }
    const distancePx = distance.data as Uint8Array;
    for (let i = 0; i < raw.length; i++) distancePx[i] = Math.round(((raw[i] ?? 0) / max) * 255);
    const fg = track(new cv.Mat());
    const otsu = cv.threshold(distance, fg, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
    // A nearly empty image: Otsu splits noise. Require real contrast with the background.
    if ((otsu / 255) * max < 12) return { segments: [], dropped: 0, tooSmall: 0 };
    const kernel = track(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(5, 5)));
    cv.morphologyEx(fg, fg, cv.MORPH_OPEN, kernel);
    cv.morphologyEx(fg, fg, cv.MORPH_CLOSE, kernel);

    const contours = track(new cv.MatVector());
    const hierarchy = track(new cv.Mat());
    cv.findContours(fg, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    const total = w * h;
    // Split regions where touching objects of different colours merged (a ball on a table).
    const pieces = track(new cv.MatVector());
    for (let i = 0; i < contours.size(); i++) {
      const c = contours.get(i);
      const a = cv.contourArea(c);
      // Touching objects merge into a concave region (a ball on a table); one object is close to convex.
      const hull = new cv.Mat();
      cv.convexHull(c, hull, false, true);
      const solidity = a / Math.max(1, cv.contourArea(hull));
      hull.delete();
      if (a >= total * MIN_AREA_FRACTION * 2 && solidity < MAX_SPLIT_SOLIDITY) {
        for (const piece of splitByColour(cv, labMat, c, w, h, total * MIN_AREA_FRACTION)) {
          pieces.push_back(piece);
          piece.delete();
        }
      } else pieces.push_back(c);
      c.delete();
    }
    const candidates: Array<{ index: number; area: number }> = [];
    let tooSmall = 0;
    for (let i = 0; i < pieces.size(); i++) {
      const c = pieces.get(i);
      const a = cv.contourArea(c);
      c.delete();
      if (a >= total * MIN_AREA_FRACTION && a <= total * MAX_AREA_FRACTION) candidates.push({ index: i, area: a });
      else if (a < total * MIN_AREA_FRACTION && a > 4) tooSmall++;
    }
    candidates.sort((a, b) => b.area - a.area);
    const kept = candidates.slice(0, MAX_OBJECTS);

    const segments: Segment[] = [];
    for (const { index } of kept) {
      const contour = pieces.get(index);
      const rect = cv.boundingRect(contour);
      const margin = Math.round(Math.max(rect.width, rect.height) * 0.15) + 4;
      const x0 = Math.max(0, rect.x - margin);
      const y0 = Math.max(0, rect.y - margin);
      const rw = Math.min(w, rect.x + rect.width + margin) - x0;
      const rh = Math.min(h, rect.y + rect.height + margin) - y0;
      const roi = new cv.Rect(x0, y0, rw, rh);
      // grabCut on the object's neighbourhood only, seeded from its region: the region's pixels
      // probably foreground, the margin around it probably background.
      const region = new cv.Mat.zeros(h, w, cv.CV_8UC1);
      const single = new cv.MatVector();
      single.push_back(contour);
      cv.drawContours(region, single, 0, new cv.Scalar(1), cv.FILLED);
      single.delete();
      const gcMask = new cv.Mat(rh, rw, cv.CV_8UC1, new cv.Scalar(cv.GC_PR_BGD));
      // Read the region through its full-size buffer: ucharAt and `.data` cost a binding call each.
      const regionPx = region.data as Uint8Array;
      const seedPx = gcMask.data as Uint8Array;
      const prFgd = cv.GC_PR_FGD as number;
      for (let y = 0; y < rh; y++) for (let x = 0; x < rw; x++) if (regionPx[(y0 + y) * w + x0 + x]) seedPx[y * rw + x] = prFgd;
      const rgbRoi = rgb.roi(roi);
      const patch = new cv.Mat();
      rgbRoi.copyTo(patch);
      const bgd = new cv.Mat();
      const fgd = new cv.Mat();
      try {
        seededGrabCut(cv, patch, gcMask, new cv.Rect(0, 0, rw, rh), bgd, fgd, 3, cv.GC_INIT_WITH_MASK);
      } catch {
        // grabCut fails on degenerate colour models; the region itself is the answer then.
      }
      const bin = new cv.Mat(rh, rw, cv.CV_8UC1);
      foreground(gcMask, bin, cv);
      const piece = largestPiece(cv, bin, small, scale, { x: x0, y: y0 });
      if (piece) segments.push(piece);
      for (const m of [region, gcMask, rgbRoi, patch, bgd, fgd, bin, contour]) m.delete();
    }
    return { segments, dropped: Math.max(0, candidates.length - kept.length), tooSmall };
  } finally {
    for (const m of mats) m.delete();
  }
}
