import type { EvalObject, EvalSurface } from '../../shared/evaluate/schema';
import type { Raster } from '../../shared/preview/raster';
import { encodeRle } from '../../shared/scene/rle';

/**
 * Synthetic clips for the pixel evaluator, each with known ground truth: a striped red disc over
 * a textured blue-green wall, above a brown table whose top is the line y = TABLE. A clip is a
 * list of disc states per frame; each variant breaks one rule of physics and only that one.
 */
export const W = 200;
export const H = 160;
export const FPS = 24;
export const TABLE = 140;
export const R = 10;
/** Gravity in these clips, px/s² (the scene's g at its scale). */
export const G = 400;
export const FRAMES = 36;

export interface Disc {
  cx: number;
  cy: number;
  /** Two halves drifting apart by this many pixels each (0: one piece). */
  split?: number;
}

export interface Paint {
  /** Shifts the whole background by this many pixels (a camera shake). */
  shift?: number;
  /** Paints a black disc of this radius where the disc started. */
  hole?: number;
  /** Paints the disc's starting place flat grey. */
  smudge?: boolean;
}

function wall(x: number, y: number): [number, number, number] {
  if (y >= TABLE) return [130 + 15 * Math.sin(x / 6), 85 + 8 * Math.cos(y / 4), 45];
  // Tiles with pale grout lines: edges that show when the wall moves.
  const row = Math.floor(y / 16);
  if (y % 16 < 2 || (x + (row % 2) * 12) % 24 < 2) return [190, 185, 175];
  return [70 + 30 * Math.sin(x / 9) + 15 * Math.cos(y / 7), 120 + 25 * Math.cos((x + y) / 11), 150 + 20 * Math.sin(y / 5)];
}

function cover(x: number, y: number, cx: number, cy: number, r: number): number {
  return Math.max(0, Math.min(1, r + 0.5 - Math.hypot(x + 0.5 - cx, y + 0.5 - cy)));
}

export function drawFrame(discs: Array<Disc | null>, paint: Paint = {}, start: Disc | null = null): Raster {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let [r, g, b] = wall(x + (paint.shift ?? 0), y);
      if (start && paint.smudge && cover(x, y, start.cx, start.cy, R) > 0.5) [r, g, b] = [128, 128, 128];
      if (start && paint.hole && cover(x, y, start.cx, start.cy, paint.hole) > 0.5) [r, g, b] = [0, 0, 0];
      for (const d of discs) {
        if (!d) continue;
        const parts = d.split ? [-d.split, d.split] : [0];
        for (const dx of parts) {
          const c = cover(x, y, d.cx + dx, d.cy, R);
          // A split disc is two half-discs: the left half moves left, the right half right.
          if (c <= 0 || (d.split && (dx < 0 ? x + 0.5 > d.cx + dx : x + 0.5 < d.cx + dx))) continue;
          const stripe = Math.floor((x + 0.5 - (d.cx + dx) + R) / 4) % 2 === 0;
          r = r * (1 - c) + (stripe ? 235 : 200) * c;
          g = g * (1 - c) + (stripe ? 60 : 35) * c;
          b = b * (1 - c) + 40 * c;
        }
      }
      const o = 4 * (y * W + x);
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  }
  return { width: W, height: H, data };
}

export function discObject(d: Disc, id = 'disc', label = 'ball'): EvalObject {
  const mask = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = cover(x, y, d.cx, d.cy, R) > 0.5 ? 1 : 0;
  return { id, label, mask: encodeRle(mask, W, H), bbox: { x: d.cx - R, y: d.cy - R, w: 2 * R, h: 2 * R }, dynamic: true };
}

export const TABLE_SURFACE: EvalSurface = {
  id: 'table',
  points: [
    { x: 0, y: TABLE },
    { x: W, y: TABLE },
  ],
};

/** A fall from (cx, cy0) at gravity `g` until the disc's bottom is `stopAt` (default: the table), then rest. */
export function fallPath(opts: { cx?: number; cy0?: number; g?: number; stopAt?: number; vx?: number } = {}): Disc[] {
  const { cx = 100, cy0 = 30, g = G, stopAt = TABLE, vx = 0 } = opts;
  return Array.from({ length: FRAMES }, (_, f) => {
    const t = f / FPS;
    const cy = Math.min(stopAt - R, cy0 + 0.5 * g * t * t);
    return { cx: cx + vx * t, cy };
  });
}

export function clip(path: Array<Disc | null>, paint: (f: number) => Paint = () => ({})): Raster[] {
  const start = path[0] ?? null;
  return path.map((d, f) => drawFrame([d], paint(f), start));
}
