import { describe, expect, it } from 'vitest';
import { segment } from '../../electron/engine/perceive/segment';
import { iou, proceduralScene, rasterise } from '../helpers/procedural';

describe('segmentation on procedural scenes with ground truth', () => {
  it('finds the objects with mean IoU ≥ 0.85', async () => {
    const scores: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const scene = proceduralScene(seed, 640, 480, 1 + (seed % 4));
      const { segments } = await segment(scene.rgba, scene.width, scene.height);
      const predicted = segments.map((s) => rasterise(s.polygon, scene.width, scene.height));
      for (const truth of scene.objects) scores.push(Math.max(0, ...predicted.map((p) => iou(p, truth.mask))));
      // No invented objects: every segment matches some ground-truth object.
      for (const p of predicted) expect(Math.max(...scene.objects.map((t) => iou(p, t.mask)))).toBeGreaterThan(0.5);
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    console.log(`segmentation mean IoU ${mean.toFixed(3)} over ${scores.length} objects (min ${Math.min(...scores).toFixed(3)})`);
    expect(mean).toBeGreaterThanOrEqual(0.85);
  });

  // Its speed is a benchmark (`npm run bench`: perceive, with segment time per run), not a test.
  it('segments a 1-megapixel photo-sized image and finds every object in it', async () => {
    const scene = proceduralScene(7, 1152, 864, 4);
    const { segments } = await segment(scene.rgba, scene.width, scene.height);
    expect(segments.length).toBe(scene.objects.length);
    const predicted = segments.map((s) => rasterise(s.polygon, scene.width, scene.height));
    for (const truth of scene.objects) expect(Math.max(...predicted.map((p) => iou(p, truth.mask)))).toBeGreaterThan(0.7);
  });

  it('finds nothing in an image with no distinct objects', async () => {
    const empty = proceduralScene(99, 320, 240, 0);
    expect((await segment(empty.rgba, empty.width, empty.height)).segments).toEqual([]);
  });

  it('caps a hundred tiny objects and says how many were dropped', async () => {
    const w = 640;
    const h = 480;
    const rgba = new Uint8Array(w * h * 4).fill(200);
    for (let n = 0; n < 100; n++) {
      const cx = 30 + (n % 10) * 60;
      const cy = 24 + Math.floor(n / 10) * 47;
      for (let y = cy - 13; y < cy + 13; y++) for (let x = cx - 13; x < cx + 13; x++) rgba.set([30, 30, 160, 255], (y * w + x) * 4);
    }
    const { segments, dropped } = await segment(rgba, w, h);
    expect(segments.length).toBe(16);
    expect(dropped).toBe(84);
  });
});
