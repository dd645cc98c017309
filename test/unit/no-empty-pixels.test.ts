import { describe, expect, it } from 'vitest';
import { fillBackground } from '../../electron/engine/preview/background';
import { renderFrame } from '../../shared/preview/clip';
import { createRaster } from '../../shared/preview/raster';
import { extractSprite } from '../../shared/preview/sprite';
import { encodeRle } from '../../shared/scene/rle';

// No black or empty pixel reaches a frame: a large object touching the picture's border is cut
// out, its hole filled, and it is moved and turned out of the frame; every pixel of every frame
// stays opaque and takes its colour from the picture (grey wall, red object), never black.

describe('frames have no empty pixels', () => {
  it('a large object at the border, moved and turned out of the frame, leaves no black or transparent pixel', async () => {
    const W = 160;
    const H = 120;
    const image = createRaster(W, H);
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        // A red block from the left border over a third of the picture, on a grey wall with grain.
        const inside = x < 60 && y > 30 && y < 100;
        const n = ((x * 7 + y * 13) % 11) - 5;
        image.data.set(inside ? [210, 40, 40, 255] : [150 + n, 150 + n, 145 + n, 255], 4 * (y * W + x));
        mask[y * W + x] = inside ? 1 : 0;
      }
    const sprite = extractSprite('block', image, encodeRle(mask, W, H), { x: 30, y: 65 });
    if (!sprite) throw new Error('no sprite');
    const { background } = await fillBackground(image, mask);
    const frames = 24;
    const track = {
      id: 'block',
      x: Array.from({ length: frames }, (_, f) => 30 + f * 9),
      y: Array.from({ length: frames }, (_, f) => 65 - f * 4),
      angle: Array.from({ length: frames }, (_, f) => f * 0.3),
    };
    const scene = { background, layers: [{ sprite, track }], surfaces: [], shadows: false, motionBlur: true };
    let transparent = 0;
    let dark = 0;
    for (let f = 0; f < frames; f++) {
      const frame = renderFrame(scene, f);
      for (let i = 0; i < W * H; i++) {
        if (frame.data[4 * i + 3] !== 255) transparent++;
        if (Math.max(frame.data[4 * i] as number, frame.data[4 * i + 1] as number, frame.data[4 * i + 2] as number) <= 100) dark++;
      }
    }
    expect(transparent).toBe(0);
    expect(dark).toBe(0);
  }, 120_000);
});
