import { encodeRle } from '../scene/rle';
import type { Point, Rle } from '../scene/schema';

/** Fills a polygon (even-odd, pixel centres) into a 0/1 mask: for objects that came without one. */
export function polygonMask(polygon: Point[], width: number, height: number, scale = 1): Rle {
  const mask = new Uint8Array(width * height);
  const pts = polygon.map((p) => ({ x: p.x * scale, y: p.y * scale }));
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    const xs: number[] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i] as Point;
      const b = pts[(i + 1) % pts.length] as Point;
      if ((a.y <= cy && b.y > cy) || (b.y <= cy && a.y > cy)) xs.push(a.x + ((cy - a.y) * (b.x - a.x)) / (b.y - a.y));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil((xs[k] as number) - 0.5));
      const to = Math.min(width - 1, Math.floor((xs[k + 1] as number) - 0.5));
      if (to >= from) mask.fill(1, y * width + from, y * width + to + 1);
    }
  }
  return encodeRle(mask, width, height);
}
