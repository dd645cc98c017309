import { describe, expect, it } from 'vitest';
import { createRaster } from '../../shared/preview/raster';
import { extractSprite } from '../../shared/preview/sprite';
import { encodeRle } from '../../shared/scene/rle';

// The cut edge follows the picture's colours (a matte), then is feathered: a mask that overshoots
// onto the wall gives the wall back; a rim that is half object, half wall is half opaque.

const W = 120;
const H = 100;

/** A grey wall with a red disc of radius 20 at (60, 50); `rim` paints a one-pixel ring of half red, half grey around it. */
function disc(rim: boolean) {
  const image = createRaster(W, H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x + 0.5 - 60, y + 0.5 - 50);
      const colour = d <= 20 ? [220, 30, 30] : rim && d <= 21 ? [170, 75, 75] : [120, 120, 120];
      image.data.set([...colour, 255], 4 * (y * W + x));
    }
  return image;
}

function maskOfRadius(r: number) {
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (Math.hypot(x + 0.5 - 60, y + 0.5 - 50) <= r) m[y * W + x] = 1;
  return encodeRle(m, W, H);
}

/** Mean alpha of the sprite's pixels at distance d from the disc's centre (±0.5 px). */
function alphaAt(sprite: NonNullable<ReturnType<typeof extractSprite>>, d: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < sprite.height; y++)
    for (let x = 0; x < sprite.width; x++) {
      const dist = Math.hypot(x + 0.5 - sprite.origin.x, y + 0.5 - sprite.origin.y);
      if (Math.abs(dist - d) > 0.5) continue;
      sum += sprite.data[4 * (y * sprite.width + x) + 3] as number;
      n++;
    }
  return sum / n;
}

describe('matte-aware sprite edges', () => {
  it('a mask two pixels too large gives the wall it overshoots back (low alpha there)', () => {
    const sprite = extractSprite('disc', disc(false), maskOfRadius(22), { x: 60, y: 50 });
    expect(sprite).not.toBeNull();
    if (!sprite) return;
    expect(alphaAt(sprite, 10)).toBeGreaterThan(0.99);
    // 1.5 px outside the object but inside the mask: mostly wall, so mostly transparent.
    expect(alphaAt(sprite, 21.5)).toBeLessThan(0.35);
  });

  it('the edge is still feathered: partial alpha across the boundary, not a stair step', () => {
    const sprite = extractSprite('disc', disc(false), maskOfRadius(20), { x: 60, y: 50 });
    if (!sprite) throw new Error('no sprite');
    const a = alphaAt(sprite, 20);
    expect(a).toBeGreaterThan(0.2);
    expect(a).toBeLessThan(0.9);
  });

  it('a half-and-half rim comes out about half opaque', () => {
    const sprite = extractSprite('disc', disc(true), maskOfRadius(21), { x: 60, y: 50 });
    if (!sprite) throw new Error('no sprite');
    const a = alphaAt(sprite, 20.5);
    expect(a).toBeGreaterThan(0.25);
    expect(a).toBeLessThan(0.75);
  });
});
