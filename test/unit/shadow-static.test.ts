import { describe, expect, it } from 'vitest';
import { renderFrame } from '../../shared/preview/clip';
import { createRaster, type Raster } from '../../shared/preview/raster';
import { surfaceBelow } from '../../shared/preview/shadow';
import { shadowReceivers, topOutline } from '../../shared/preview/shadow-receivers';
import type { Sprite } from '../../shared/preview/sprite';
import { spriteExtent } from '../../shared/preview/sprite-extent';
import type { Point } from '../../shared/scene/schema';

/** A table seen from the front, as perception outlines it: top slab from x 40 to 160 at y 100-110, two legs down to y 150. */
const table: Point[] = [
  { x: 40, y: 100 },
  { x: 160, y: 100 },
  { x: 160, y: 150 },
  { x: 150, y: 150 },
  { x: 150, y: 110 },
  { x: 50, y: 110 },
  { x: 50, y: 150 },
  { x: 40, y: 150 },
];

describe('shadow receivers', () => {
  it('takes the top of an outline, not its legs or underside', () => {
    expect(topOutline(table)).toEqual([
      { x: 40, y: 100 },
      { x: 50, y: 100 },
      { x: 150, y: 100 },
      { x: 160, y: 100 },
    ]);
  });

  it('keeps a step in the top as a step', () => {
    // Two blocks side by side, the right one taller.
    const steps: Point[] = [
      { x: 0, y: 50 },
      { x: 20, y: 50 },
      { x: 20, y: 30 },
      { x: 40, y: 30 },
      { x: 40, y: 80 },
      { x: 0, y: 80 },
    ];
    const top = topOutline(steps);
    expect(top).toEqual([
      { x: 0, y: 50 },
      { x: 20, y: 50 },
      { x: 20, y: 30 },
      { x: 40, y: 30 },
    ]);
    // Just either side of the step, a falling object finds the top it is over.
    expect(surfaceBelow([top], 19, 0)).toBeCloseTo(50, 9);
    expect(surfaceBelow([top], 21, 0)).toBeCloseTo(30, 9);
  });

  it('follows a slanted top', () => {
    const wedge: Point[] = [
      { x: 0, y: 60 },
      { x: 60, y: 30 },
      { x: 60, y: 90 },
      { x: 0, y: 90 },
    ];
    expect(surfaceBelow([topOutline(wedge)], 30, 0)).toBeCloseTo(45, 9);
  });

  it('adds the static objects to the surfaces, scaled to output pixels, and leaves the moving ones out', () => {
    const receivers = shadowReceivers(
      {
        surfaces: [
          {
            points: [
              { x: 0, y: 150 },
              { x: 200, y: 150 },
            ],
          },
        ],
        objects: [
          { dynamic: false, polygon: table },
          {
            dynamic: true,
            polygon: [
              { x: 90, y: 40 },
              { x: 110, y: 40 },
              { x: 100, y: 60 },
            ],
          },
        ],
      },
      0.5,
    );
    expect(receivers).toHaveLength(2);
    expect(receivers[0]).toEqual([
      { x: 0, y: 75 },
      { x: 100, y: 75 },
    ]);
    expect(surfaceBelow(receivers, 50, 20)).toBeCloseTo(50, 9);
  });
});

/** A solid 20×20 white square sprite, origin at its centre (no feathering margin to speak of). */
function square(): Sprite {
  const size = 26;
  const data = new Float32Array(size * size * 4);
  for (let y = 3; y < size - 3; y++) for (let x = 3; x < size - 3; x++) data.set([255, 255, 255, 1], (y * size + x) * 4);
  return { id: 'apple', width: size, height: size, origin: { x: size / 2, y: size / 2 }, radius: size / 2, data };
}

function grey(w: number, h: number): Raster {
  const r = createRaster(w, h);
  for (let i = 0; i < w * h; i++) r.data.set([120, 120, 120, 255], i * 4);
  return r;
}

describe('contact shadow on a static object', () => {
  it('darkens the top of a table that is not a surface when something rests on it', () => {
    // The apple sample's case: the table is a static object, and the scene has no surface for it.
    const scene = { surfaces: [], objects: [{ dynamic: false, polygon: table }] };
    // Resting on the table top (its bottom at y 100).
    const track = { id: 'apple', x: [100], y: [90], angle: [0] };
    const render = (surfaces: Point[][]) =>
      renderFrame({ background: grey(200, 160), layers: [{ sprite: square(), track }], surfaces, shadows: true, motionBlur: false }, 0);
    const darkest = (frame: Raster) => {
      let min = 255;
      // Just under the apple's foot, on the table's top edge.
      for (let y = 100; y < 103; y++) for (let x = 92; x < 109; x++) min = Math.min(min, frame.data[(y * 200 + x) * 4] as number);
      return min;
    };
    expect(darkest(render(scene.surfaces))).toBe(120);
    expect(darkest(render(shadowReceivers(scene, 1)))).toBeLessThan(110);
  });
});

describe('sprite extent', () => {
  /** A solid disc of radius 12 in a box with the 3-pixel margin extractSprite leaves. */
  function disc(): Sprite {
    const size = 30;
    const data = new Float32Array(size * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) if ((x + 0.5 - 15) ** 2 + (y + 0.5 - 15) ** 2 <= 144) data.set([200, 40, 40, 1], (y * size + x) * 4);
    return { id: 'ball', width: size, height: size, origin: { x: 15, y: 15 }, radius: 12, data };
  }

  it('finds the bottom of a round object however far it has turned, not its box corner', () => {
    for (const angle of [0, 0.4, Math.PI / 4, 2.1]) {
      const { bottom, halfWidth } = spriteExtent(disc(), angle);
      expect(bottom).toBeGreaterThan(11);
      expect(bottom).toBeLessThan(13);
      expect(halfWidth).toBeGreaterThan(11);
      expect(halfWidth).toBeLessThan(13);
    }
  });

  it.each([
    { case: 'resting on it', y: 88 },
    { case: 'settled 2 px into it, as simulated contacts do', y: 90 },
  ])('puts the contact shadow on the table under a rolled ball $case', ({ y }) => {
    // On the table top (y 100), turned an eighth of a turn: its box corner would reach y 105.
    const scene = { surfaces: [], objects: [{ dynamic: false, polygon: table }] };
    const track = { id: 'ball', x: [100], y: [y], angle: [Math.PI / 4] };
    const frame = renderFrame(
      { background: grey(200, 160), layers: [{ sprite: disc(), track }], surfaces: shadowReceivers(scene, 1), shadows: true, motionBlur: false },
      0,
    );
    let min = 255;
    for (let y = 100; y < 103; y++) for (let x = 90; x < 111; x++) min = Math.min(min, frame.data[(y * 200 + x) * 4] as number);
    // The plain grey is 120: anything visibly darker is the shadow.
    expect(min).toBeLessThan(114);
  });
});
