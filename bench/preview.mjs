// Preview budgets: both clips at 512×512, 5 s at 24 fps, from a given scene, in under 1.5 s; and
// regenerating the physics clip after a slider change in under 1 s. Runs the engine's real
// generation path (cut-out, inpainting, motion planning, Rapier rollout, rendering, writing the
// raw frames with their hashes) on a bundled sample whose scene is perceived once beforehand.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundled } from './bundle.mjs';

export async function benchPreview(root, runs) {
  const { perceive, generatePreview, clearLayerCache, refineBuiltin } = await loadBundled(
    root,
    'preview',
    [
      "export { perceive } from './electron/engine/perceive/perceive';",
      "export { generatePreview } from './electron/engine/preview/generate';",
      "export { clearLayerCache } from './electron/engine/preview/layers';",
      "export { refineBuiltin } from './shared/refine/refine';",
    ].join('\n'),
  );
  const require = createRequire(join(root, 'package.json'));
  const sharp = require('sharp');
  const samples = require(join(root, 'resources', 'samples', 'samples.json'));
  // The budget is for 512×512: the first sample again, its 800×600 picture extended to 800×800 by
  // repeating its top and bottom rows, so the frame is square and the scene the same.
  const squareDir = mkdtempSync(join(tmpdir(), 'physstudio-bench-square-'));
  const squareImage = join(squareDir, 'square.png');
  await sharp(join(root, 'resources', 'samples', samples[0].image))
    .extend({ top: 100, bottom: 100, extendWith: 'copy' })
    .png()
    .toFile(squareImage);
  const cases = [
    ...samples.map((s) => ({ ...s, path: join(root, 'resources', 'samples', s.image) })),
    { ...samples[0], id: `${samples[0].id} (square)`, path: squareImage },
  ];
  const results = [];
  for (const sample of cases) {
    const image = sample.path;
    const { scene } = await perceive(image, { prompt: sample.prompt });
    const refinement = refineBuiltin(sample.prompt);
    const library = mkdtempSync(join(tmpdir(), 'physstudio-bench-preview-'));
    // 512×512 regardless of the picture's shape: the budget's frame area.
    const square = { ...scene, image: { ...scene.image } };
    const settings = { size: 512, fps: 24, seconds: 5, seed: 7, shadows: true, motionBlur: true };
    const input = { image, prompt: sample.prompt, refinement, scene: square, settings };
    const cold = [];
    const warm = [];
    const regen = [];
    let last;
    for (let i = 0; i < runs; i++) {
      clearLayerCache();
      let t = performance.now();
      last = await generatePreview(input, { libraryDir: library });
      cold.push(performance.now() - t);
      t = performance.now();
      await generatePreview(input, { libraryDir: library });
      warm.push(performance.now() - t);
      // A slider change: the same picture, a bouncier ball; only the physics clip is redone.
      const bouncier = {
        ...square,
        objects: square.objects.map((o) => (o.dynamic ? { ...o, params: { ...o.params, restitution: Math.min(1, o.params.restitution + 0.1 * (i + 1)) } } : o)),
      };
      t = performance.now();
      await generatePreview({ ...input, scene: bouncier, only: 'physics', baseRunId: last.id }, { libraryDir: library });
      regen.push(performance.now() - t);
    }
    // The largest size the preview renders, for the encoding and playback figures.
    const large = results.length === 0 ? await generatePreview({ ...input, settings: { ...settings, size: 1024 } }, { libraryDir: library }) : null;
    results.push({ id: sample.id, size: last.clips.physics.size, cold, warm, regen, timings: last.timings, library, run: last, large });
  }
  return results;
}
