import { type CV, loadOpenCv, seededGrabCut } from './opencv';
import { foreground, largestPiece, type Segment } from './segment';

/** Long side of the copy saliency is computed on: the map only has to find where the thing is. */
const MAP_LONG_SIDE = 160;
/** Long side of the copy grabCut cuts the salient thing from (as the middle-of-frame guess it replaces). */
const CUT_LONG_SIDE = 256;
/** Share of each side taken as the frame's border, the background prior's sample. */
const BORDER = 0.07;
/** Border colours: k-means clusters; a cluster holding less of the border than this is the thing itself crossing it. */
const BORDER_COLOURS = 6;
const MIN_BORDER_SHARE = 0.06;
/** The lower hysteresis threshold, as a share of Otsu's. */
const WEAK_SHARE = 0.5;

export interface Salient {
  segment: Segment;
  /** Mean saliency inside the cut-out, 0..1: how strongly it stands out from the frame's border. */
  strength: number;
}

/**
 * The one thing a photo is of, found without knowing what it is: a class-agnostic proposal for
 * nouns no detector class can be (a ladybird, a castle, a flower).
 *
 * Saliency per pixel = how far its colour is from every colour common on the frame's border
 * (the background prior: people frame a thing against its surroundings) × how sharp it is
 * compared with the border when the border is out of focus (a macro shot's blurred backdrop)
 * × a mild centre prior. Otsu's threshold splits it; the connected piece with the most saliency
 * that is not background-shaped (spanning three sides, or most of the frame) seeds grabCut,
 * whose cut-out is the proposal. Returns null when nothing stands out.
 */
export async function salientObject(rgba: Uint8Array, width: number, height: number): Promise<Salient | null> {
  const cv = await loadOpenCv();
  const mats: CV[] = [];
  const track = <T>(m: T): T => {
    mats.push(m);
    return m;
  };
  try {
    const src = track(cv.matFromImageData({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height }));
    const s = Math.min(1, MAP_LONG_SIDE / Math.max(width, height));
    const w = Math.max(16, Math.round(width * s));
    const h = Math.max(16, Math.round(height * s));
    const small = track(new cv.Mat());
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    const rgb = track(new cv.Mat());
    cv.cvtColor(small, rgb, cv.COLOR_RGBA2RGB);
    const blurred = track(new cv.Mat());
    cv.GaussianBlur(rgb, blurred, new cv.Size(3, 3), 0);
    const labMat = track(new cv.Mat());
    cv.cvtColor(blurred, labMat, cv.COLOR_RGB2Lab);
    const n = w * h;
    const bw = Math.max(2, Math.round(Math.min(w, h) * BORDER));
    const isBorder = (x: number, y: number) => x < bw || y < bw || x >= w - bw || y >= h - bw;

    // Focus: local detail (|Laplacian| smoothed); counts only when the border is softer than the middle.
    const grey = track(new cv.Mat());
    cv.cvtColor(rgb, grey, cv.COLOR_RGB2GRAY);
    const lap = track(new cv.Mat());
    cv.Laplacian(grey, lap, cv.CV_32F, 3);
    const absLap = track(new cv.Mat(h, w, cv.CV_32F));
    // Heap views taken once, after the last allocation before each loop: every `.data*` read on an
    // opencv.js Mat builds a new view, which per pixel cost as much as the arithmetic.
    const lapPx = lap.data32F as Float32Array;
    const absPx = absLap.data32F as Float32Array;
    for (let p = 0; p < n; p++) absPx[p] = Math.abs(lapPx[p] as number);
    const detail = track(new cv.Mat());
    const k = Math.max(3, Math.round(Math.min(w, h) * 0.1) | 1);
    cv.blur(absLap, detail, new cv.Size(k, k));
    // A copy, not a view: it is read after later allocations, which may move the heap.
    const detailPx = (detail.data32F as Float32Array).slice();
    let borderDetail = 0;
    let middleDetail = 0;
    let maxDetail = 1e-6;
    const borderValues: number[] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const v = detailPx[y * w + x] as number;
        if (isBorder(x, y)) borderValues.push(v);
        if (isBorder(x, y)) borderDetail += v;
        else middleDetail += v;
        if (v > maxDetail) maxDetail = v;
      }
    borderDetail /= borderValues.length;
    middleDetail /= Math.max(1, n - borderValues.length);
    // 0 when the border is as sharp as the middle, up to 1 for a blurred backdrop.
    const focusWeight = Math.max(0, Math.min(1, 1 - (1.2 * borderDetail) / Math.max(1e-6, middleDetail)));

    // Colour contrast against the border's common colours.
    const border: number[] = [];
    // Against a blurred backdrop, the border's sharp pixels are the thing crossing the frame's edge, not background.
    const sharpBorder = focusWeight > 0.5 ? middleDetail : Number.POSITIVE_INFINITY;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (isBorder(x, y) && (detailPx[y * w + x] as number) < sharpBorder) border.push(y * w + x);
    if (border.length < 2 * BORDER_COLOURS) return null;
    const samples = track(new cv.Mat(border.length, 3, cv.CV_32F));
    const samplePx = samples.data32F as Float32Array;
    const labPx = labMat.data as Uint8Array;
    border.forEach((p, k) => {
      samplePx[k * 3] = (labPx[p * 3] as number) * 0.5;
      samplePx[k * 3 + 1] = labPx[p * 3 + 1] as number;
      samplePx[k * 3 + 2] = labPx[p * 3 + 2] as number;
    });
    const labels = track(new cv.Mat());
    const centres = track(new cv.Mat());
    cv.setRNGSeed(0x5a1e);
    cv.kmeans(samples, BORDER_COLOURS, labels, new cv.TermCriteria(cv.TermCriteria_EPS + cv.TermCriteria_MAX_ITER, 10, 1), 1, cv.KMEANS_PP_CENTERS, centres);
    const counts = new Array(BORDER_COLOURS).fill(0) as number[];
    const label = labels.data32S as Int32Array;
    for (let k = 0; k < border.length; k++) counts[label[k] as number] = (counts[label[k] as number] as number) + 1;
    const bg: number[][] = [];
    const centre = centres.data32F as Float32Array;
    for (let c = 0; c < BORDER_COLOURS; c++)
      if ((counts[c] as number) >= MIN_BORDER_SHARE * border.length) bg.push([0, 1, 2].map((i) => centre[c * 3 + i] as number));
    const lab = labMat.data as Uint8Array;
    const contrast = new Float32Array(n);
    let maxContrast = 1e-6;
    for (let p = 0; p < n; p++) {
      const l = (lab[p * 3] as number) * 0.5;
      const a = lab[p * 3 + 1] as number;
      const b = lab[p * 3 + 2] as number;
      let d = Number.POSITIVE_INFINITY;
      for (const c of bg) d = Math.min(d, Math.hypot(l - (c[0] as number), a - (c[1] as number), b - (c[2] as number)));
      contrast[p] = d;
      if (d > maxContrast) maxContrast = d;
    }

    const map = track(new cv.Mat(h, w, cv.CV_8UC1));
    const sal = new Float32Array(n);
    let maxSal = 1e-6;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const focus = Math.min(1, (detailPx[p] as number) / (0.5 * maxDetail));
        const centre = 1 - 0.5 * Math.min(1, Math.hypot((x + 0.5) / w - 0.5, (y + 0.5) / h - 0.5) / 0.71);
        const v = ((contrast[p] as number) / maxContrast) * (1 - focusWeight + focusWeight * (0.3 + 0.7 * focus)) * centre;
        sal[p] = v;
        if (v > maxSal) maxSal = v;
      }
    const mapPx = map.data as Uint8Array;
    for (let p = 0; p < n; p++) mapPx[p] = Math.round(((sal[p] as number) / maxSal) * 255);
    cv.GaussianBlur(map, map, new cv.Size(5, 5), 0);
    const strong = track(new cv.Mat());
    const otsu = cv.threshold(map, strong, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
    // Hysteresis: pixels above a lower threshold join the salient piece, so a faint part of the
    // thing (a metal shaft on grey carpet) stays with it, unless that makes it background-shaped.
    const weak = track(new cv.Mat());
    cv.threshold(map, weak, otsu * WEAK_SHARE, 255, cv.THRESH_BINARY);
    const kernel = track(cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(5, 5)));
    // Opening only with a small kernel: a screwdriver's shaft is two pixels wide at this size.
    const small3 = track(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3)));
    for (const bin of [strong, weak]) {
      cv.morphologyEx(bin, bin, cv.MORPH_CLOSE, kernel);
      cv.morphologyEx(bin, bin, cv.MORPH_OPEN, small3);
    }

    const best = bestPiece(cv, strong, sal, maxSal, w, h, track);
    if (!best) return null;
    const grown = bestPiece(cv, weak, sal, maxSal, w, h, track, best.mask);
    const cut = await cutOut(cv, src, width, height, (grown ?? best).mask, w, h);
    if (!cut) return null;
    return { segment: cut, strength: best.strength };
  } finally {
    for (const m of mats) m.delete();
  }
}

/** The connected piece holding the most saliency that is not background-shaped (and, given `core`, overlaps it). */
function bestPiece(cv: CV, fg: CV, sal: Float32Array, maxSal: number, w: number, h: number, track: <T>(m: T) => T, core?: Uint8Array) {
  const contours = track(new cv.MatVector());
  const hierarchy = track(new cv.Mat());
  cv.findContours(fg, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
  let best: { mask: Uint8Array; score: number; strength: number } | undefined;
  for (let i = 0; i < contours.size(); i++) {
    const c = contours.get(i);
    const r = cv.boundingRect(c);
    const a = cv.contourArea(c);
    const m = 1;
    const sides = [r.x <= m, r.y <= m, r.x + r.width >= w - m, r.y + r.height >= h - m].filter(Boolean).length;
    if (a < 0.004 * w * h || a > 0.6 * w * h || sides >= 3 || (sides === 2 && r.width * r.height > 0.5 * w * h)) {
      c.delete();
      continue;
    }
    const piece = new cv.Mat.zeros(h, w, cv.CV_8UC1);
    const one = new cv.MatVector();
    one.push_back(c);
    cv.drawContours(piece, one, 0, new cv.Scalar(1), cv.FILLED);
    let sum = 0;
    let count = 0;
    let overlap = 0;
    const inPiece = piece.data as Uint8Array;
    for (let p = 0; p < w * h; p++)
      if (inPiece[p]) {
        sum += sal[p] as number;
        count++;
        if (core?.[p]) overlap++;
      }
    const mask = inPiece.slice();
    for (const x of [piece, one, c]) x.delete();
    if (core && overlap === 0) continue;
    const strength = sum / Math.max(1, count) / maxSal;
    // Total saliency, a piece cut by the frame's side counting less.
    const score = sum * (sides ? 0.6 : 1);
    if (!best || score > best.score) best = { mask, score, strength };
  }
  return best;
}

/** grabCut seeded from the salient piece: it probably the thing, a ring around it probably not, the rest certainly not. */
async function cutOut(cv: CV, src: CV, width: number, height: number, seed: Uint8Array, sw: number, sh: number): Promise<Segment | null> {
  const scale = Math.min(1, CUT_LONG_SIDE / Math.max(width, height));
  const w = Math.max(16, Math.round(width * scale));
  const h = Math.max(16, Math.round(height * scale));
  const small = new cv.Mat();
  const rgb = new cv.Mat();
  const seedMat = cv.matFromArray(sh, sw, cv.CV_8UC1, Array.from(seed));
  const seedBig = new cv.Mat();
  const grown = new cv.Mat();
  const mask = new cv.Mat(h, w, cv.CV_8UC1, new cv.Scalar(cv.GC_BGD));
  const bgd = new cv.Mat();
  const fgd = new cv.Mat();
  const bin = new cv.Mat(h, w, cv.CV_8UC1);
  const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(Math.round(w * 0.12) | 1, Math.round(w * 0.12) | 1));
  try {
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, rgb, cv.COLOR_RGBA2RGB);
    cv.resize(seedMat, seedBig, new cv.Size(w, h), 0, 0, cv.INTER_NEAREST);
    cv.dilate(seedBig, grown, kernel);
    let inside = 0;
    const seedPx = seedBig.data as Uint8Array;
    const grownPx = grown.data as Uint8Array;
    const maskPx = mask.data as Uint8Array;
    for (let p = 0; p < w * h; p++) {
      if (seedPx[p]) {
        maskPx[p] = cv.GC_PR_FGD;
        inside++;
      } else if (grownPx[p]) maskPx[p] = cv.GC_PR_BGD;
    }
    if (inside < 16) return null;
    try {
      seededGrabCut(cv, rgb, mask, new cv.Rect(0, 0, w, h), bgd, fgd, 3, cv.GC_INIT_WITH_MASK);
    } catch {
      // A degenerate colour model: the seed itself is the answer.
    }
    foreground(mask, bin, cv);
    return largestPiece(cv, bin, small, scale);
  } finally {
    for (const m of [small, rgb, seedMat, seedBig, grown, mask, bgd, fgd, bin, kernel]) m.delete();
  }
}
