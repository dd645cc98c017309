import { describe, expect, it } from 'vitest';
import { buildScene, type Proposal } from '../../shared/scene/build';
import { encodeRle } from '../../shared/scene/rle';
import { circle, rect } from '../helpers/scenes';

function proposal(polygon: Array<{ x: number; y: number }>, colour: [number, number, number]): Proposal {
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  return {
    polygon,
    bbox: { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) },
    colour: { r: colour[0], g: colour[1], b: colour[2] },
    mask: encodeRle(new Uint8Array(4), 2, 2),
  };
}

describe('building a scene from proposals and the prompt', () => {
  const ball = proposal(circle(200, 360, 40), [210, 40, 40]);
  const box = proposal(rect(500, 330, 90, 90), [40, 80, 210]);

  it('labels by colour words, takes materials from the prompt and the scale from a known size', () => {
    const { scene } = buildScene({ width: 800, height: 600, proposals: [box, ball], prompt: 'a red rubber ball and a blue steel box' });
    expect(scene.objects.map((o) => [o.label, o.material.name, o.provenance.material])).toEqual([
      ['box', 'steel', 'prompt'],
      ['ball', 'rubber', 'prompt'],
    ]);
    // The ball is 80 px across; a ball is about 0.22 m.
    expect(scene.scale.pixelsPerMetre).toBeCloseTo(80 / 0.22, 0);
    expect(scene.scale.provenance).toBe('prompt');
  });

  it('labels by position words when there are no colours', () => {
    const { scene } = buildScene({ width: 800, height: 600, proposals: [box, ball], prompt: 'the cup on the right and the apple on the left' });
    expect(Object.fromEntries(scene.objects.map((o) => [o.label, o.bbox.x]))).toEqual({ cup: 500, apple: 160 });
  });

  it('reads gravity from the prompt and says when the scale is a guess', () => {
    const { scene, notices } = buildScene({ width: 800, height: 600, proposals: [box], prompt: 'a widget floats on the moon' });
    expect(scene.gravity.y).toBeCloseTo(1.62);
    const unknown = buildScene({ width: 800, height: 600, proposals: [box] });
    expect(unknown.scene.scale).toEqual({ pixelsPerMetre: 300, provenance: 'default' });
    expect(unknown.notices.join(' ')).toContain('2 m tall');
    // A widget's size is not known either, so the moon scene says its scale is a guess too.
    expect(notices.join(' ')).toContain('assumed to be 2 m tall');
  });

  it('puts a table surface under an object standing on a long edge, and the ground on the lowest long edge', () => {
    const edges = [
      { a: { x: 100, y: 400 }, b: { x: 700, y: 400 } },
      { a: { x: 0, y: 540 }, b: { x: 800, y: 540 } },
    ];
    const { scene } = buildScene({ width: 800, height: 600, proposals: [ball], edges });
    expect(scene.surfaces.map((s) => [s.kind, s.points[0]?.y, s.provenance])).toEqual([
      ['table', 400, 'appearance'],
      ['ground', 540, 'appearance'],
    ]);
  });

  it('explains an empty scene', () => {
    const { scene, notices } = buildScene({ width: 800, height: 600, proposals: [] });
    expect(scene.objects).toEqual([]);
    expect(notices[0]).toContain('I found no objects');
    expect(scene.surfaces.map((s) => s.kind)).toEqual(['ground']);
  });
});
