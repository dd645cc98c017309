import { yOnSegment } from '../physics/geometry';
import type { Point } from '../scene/schema';
import type { Raster } from './raster';

/**
 * Height of the first surface at or below `y` along the vertical through `x`, or null. Surfaces
 * are polylines in output pixels. A surface up to `tolerance` above `y` still counts: an object
 * resting on something sits a little into it, since the outline drawn from the picture and the
 * contact the simulation settles on do not agree to the pixel.
 */
export function surfaceBelow(surfaces: Point[][], x: number, y: number, tolerance = 1): number | null {
  let best: number | null = null;
  for (const line of surfaces) {
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i] as Point;
      const b = line[i + 1] as Point;
      if (a.x === b.x) continue;
      const sy = yOnSegment(a, b, x);
      if (sy !== null && sy >= y - tolerance && (best === null || sy < best)) best = sy;
    }
  }
  return best;
}

/**
 * A soft contact shadow on the surface under an object: darkest and tightest when the object
 * touches the surface, fading and spreading as it rises, so height above the ground reads.
 */
export function drawContactShadow(frame: Raster, x: number, bottom: number, halfWidth: number, surfaceY: number): void {
  const height = Math.max(0, surfaceY - bottom);
  const strength = 0.45 * Math.exp(-height / Math.max(4, 1.5 * halfWidth));
  if (strength < 0.01) return;
  const rx = halfWidth * (0.9 + height / Math.max(8, 4 * halfWidth));
  const ry = Math.max(2, rx * 0.18);
  const { width: W, height: H, data } = frame;
  const x0 = Math.max(0, Math.floor(x - rx));
  const x1 = Math.min(W, Math.ceil(x + rx));
  const y0 = Math.max(0, Math.floor(surfaceY - ry));
  const y1 = Math.min(H, Math.ceil(surfaceY + ry));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const dx = (px + 0.5 - x) / rx;
      const dy = (py + 0.5 - surfaceY) / ry;
      const d = dx * dx + dy * dy;
      if (d >= 1) continue;
      const k = 1 - strength * (1 - d) * (1 - d);
      const j = (py * W + px) * 4;
      data[j] = (data[j] as number) * k;
      data[j + 1] = (data[j + 1] as number) * k;
      data[j + 2] = (data[j + 2] as number) * k;
    }
  }
}
