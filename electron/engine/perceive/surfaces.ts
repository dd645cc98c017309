import type { Point } from '../../../shared/scene/schema';
import { loadOpenCv } from './opencv';
import { SEGMENT_LONG_SIDE } from './segment';

export interface EdgeLine {
  a: Point;
  b: Point;
}

/** Lines at most this steep count as horizontal (about 6°). */
const MAX_SLOPE = 0.1;
/** A support edge spans at least this share of the image width. */
const MIN_LENGTH = 0.25;

/**
 * Dominant near-horizontal edges (a table's front edge, the line where floor meets wall):
 * Canny edges, then the probabilistic Hough transform, keeping long, flat segments and merging
 * those at the same height. In the image's own pixels, sorted from top to bottom.
 */
export async function horizontalEdges(rgba: Uint8Array, width: number, height: number): Promise<EdgeLine[]> {
  const cv = await loadOpenCv();
  const scale = Math.min(1, SEGMENT_LONG_SIDE / Math.max(width, height));
  const w = Math.max(8, Math.round(width * scale));
  const h = Math.max(8, Math.round(height * scale));
  const src = cv.matFromImageData({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height });
  const small = new cv.Mat();
  const grey = new cv.Mat();
  const edges = new cv.Mat();
  const lines = new cv.Mat();
  try {
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, grey, cv.COLOR_RGBA2GRAY);
    cv.GaussianBlur(grey, grey, new cv.Size(5, 5), 0);
    cv.Canny(grey, edges, 40, 120);
    cv.HoughLinesP(edges, lines, 1, Math.PI / 180, 60, Math.round(w * MIN_LENGTH), 8);
    const found: EdgeLine[] = [];
    for (let i = 0; i < lines.rows; i++) {
      const [x1, y1, x2, y2] = [lines.data32S[i * 4], lines.data32S[i * 4 + 1], lines.data32S[i * 4 + 2], lines.data32S[i * 4 + 3]] as number[];
      if (Math.abs((y2 as number) - (y1 as number)) > MAX_SLOPE * Math.abs((x2 as number) - (x1 as number))) continue;
      const [l, r] =
        (x1 as number) <= (x2 as number)
          ? [
              { x: x1 as number, y: y1 as number },
              { x: x2 as number, y: y2 as number },
            ]
          : [
              { x: x2 as number, y: y2 as number },
              { x: x1 as number, y: y1 as number },
            ];
      // Merge with a line already found at about the same height.
      const same = found.find((f) => Math.abs((f.a.y + f.b.y) / 2 - (l.y + r.y) / 2) < 4);
      if (same) {
        if (l.x < same.a.x) same.a = l;
        if (r.x > same.b.x) same.b = r;
      } else found.push({ a: l, b: r });
    }
    return found.map((f) => ({ a: { x: f.a.x / scale, y: f.a.y / scale }, b: { x: f.b.x / scale, y: f.b.y / scale } })).sort((p, q) => p.a.y - q.a.y);
  } finally {
    for (const m of [src, small, grey, edges, lines]) m.delete();
  }
}
