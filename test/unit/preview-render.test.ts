import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { depthOrder, type Layer, renderFrame } from '../../shared/preview/clip';
import { drawSprite } from '../../shared/preview/draw';
import { capPreviewSettings, outputSize } from '../../shared/preview/layout';
import { polygonMask } from '../../shared/preview/polygon-mask';
import { createRaster, type Raster } from '../../shared/preview/raster';
import { extractSprite } from '../../shared/preview/sprite';
import { encodeRle } from '../../shared/scene/rle';

/** A flat grey picture with a red square (or rectangle) in it. */
function picture(w: number, h: number, box: { x: number; y: number; w: number; h: number }): { image: Raster; mask: Uint8Array } {
  const image = createRaster(w, h);
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const inside = x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      image.data.set(inside ? [220, 30, 30, 255] : [120, 120, 120, 255], i);
      mask[y * w + x] = inside ? 1 : 0;
    }
  return { image, mask };
}

/** Centroid and extent of where a frame differs from the plain background, weighted by how much. */
function drawn(frame: Raster) {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = -1;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = -1;
  for (let y = 0; y < frame.height; y++)
    for (let x = 0; x < frame.width; x++) {
      const i = (y * frame.width + x) * 4;
      const w = Math.max(0, ((frame.data[i] as number) - 120) / 100);
      if (w <= 0) continue;
      sx += (x + 0.5) * w;
      sy += (y + 0.5) * w;
      sw += w;
      if (w > 0.5) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  return { cx: sx / sw, cy: sy / sw, w: maxX - minX + 1, h: maxY - minY + 1 };
}

function grey(w: number, h: number): Raster {
  const r = createRaster(w, h);
  for (let i = 0; i < w * h; i++) r.data.set([120, 120, 120, 255], i * 4);
  return r;
}

describe('layered renderer', () => {
  const { image, mask } = picture(200, 160, { x: 40, y: 50, w: 30, h: 16 });
  const centre = { x: 55, y: 58 };
  const sprite = extractSprite('box', image, encodeRle(mask, 200, 160), centre);

  it('cuts a sprite with a soft edge and keeps its centre as the origin', () => {
    expect(sprite).not.toBeNull();
    if (!sprite) return;
    expect(sprite.origin.x).toBeCloseTo(55 - (40 - 3), 6);
    const alphas = Array.from({ length: sprite.width * sprite.height }, (_, i) => sprite.data[i * 4 + 3] as number);
    expect(Math.max(...alphas)).toBeCloseTo(1, 5);
    // Partial coverage exists only at the rim: the edge is feathered, not stair-stepped.
    expect(alphas.some((a) => a > 0.2 && a < 0.8)).toBe(true);
  });

  it.each([
    { dx: 0, dy: 0 },
    { dx: 37.3, dy: 21.6 },
    { dx: -12.5, dy: 64.25 },
    { dx: 101.9, dy: -30.4 },
  ])('puts a sprite translated by ($dx, $dy) within 1 px of where the pose says', ({ dx, dy }) => {
    if (!sprite) throw new Error('no sprite');
    const frame = grey(200, 160);
    drawSprite(frame, sprite, [{ x: centre.x + dx, y: centre.y + dy, angle: 0 }]);
    const d = drawn(frame);
    expect(Math.abs(d.cx - (centre.x + dx))).toBeLessThan(1);
    expect(Math.abs(d.cy - (centre.y + dy))).toBeLessThan(1);
  });

  it('rotates a sprite about its centre: a quarter turn swaps width and height', () => {
    if (!sprite) throw new Error('no sprite');
    const frame = grey(200, 160);
    drawSprite(frame, sprite, [{ x: 120, y: 80, angle: Math.PI / 2 }]);
    const d = drawn(frame);
    expect(Math.abs(d.cx - 120)).toBeLessThan(1);
    expect(Math.abs(d.cy - 80)).toBeLessThan(1);
    expect(Math.abs(d.w - 16)).toBeLessThanOrEqual(1);
    expect(Math.abs(d.h - 30)).toBeLessThanOrEqual(1);
  });

  it('motion blur spreads a fast sprite along its path but keeps its mass', () => {
    if (!sprite) throw new Error('no sprite');
    const sharp = grey(200, 160);
    drawSprite(sharp, sprite, [{ x: 100, y: 80, angle: 0 }]);
    const blurred = grey(200, 160);
    drawSprite(
      blurred,
      sprite,
      Array.from({ length: 8 }, (_, k) => ({ x: 90 + (20 * (k + 1)) / 8, y: 80, angle: 0 })),
    );
    const a = drawn(sharp);
    const b = drawn(blurred);
    expect(b.w).toBeLessThan(a.w + 20);
    const mass = (f: Raster) => {
      let m = 0;
      for (let i = 0; i < f.data.length; i += 4) m += Math.max(0, (f.data[i] as number) - 120);
      return m;
    };
    expect(Math.abs(mass(blurred) - mass(sharp)) / mass(sharp)).toBeLessThan(0.02);
  });

  it('draws later layers over earlier ones and renders identical bytes every time', () => {
    if (!sprite) throw new Error('no sprite');
    const track = { id: 'box', x: [55, 80, 110], y: [58, 70, 90], angle: [0, 0.3, 0.7] };
    const scene = {
      background: grey(200, 160),
      layers: [{ sprite, track }],
      surfaces: [
        [
          { x: 0, y: 120 },
          { x: 200, y: 120 },
        ],
      ],
      shadows: true,
      motionBlur: true,
    };
    const hash = () => {
      const h = createHash('sha256');
      for (let f = 0; f < 3; f++) h.update(renderFrame(scene, f).data);
      return h.digest('hex');
    };
    expect(hash()).toBe(hash());
    // The contact shadow darkens the surface under the object.
    const frame = renderFrame({ ...scene, motionBlur: false }, 2);
    const under = ((120 * 200 + 110) * 4) as number;
    expect(frame.data[under] as number).toBeLessThan(120);
  });

  it('orders layers by depth: lower in the picture is nearer, ties go by id', () => {
    const layer = (id: string, y0: number, height: number, originY: number): Layer => ({
      sprite: { id, width: 10, height, data: new Float32Array(10 * height * 4), origin: { x: 5, y: originY }, radius: 10 },
      track: { id, x: [0], y: [y0], angle: [0] },
    });
    // Bottom edges at frame 0: near 100 + 20 - 10 = 110, far 60 + 40 - 20 = 80, tall 50 + 80 - 20 = 110.
    const near = layer('near', 100, 20, 10);
    const far = layer('far', 60, 40, 20);
    const tall = layer('a-tall', 50, 80, 20);
    expect(depthOrder([near, far, tall]).map((l) => l.sprite.id)).toEqual(['far', 'a-tall', 'near']);
    expect(depthOrder([tall, near, far]).map((l) => l.sprite.id)).toEqual(['far', 'a-tall', 'near']);
  });

  it('draws the nearer of two overlapping layers over the farther one, whatever order they come in', () => {
    const blue = picture(200, 160, { x: 40, y: 50, w: 30, h: 16 });
    for (let i = 0; i < blue.mask.length; i++) if (blue.mask[i]) blue.image.data.set([30, 30, 220, 255], i * 4);
    const red = extractSprite('red', image, encodeRle(mask, 200, 160), centre);
    const blueSprite = extractSprite('blue', blue.image, encodeRle(blue.mask, 200, 160), centre);
    if (!red || !blueSprite) throw new Error('no sprite');
    // Red sits 6 px lower than blue (nearer), and they overlap in the middle.
    const redLayer: Layer = { sprite: red, track: { id: 'red', x: [100], y: [86], angle: [0] } };
    const blueLayer: Layer = { sprite: blueSprite, track: { id: 'blue', x: [108], y: [80], angle: [0] } };
    const frame = (layers: Layer[]) =>
      renderFrame({ background: grey(200, 160), layers: depthOrder(layers), surfaces: [], shadows: false, motionBlur: false }, 0);
    for (const order of [
      [redLayer, blueLayer],
      [blueLayer, redLayer],
    ]) {
      const f = frame(order);
      const overlap = (84 * 200 + 104) * 4;
      expect(Array.from(f.data.subarray(overlap, overlap + 3))).toEqual([220, 30, 30]);
      // Where only the farther layer is, it shows.
      const blueOnly = (76 * 200 + 118) * 4;
      expect(Array.from(f.data.subarray(blueOnly, blueOnly + 3))).toEqual([30, 30, 220]);
    }
    // Drawn the other way round, blue would cover red: order is what decides.
    const wrong = renderFrame({ background: grey(200, 160), layers: [redLayer, blueLayer], surfaces: [], shadows: false, motionBlur: false }, 0);
    const overlap = (84 * 200 + 104) * 4;
    expect(Array.from(wrong.data.subarray(overlap, overlap + 3))).toEqual([30, 30, 220]);
  });

  it('rasterises a polygon into a mask when an object has none', () => {
    const rle = polygonMask(
      [
        { x: 10, y: 10 },
        { x: 30, y: 10 },
        { x: 30, y: 20 },
        { x: 10, y: 20 },
      ],
      100,
      60,
      2,
    );
    const ones = rle.counts.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
    expect(ones).toBe(40 * 20);
  });
});

describe('output size and caps', () => {
  it('keeps the aspect ratio with even sides', () => {
    expect(outputSize({ width: 800, height: 600 }, 512)).toEqual({ width: 512, height: 384, scale: 0.64 });
    const odd = outputSize({ width: 1001, height: 333 }, 500);
    expect(odd.width % 2).toBe(0);
    expect(odd.height % 2).toBe(0);
  });

  it('caps a huge size, frame rate and duration and says so', () => {
    const { value, notices } = capPreviewSettings({ size: 4096, fps: 120, seconds: 60, seed: 1 });
    expect(value).toMatchObject({ size: 1024, fps: 30, seconds: 10, seed: 1 });
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('4096');
    expect(capPreviewSettings({ size: 512, fps: 24, seconds: 5 }).notices).toEqual([]);
  });
});
