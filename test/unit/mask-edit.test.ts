import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { materialByName } from '../../shared/refine/kb/materials';
import { type Bitmask, countOn, maskBBox, objectBits, paintStroke, replaceObject, resample, toRle, unionMasks } from '../../shared/scene/mask-edit';
import { OBJECT_PRESETS } from '../../shared/scene/presets';
import { decodeRle } from '../../shared/scene/rle';
import { object, rect, scene, surface } from '../helpers/scenes';

const IMAGE = { width: 1000, height: 800 };

function blank(width: number, height: number): Bitmask {
  return { data: new Uint8Array(width * height), width, height };
}

describe('mask edits', () => {
  it('paints a disc of the brush radius, scaled from image to mask pixels', () => {
    // A 500×400 mask over a 1000×800 image: a 40 px brush is 20 mask pixels.
    const painted = paintStroke(blank(500, 400), { points: [{ x: 500, y: 400 }], radius: 40 }, IMAGE, 1);
    const area = countOn(painted);
    expect(area).toBeGreaterThan(Math.PI * 20 ** 2 * 0.95);
    expect(area).toBeLessThan(Math.PI * 20 ** 2 * 1.05);
    expect(maskBBox(painted, IMAGE)).toEqual({ x: 460, y: 360, w: 80, h: 80 });
  });

  it('sweeps the brush between pointer samples, so a fast stroke leaves no gaps', () => {
    const painted = paintStroke(
      blank(100, 80),
      {
        points: [
          { x: 100, y: 400 },
          { x: 900, y: 400 },
        ],
        radius: 20,
      },
      IMAGE,
      1,
    );
    // A capsule 80 px long and 4 px wide (mask pixels), without holes along the line.
    for (let x = 10; x < 90; x++) expect(painted.data[40 * 100 + x]).toBe(1);
    expect(countOn(painted)).toBeGreaterThan(80 * 4 * 0.9);
  });

  it('subtracts with value 0 and leaves the input untouched', () => {
    const full: Bitmask = { data: new Uint8Array(100 * 80).fill(1), width: 100, height: 80 };
    const cut = paintStroke(
      full,
      {
        points: [
          { x: 500, y: 0 },
          { x: 500, y: 800 },
        ],
        radius: 30,
      },
      IMAGE,
      0,
    );
    expect(countOn(full)).toBe(8000);
    expect(countOn(cut)).toBeLessThan(8000 - 80 * 5);
    expect(cut.data[40 * 100 + 50]).toBe(0);
    expect(cut.data[40 * 100 + 10]).toBe(1);
  });

  it('unions masks of different resolutions on the finer grid', () => {
    const a = paintStroke(blank(200, 160), { points: [{ x: 200, y: 400 }], radius: 50 }, IMAGE, 1);
    const b = paintStroke(blank(100, 80), { points: [{ x: 800, y: 400 }], radius: 50 }, IMAGE, 1);
    const u = unionMasks(b, a);
    expect([u.width, u.height]).toEqual([200, 160]);
    expect(countOn(u)).toBeGreaterThan(countOn(a) + countOn(resample(b, 200, 160)) * 0.95);
    expect(maskBBox(u, IMAGE)).toMatchObject({ x: 150, w: 700 });
  });

  it('round-trips through RLE and fills a mask from the outline when an object has none', () => {
    const o = object('o1', rect(100, 100, 200, 100));
    const bits = objectBits(o, IMAGE);
    expect(Math.max(bits.width, bits.height)).toBe(512);
    const box = maskBBox(bits, IMAGE);
    expect(box?.x).toBeCloseTo(100, -1);
    expect(box?.w).toBeCloseTo(200, -1);
    expect(Buffer.from(decodeRle(toRle(bits))).equals(Buffer.from(bits.data))).toBe(true);
  });

  it('a merge removes the absorbed object and its interactions and repoints references to it', () => {
    const a = object('o1', rect(100, 100, 50, 50));
    const b = { ...object('o2', rect(150, 100, 50, 50)), containedIn: 'o3' };
    const c = object('o3', rect(300, 100, 50, 50));
    const base = {
      ...scene(
        [a, b, c],
        [
          surface('ground', [
            { x: 0, y: 200 },
            { x: 1000, y: 200 },
          ]),
        ],
      ),
      subjectId: 'o3',
      interactions: [
        { type: 'rests_on' as const, a: 'o1', b: 'ground', tStart: 0, confidence: 1 },
        { type: 'rests_on' as const, a: 'o3', b: 'ground', tStart: 0, confidence: 1 },
      ],
    };
    const merged = replaceObject(base, { ...a, label: 'merged' }, 'o3') as typeof base;
    expect(merged.objects.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(merged.objects[0]?.label).toBe('merged');
    expect((merged.objects[1] as typeof b).containedIn).toBe('o1');
    expect(merged.subjectId).toBe('o1');
    expect(merged.interactions.map((i) => i.a)).toEqual(['o1']);
    // Without a merge only the object itself changes.
    expect(replaceObject(base, { ...c, label: 'x' }).objects.map((o) => o.label)).toEqual(['o1', 'o2', 'x']);
  });
});

describe('the scene.editObject contract', () => {
  const o = object('o1', rect(100, 100, 50, 50));
  const request = (edit: unknown) => ({ image: IMAGE, pixelsPerMetre: 100, object: o, edit });

  it('accepts the four kinds of edit', () => {
    for (const edit of [
      { kind: 'paint', mode: 'add', radius: 10, points: [{ x: 1, y: 2 }] },
      { kind: 'merge', other: object('o2', rect(0, 0, 10, 10)) },
      { kind: 'material', material: 'wood' },
      { kind: 'preset', preset: 'fruit' },
    ])
      expect(channels['scene.editObject'].input.safeParse(request(edit)).success).toBe(true);
  });

  it('refuses malformed edits before they reach the engine', () => {
    for (const edit of [
      { kind: 'paint', mode: 'add', radius: -1, points: [{ x: 1, y: 2 }] },
      { kind: 'paint', mode: 'smudge', radius: 10, points: [{ x: 1, y: 2 }] },
      { kind: 'paint', mode: 'add', radius: 10, points: [] },
      { kind: 'paint', mode: 'add', radius: 10, points: [{ x: Number.NaN, y: 2 }] },
      { kind: 'preset', preset: 'banana' },
      { kind: 'merge' },
      { kind: 'erase-all' },
    ])
      expect(channels['scene.editObject'].input.safeParse(request(edit)).success).toBe(false);
  });

  it('every preset names a material of the knowledge base and sets values the schema allows', () => {
    for (const p of OBJECT_PRESETS) {
      expect(materialByName(p.material)).toBeDefined();
      expect(p.friction).toBeLessThanOrEqual(2);
      expect(p.restitution).toBeLessThanOrEqual(1);
      expect(p.linearDamping).toBeLessThanOrEqual(10);
    }
    expect(OBJECT_PRESETS.map((p) => p.label)).toEqual(['Rubber ball', 'Glass', 'Wooden block', 'Steel', 'Fruit', 'Cloth-like soft body']);
  });
});
