import { describe, expect, it } from 'vitest';
import { buildScene, type Proposal } from '../../shared/scene/build';
import { COCO_PRIORS } from '../../shared/scene/priors';
import { TYPICAL_SIZES } from '../../shared/scene/typical-sizes';
import { rectProposal } from '../helpers/proposal';

const region = (x: number, y: number, w: number, h: number, detection?: Proposal['detection']): Proposal =>
  rectProposal(x, y, w, h, detection, { r: 120, g: 90, b: 60 });

describe('scale from the photo', () => {
  const animal = region(200, 150, 400, 300, { cocoClass: 'horse', score: 0.6, outline: 'grabcut' });

  it('anchors on a confident detection as the detector names it, whatever else the prompt says', () => {
    for (const prompt of ['the horse stands still', 'nothing moves at all']) {
      const { scene } = buildScene({ width: 800, height: 600, proposals: [animal], prompt });
      expect(scene.scale.provenance).toBe('model');
      expect(scene.scale.pixelsPerMetre).toBeCloseTo(400 / (COCO_PRIORS.horse?.sizeM as number), 1);
    }
  });

  it("takes the user's name for the anchor object when the detector's class cannot be it (a dog taken for a horse)", () => {
    const { scene } = buildScene({ width: 800, height: 600, proposals: [animal], prompt: 'the castle stays still' });
    // "castle" lands nowhere near a horse class: the detection is left as it is.
    expect(scene.scale.provenance).toBe('model');
    const dogRegion = region(200, 150, 400, 300, { cocoClass: 'horse', score: 0.6, outline: 'grabcut', alternatives: [{ cocoClass: 'dog', score: 0.3 }] });
    const dog = buildScene({ width: 800, height: 600, proposals: [dogRegion], prompt: 'the dog stands still' }).scene;
    expect(dog.scale.provenance).toBe('prompt');
    expect(dog.scale.reference?.label).toBe('dog');
  });

  it('uses the typical size of a common thing no detector class covers when nothing in the photo anchors the scale', () => {
    const { scene } = buildScene({ width: 1000, height: 700, proposals: [region(100, 80, 800, 540)], prompt: 'the castle stays where it is' });
    expect(scene.scale.provenance).toBe('prompt');
    expect(scene.scale.reference).toMatchObject({ label: 'castle', sizeM: TYPICAL_SIZES.castle });
    expect(scene.scale.pixelsPerMetre).toBeCloseTo(800 / (TYPICAL_SIZES.castle as number), 1);
  });
});
