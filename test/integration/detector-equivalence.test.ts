import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfc from '@tensorflow/tfjs-converter';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, detectorInput, runDetector } from '../../electron/engine/perceive/detector';
import { ingestImage } from '../../electron/engine/perceive/ingest';
import { loadPhotos, PHOTOS_DIR } from '../helpers/perceive-eval';

const DIR = join(__dirname, '..', '..', 'resources', 'detector');
/** Stated tolerances: heatmap probabilities and box distances (input pixels, values up to ~150). */
const HEAT_TOLERANCE = 1e-4;
const BOX_TOLERANCE = 0.05;

/**
 * The converted detector (resources/detector/centernet.onnx, made by convert_centernet.py) must
 * compute what the original TF.js graph computes: same input, both outputs compared element by
 * element, and the same detections after decoding. Run on real photos of the evaluation set.
 */
describe('the converted detector matches the TF.js original', () => {
  let model: tfc.GraphModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const json = JSON.parse(readFileSync(join(DIR, 'tfjs', 'centernet.json'), 'utf8'));
    const bin = readFileSync(join(DIR, 'tfjs', 'centernet.bin'));
    model = await tfc.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    );
  }, 120_000);

  // Two photos with different content: a dog close up, and a room with many objects.
  const photos = loadPhotos().filter((p) => ['dog-floor-closeup', 'room-chairs-table'].includes(p.id));

  it.each(photos.map((p) => [p.id, p.file]))(
    '%s: heatmap, boxes and decoded detections agree',
    async (_id, file) => {
      const working = await ingestImage(join(PHOTOS_DIR, file));
      const input = await detectorInput(working.data, working.width, working.height);
      const onnx = await runDetector(join(DIR, 'centernet.onnx'), input);
      const x = tf.tensor4d(input, [1, 512, 512, 3]);
      const outs = model.execute(x, ['tower_0/keypoints', 'tower_0/wh']) as tf.Tensor[];
      const [heat, wh] = (await Promise.all(outs.map((o) => o.data()))) as [Float32Array, Float32Array];
      tf.dispose([x, ...outs]);
      expect(onnx.heat.length).toBe(heat.length);
      expect(onnx.wh.length).toBe(wh.length);
      let heatDiff = 0;
      for (let i = 0; i < heat.length; i++) heatDiff = Math.max(heatDiff, Math.abs((heat[i] as number) - (onnx.heat[i] as number)));
      let boxDiff = 0;
      for (let i = 0; i < wh.length; i++) boxDiff = Math.max(boxDiff, Math.abs((wh[i] as number) - (onnx.wh[i] as number)));
      expect(heatDiff).toBeLessThanOrEqual(HEAT_TOLERANCE);
      expect(boxDiff).toBeLessThanOrEqual(BOX_TOLERANCE);
      const a = decode(heat, wh, 0.2);
      const b = decode(onnx.heat, onnx.wh, 0.2);
      expect(b.map((d) => d.cocoClass)).toEqual(a.map((d) => d.cocoClass));
      expect(a.length).toBeGreaterThan(0);
      b.forEach((d, i) => {
        expect(d.score).toBeCloseTo(a[i]?.score as number, 3);
        expect(d.box.x).toBeCloseTo(a[i]?.box.x as number, 1);
        expect(d.box.w).toBeCloseTo(a[i]?.box.w as number, 1);
      });
    },
    180_000,
  );
});
