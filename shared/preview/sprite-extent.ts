import type { Sprite } from './sprite';

/** Alpha above which a sprite pixel is the object, not its feathered edge. */
const SOLID = 0.5;

// Outline pixels (opaque, with a see-through 4-neighbour) relative to the origin, per sprite:
// computed once, then rotated every frame.
const outlines = new WeakMap<Sprite, Float32Array>();

function outline(sprite: Sprite): Float32Array {
  const cached = outlines.get(sprite);
  if (cached) return cached;
  const { width: w, height: h, data, origin } = sprite;
  const solid = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && (data[(y * w + x) * 4 + 3] as number) > SOLID;
  const points: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (solid(x, y) && !(solid(x - 1, y) && solid(x + 1, y) && solid(x, y - 1) && solid(x, y + 1))) points.push(x + 0.5 - origin.x, y + 0.5 - origin.y);
  const result = Float32Array.from(points);
  outlines.set(sprite, result);
  return result;
}

/**
 * Lowest point of the object itself once rotated by `angle`, relative to its origin, and half its
 * width across. Measured on the opaque pixels, not the sprite's box: the corners of a round
 * object's box reach well below it once it turns, and would put its contact shadow under the
 * surface it rests on. A sprite with nothing opaque falls back to its box.
 */
export function spriteExtent(sprite: Sprite, angle: number): { bottom: number; halfWidth: number } {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const points = outline(sprite);
  let bottom = Number.NEGATIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  const visit = (x: number, y: number) => {
    bottom = Math.max(bottom, s * x + c * y);
    const rx = c * x - s * y;
    left = Math.min(left, rx);
    right = Math.max(right, rx);
  };
  if (points.length) {
    for (let i = 0; i < points.length; i += 2) visit(points[i] as number, points[i + 1] as number);
    // Pixel centres: the object reaches half a pixel beyond the outermost ones.
    return { bottom: bottom + 0.5, halfWidth: Math.max(2, (right - left) / 2 + 0.5) };
  }
  for (const [x, y] of [
    [-sprite.origin.x, -sprite.origin.y],
    [sprite.width - sprite.origin.x, -sprite.origin.y],
    [-sprite.origin.x, sprite.height - sprite.origin.y],
    [sprite.width - sprite.origin.x, sprite.height - sprite.origin.y],
  ] as const)
    visit(x, y);
  // The box includes the 3-pixel margin extractSprite leaves round the object; it stops that short.
  return { bottom: bottom - 3, halfWidth: Math.max(2, (right - left) / 2 - 3) };
}
