import type { Raster } from '../../../shared/preview/raster';
import type { ClipTrack } from '../../../shared/run/schema';
import type { BBox } from '../../../shared/scene/schema';
import { type CV, loadOpenCv } from '../perceive/opencv';

/** An object to follow: its centroid and box in the first frame, in frame pixels. */
export interface TrackTarget {
  id: string;
  x: number;
  y: number;
  box: BBox;
}

export interface TrackResult {
  /** Position per frame (angle is not measured: 0). A track ends early where the object was lost. */
  tracks: ClipTrack[];
  lost: Array<{ id: string; frame: number }>;
}

/** Normalised cross-correlation below this is not the same object any more. */
const MIN_SCORE = 0.55;

/** A copy of a region: the view opencv.js makes for it holds its parent's memory until deleted. */
function cut(cv: CV, frame: CV, x: number, y: number, w: number, h: number): CV {
  const view = frame.roi(new cv.Rect(x, y, w, h));
  try {
    return view.clone();
  } finally {
    view.delete();
  }
}

/** Sub-pixel peak of three samples around a maximum (a parabola through them). */
function peakOffset(left: number, mid: number, right: number): number {
  const d = left - 2 * mid + right;
  return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / d)) : 0;
}

interface Match {
  x: number;
  y: number;
  score: number;
}

/** Best match of `template` inside `window` of `frame`: top-left of the match in frame pixels. */
function matchIn(cv: CV, frame: CV, template: CV, window: { x: number; y: number; w: number; h: number }): Match {
  const roi = frame.roi(new cv.Rect(window.x, window.y, window.w, window.h));
  const result = new cv.Mat();
  try {
    cv.matchTemplate(roi, template, result, cv.TM_CCOEFF_NORMED);
    const { maxLoc, maxVal } = cv.minMaxLoc(result);
    const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < result.cols && y < result.rows ? result.floatAt(y, x) : maxVal);
    const dx = peakOffset(at(maxLoc.x - 1, maxLoc.y), maxVal, at(maxLoc.x + 1, maxLoc.y));
    const dy = peakOffset(at(maxLoc.x, maxLoc.y - 1), maxVal, at(maxLoc.x, maxLoc.y + 1));
    return { x: window.x + maxLoc.x + dx, y: window.y + maxLoc.y + dy, score: Number.isFinite(maxVal) ? maxVal : 0 };
  } finally {
    roi.delete();
    result.delete();
  }
}

/**
 * Follows each object through a generated clip by template matching (normalised cross-correlation
 * on RGB, sub-pixel peaks), searching around where constant velocity predicts it. The first
 * frame's look is the template; when the object turns or changes, the previous frame's look is
 * tried before the track is declared lost. This measures the motion the model actually made, so
 * a render clip's metrics are its own, not its conditioning's.
 */
export async function trackObjects(frames: Raster[], targets: TrackTarget[], signal?: AbortSignal): Promise<TrackResult> {
  const first = frames[0];
  if (!first || targets.length === 0) return { tracks: [], lost: [] };
  const cv = await loadOpenCv();
  const { width: W, height: H } = first;
  const mats: CV[] = frames.map((f) => {
    const rgba = cv.matFromImageData({ data: f.data, width: f.width, height: f.height });
    const rgb = new cv.Mat();
    cv.cvtColor(rgba, rgb, cv.COLOR_RGBA2RGB);
    rgba.delete();
    return rgb;
  });
  const result: TrackResult = { tracks: [], lost: [] };
  try {
    for (const target of targets) {
      const w = Math.max(4, Math.min(W, Math.round(target.box.w)));
      const h = Math.max(4, Math.min(H, Math.round(target.box.h)));
      const x0 = Math.max(0, Math.min(W - w, Math.round(target.box.x)));
      const y0 = Math.max(0, Math.min(H - h, Math.round(target.box.y)));
      const track: ClipTrack = { id: target.id, x: [target.x], y: [target.y], angle: [0] };
      result.tracks.push(track);
      // An object filling most of the frame cannot be told from the frame itself.
      if (w * h > 0.6 * W * H) {
        result.lost.push({ id: target.id, frame: 1 });
        continue;
      }
      const original = cut(cv, mats[0], x0, y0, w, h);
      let recent = original.clone();
      let pos = { x: x0, y: y0 };
      let vel = { x: 0, y: 0 };
      try {
        for (let f = 1; f < mats.length; f++) {
          signal?.throwIfAborted();
          const margin = Math.ceil(Math.max(6, 0.35 * Math.max(w, h)) + Math.hypot(vel.x, vel.y));
          const px = pos.x + vel.x;
          const py = pos.y + vel.y;
          const wx0 = Math.max(0, Math.floor(px - margin));
          const wy0 = Math.max(0, Math.floor(py - margin));
          const wx1 = Math.min(W, Math.ceil(px + w + margin));
          const wy1 = Math.min(H, Math.ceil(py + h + margin));
          if (wx1 - wx0 < w || wy1 - wy0 < h) {
            result.lost.push({ id: target.id, frame: f });
            break;
          }
          const window = { x: wx0, y: wy0, w: wx1 - wx0, h: wy1 - wy0 };
          let best = matchIn(cv, mats[f], original, window);
          if (best.score < MIN_SCORE) {
            const again = matchIn(cv, mats[f], recent, window);
            if (again.score > best.score) best = again;
          }
          if (best.score < MIN_SCORE) {
            result.lost.push({ id: target.id, frame: f });
            break;
          }
          vel = { x: best.x - pos.x, y: best.y - pos.y };
          pos = { x: best.x, y: best.y };
          track.x.push(target.x + (pos.x - x0));
          track.y.push(target.y + (pos.y - y0));
          track.angle.push(0);
          recent.delete();
          const rx = Math.max(0, Math.min(W - w, Math.round(pos.x)));
          const ry = Math.max(0, Math.min(H - h, Math.round(pos.y)));
          recent = cut(cv, mats[f], rx, ry, w, h);
        }
      } finally {
        original.delete();
        recent.delete();
      }
    }
  } finally {
    for (const m of mats) m.delete();
  }
  return result;
}
