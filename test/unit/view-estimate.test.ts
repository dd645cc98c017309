import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/scene/ground';
import { estimateView } from '../../shared/scene/view';
import { rectProposal } from '../helpers/proposal';

const box = (x: number, y: number, w: number, h: number, detection?: Proposal['detection']): Proposal => rectProposal(x, y, w, h, detection);

describe('camera view from the photo', () => {
  const tool = [box(100, 80, 300, 60)];
  it('takes one surface all round the frame for a view from above', () => {
    const v = estimateView(undefined, tool, [], 640, 480, 3.5);
    expect(v.view).toBe('top-down');
    expect(v.provenance).toBe('appearance');
    expect(v.reason).toMatch(/one surface runs all round the frame/);
  });

  it('keeps a side view when the border differs (sky above, ground below) or is not known', () => {
    expect(estimateView(undefined, tool, [], 640, 480, 40).view).toBe('side');
    expect(estimateView(undefined, tool, [], 640, 480).view).toBe('side');
  });

  it("reads a long straight line inside a uniform frame as the surface's grain, not a horizon", () => {
    const seam = [{ a: { x: 10, y: 200 }, b: { x: 630, y: 200 } }];
    expect(estimateView(undefined, tool, seam, 640, 480, 3.5).view).toBe('top-down');
  });

  it('sees a standing animal from the side, even against a uniform backdrop', () => {
    const dog = [box(200, 100, 300, 250, { cocoClass: 'dog', score: 0.8, outline: 'grabcut' })];
    const v = estimateView(undefined, dog, [], 640, 480, 3.5);
    expect(v.view).toBe('side');
    expect(v.reason).toMatch(/dog is seen standing/);
  });

  it('lets the prompt decide when it says so', () => {
    expect(estimateView('seen from the side, the spoon slides', tool, [], 640, 480, 3.5).view).toBe('side');
    expect(estimateView('from above: the cup slides', tool, [], 640, 480, 40).view).toBe('top-down');
  });
});
