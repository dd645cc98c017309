import { describe, expect, it } from 'vitest';
import { trackObjects } from '../../electron/engine/render/track';
import type { Raster } from '../../shared/preview/raster';

const W = 160;
const H = 120;

/** A textured background and a striped disc of radius r centred at (cx, cy), anti-aliased, so sub-pixel motion shows. */
function frame(disc: { cx: number; cy: number; r: number } | null): Raster {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = 4 * (y * W + x);
      let r = 90 + 40 * Math.sin(x / 9) + 20 * Math.cos(y / 7);
      let g = 110 + 30 * Math.cos((x + y) / 11);
      let b = 130 + 25 * Math.sin(y / 5);
      if (disc) {
        const d = Math.hypot(x + 0.5 - disc.cx, y + 0.5 - disc.cy);
        const cover = Math.max(0, Math.min(1, disc.r + 0.5 - d));
        if (cover > 0) {
          // Stripes fixed to the disc, so it has texture of its own to match.
          const stripe = Math.floor((x + 0.5 - disc.cx + disc.r) / 3) % 2 === 0;
          r = r * (1 - cover) + (stripe ? 230 : 160) * cover;
          g = g * (1 - cover) + (stripe ? 60 : 30) * cover;
          b = b * (1 - cover) + 40 * cover;
        }
      }
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  }
  return { width: W, height: H, data };
}

describe('tracking objects through generated frames', () => {
  it('follows a falling disc to within a pixel, frame by frame', async () => {
    const path = Array.from({ length: 20 }, (_, f) => ({ cx: 40 + 2.3 * f, cy: 20 + 0.21 * f * f, r: 9 }));
    const frames = path.map((p) => frame(p));
    const start = path[0] as { cx: number; cy: number; r: number };
    const { tracks, lost } = await trackObjects(frames, [{ id: 'ball', x: start.cx, y: start.cy, box: { x: start.cx - 10, y: start.cy - 10, w: 20, h: 20 } }]);
    expect(lost).toEqual([]);
    const track = tracks[0];
    expect(track?.x).toHaveLength(20);
    const worst = Math.max(...path.map((p, f) => Math.hypot((track?.x[f] ?? 0) - p.cx, (track?.y[f] ?? 0) - p.cy)));
    expect(worst).toBeLessThan(1);
  });

  it('ends the track where the object is no longer there', async () => {
    const frames = Array.from({ length: 10 }, (_, f) => frame(f < 6 ? { cx: 60 + f, cy: 60, r: 10 } : null));
    const { tracks, lost } = await trackObjects(frames, [{ id: 'ball', x: 60, y: 60, box: { x: 49, y: 49, w: 22, h: 22 } }]);
    expect(lost).toEqual([{ id: 'ball', frame: 6 }]);
    expect(tracks[0]?.x).toHaveLength(6);
  });

  it('does not pretend to track an object that fills the frame', async () => {
    const frames = [frame(null), frame(null)];
    const { tracks, lost } = await trackObjects(frames, [{ id: 'wall', x: 80, y: 60, box: { x: 0, y: 0, w: W, h: H } }]);
    expect(lost).toEqual([{ id: 'wall', frame: 1 }]);
    expect(tracks[0]?.x).toEqual([80]);
  });
});

describe('tracking memory', () => {
  it('gives back the memory of every frame it looked at (no growth over repeated clips)', async () => {
    const { loadOpenCv } = await import('../../electron/engine/perceive/opencv');
    const cv = await loadOpenCv();
    const heap = () => (cv.HEAPU8 as Uint8Array).length;
    // 24 frames of 400×300: 8.6 MB of RGB a clip inside opencv.js. Leaked, 40 clips would need far
    // more than the heap has, and it would grow.
    const [w, h] = [400, 300];
    const frames = Array.from({ length: 24 }, (_, f) => {
      const data = new Uint8ClampedArray(w * h * 4);
      for (let i = 0; i < w * h; i++) {
        const x = i % w;
        const y = Math.floor(i / w);
        const inside = (x - 100 - f) ** 2 + (y - 150) ** 2 < 100;
        data.set(inside ? [230, 40, 40, 255] : [(x * 7) & 255, (y * 5) & 255, ((x + y) * 3) & 255, 255], i * 4);
      }
      return { width: w, height: h, data };
    });
    const target = [{ id: 'ball', x: 100, y: 150, box: { x: 88, y: 138, w: 24, h: 24 } }];
    await trackObjects(frames, target);
    const before = heap();
    for (let i = 0; i < 40; i++) await trackObjects(frames, target);
    expect(heap()).toBe(before);
  });
});
