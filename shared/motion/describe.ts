import type { Point } from '../scene/schema';

export function directionWord(v: Point): string {
  const ax = Math.abs(v.x);
  const ay = Math.abs(v.y);
  if (ax < 1e-9 && ay < 1e-9) return 'in place';
  const horizontal = v.x > 0 ? 'rightwards' : 'leftwards';
  const vertical = v.y > 0 ? 'downwards' : 'upwards';
  if (ax > 2 * ay) return horizontal;
  if (ay > 2 * ax) return vertical;
  return `${vertical} and ${horizontal}`;
}

export function speedText(v: Point, ppm: number): string {
  return `${(Math.hypot(v.x, v.y) / ppm).toFixed(2)} m/s ${directionWord(v)}`;
}
