import { describe, expect, it } from 'vitest';
import { bulkDensity, editObject, volumeM3 } from '../../electron/engine/scene/edit-object';
import { area } from '../../shared/physics/geometry';
import { type Material, materialByName } from '../../shared/refine/kb/materials';
import { withMaterial } from '../../shared/scene/build';
import { countOn, objectBits, paintStroke, toRle } from '../../shared/scene/mask-edit';
import type { SceneObject } from '../../shared/scene/schema';
import { circle, object, rect } from '../helpers/scenes';

const IMAGE = { width: 1000, height: 800 };
const PPM = 500;

/** An object as perception makes it: a mask at 500×400 over the image, mass from rubber over its volume. */
function perceived(id: string, polygon: Array<{ x: number; y: number }>): SceneObject {
  const base = object(id, polygon);
  const bits = objectBits(base, IMAGE);
  return withMaterial({ ...base, mask: toRle(bits) }, materialByName('rubber') as Material, PPM, 'appearance', 0.4);
}

describe('object edits in the engine', () => {
  it('the add brush grows the mask, the outline, the box and the mass at the same density', async () => {
    const ball = perceived('o1', circle(300, 400, 60));
    const { object: grown, notice } = await editObject({
      image: IMAGE,
      pixelsPerMetre: PPM,
      object: ball,
      edit: {
        kind: 'paint',
        mode: 'add',
        radius: 30,
        points: [
          { x: 360, y: 400 },
          { x: 420, y: 400 },
        ],
      },
    });
    expect(notice).toBeNull();
    expect(countOn(objectBits(grown, IMAGE))).toBeGreaterThan(countOn(objectBits(ball, IMAGE)));
    expect(grown.bbox.x + grown.bbox.w).toBeGreaterThan(445);
    expect(Math.max(...grown.polygon.map((p) => p.x))).toBeGreaterThan(440);
    expect(area(grown.polygon)).toBeGreaterThan(area(ball.polygon) * 1.2);
    // More volume at the same density (how much more depends on the shape perception assumes for the outline).
    expect(grown.params.mass).toBeGreaterThan(ball.params.mass);
    expect(bulkDensity(grown, PPM)).toBeCloseTo(bulkDensity(ball, PPM), 3);
    expect(grown.params.mass).toBeCloseTo(bulkDensity(ball, PPM) * volumeM3(grown, PPM), 6);
    // Areal density (the 2-D world's) is mass over the outline's area.
    expect(grown.params.density).toBeCloseTo(grown.params.mass / (area(grown.polygon) / PPM ** 2), 3);
  });

  it('the subtract brush that cuts an object in two keeps the larger piece and says so', async () => {
    const bar = perceived('o1', rect(100, 300, 600, 80));
    const { object: cut, notice } = await editObject({
      image: IMAGE,
      pixelsPerMetre: PPM,
      object: bar,
      edit: {
        kind: 'paint',
        mode: 'subtract',
        radius: 20,
        points: [
          { x: 250, y: 250 },
          { x: 250, y: 450 },
        ],
      },
    });
    expect(notice).toMatch(/cut the o1 in two/);
    expect(cut.bbox.x).toBeGreaterThan(260);
    expect(Math.min(...cut.polygon.map((p) => p.x))).toBeGreaterThan(260);
    expect(cut.params.mass).toBeLessThan(bar.params.mass);
  });

  it('erasing everything is refused with a typed error', async () => {
    const dot = perceived('o1', rect(100, 100, 20, 20));
    await expect(
      editObject({ image: IMAGE, pixelsPerMetre: PPM, object: dot, edit: { kind: 'paint', mode: 'subtract', radius: 100, points: [{ x: 110, y: 110 }] } }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('merging two touching halves gives one body with one outline around both', async () => {
    // An orange cut along its shading line into a lit and a dark piece.
    const lit = perceived('o1', rect(400, 300, 100, 200));
    const dark = perceived('o2', rect(500, 300, 60, 200));
    const { object: whole, absorbed, notice } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: lit, edit: { kind: 'merge', other: dark } });
    expect(absorbed).toBe('o2');
    expect(notice).toBeNull();
    expect(whole.id).toBe('o1');
    expect(whole.bbox.x).toBeCloseTo(400, -1);
    expect(whole.bbox.w).toBeCloseTo(160, -1);
    // The contour runs through edge pixel centres, as perception's does: within a few percent.
    expect(Math.abs(area(whole.polygon) / (160 * 200) - 1)).toBeLessThan(0.05);
    expect(countOn(objectBits(whole, IMAGE))).toBe(countOn(objectBits(lit, IMAGE)) + countOn(objectBits(dark, IMAGE)));
    expect(whole.params.mass).toBeGreaterThan(lit.params.mass);
  });

  it('merging objects far apart moves them as one body shaped by their hull, and says so', async () => {
    const a = perceived('o1', rect(100, 300, 50, 50));
    const b = perceived('o2', rect(600, 300, 50, 50));
    const { object: both, notice } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: a, edit: { kind: 'merge', other: b } });
    expect(notice).toMatch(/one body/);
    expect(both.bbox.w).toBeCloseTo(550, -1);
    // The mask stays as the two pieces; the simulated outline spans them.
    expect(countOn(objectBits(both, IMAGE))).toBe(countOn(objectBits(a, IMAGE)) + countOn(objectBits(b, IMAGE)));
    expect(area(both.polygon)).toBeGreaterThan(500 * 50 * 0.9);
  });

  it('a preset sets material, mass from its bulk density, friction, bounciness and drag together', async () => {
    const ball = perceived('o1', circle(300, 400, 55));
    const { object: steel } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: ball, edit: { kind: 'preset', preset: 'steel' } });
    const { object: rubber } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: ball, edit: { kind: 'preset', preset: 'rubber-ball' } });
    expect(steel.material.name).toBe('steel');
    expect(steel.params.mass).toBeCloseTo(7850 * volumeM3(ball, PPM), 6);
    expect(steel.params.mass / rubber.params.mass).toBeCloseTo(7850 / 170, 3);
    expect(rubber.params.restitution).toBe(0.8);
    expect(steel.provenance).toMatchObject({ mass: 'user', friction: 'user', restitution: 'user', linearDamping: 'user' });
    const { object: cloth } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: ball, edit: { kind: 'preset', preset: 'cloth' } });
    expect(cloth.params.linearDamping).toBeGreaterThan(ball.params.linearDamping);
  });

  it('a new material keeps the hollowness of the object: mass scales by the ratio of densities', async () => {
    const cup = { ...perceived('o1', rect(300, 300, 90, 90)), material: { name: 'ceramic', confidence: 0.5 } };
    const hollow = { ...cup, params: { ...cup.params, mass: 0.3 } };
    const { object: glass } = await editObject({ image: IMAGE, pixelsPerMetre: PPM, object: hollow, edit: { kind: 'material', material: 'glass' } });
    expect(glass.params.mass).toBeCloseTo(0.3 * (2500 / 2400), 6);
    expect(glass.params.restitution).toBe(0.5);
    await expect(editObject({ image: IMAGE, pixelsPerMetre: PPM, object: cup, edit: { kind: 'material', material: 'water' } })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('paints an object that came without a mask (bundled samples) from its outline', async () => {
    const o = object('o1', rect(100, 100, 200, 100));
    const painted = paintStroke(objectBits(o, IMAGE), { points: [{ x: 320, y: 150 }], radius: 30 }, IMAGE, 1);
    const { object: grown } = await editObject({
      image: IMAGE,
      pixelsPerMetre: PPM,
      object: o,
      edit: { kind: 'paint', mode: 'add', radius: 30, points: [{ x: 320, y: 150 }] },
    });
    expect(grown.mask.width).toBeGreaterThan(0);
    expect(countOn(objectBits(grown, IMAGE))).toBe(countOn(painted));
  });
});
