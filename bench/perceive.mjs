// Perceive budget: a 1-megapixel photo in under 500 ms (decode, segment, build, predict), in a
// warm engine. The photo is a procedural scene with four objects on a textured background.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBundled } from './bundle.mjs';

export async function benchPerceive(root) {
  const { perceive, proceduralScene } = await loadBundled(
    root,
    'perceive',
    "export { perceive } from './electron/engine/perceive/perceive'; export { proceduralScene } from './test/helpers/procedural';",
  );
  const require = createRequire(join(root, 'package.json'));
  const sharp = require('sharp');
  const scene = proceduralScene(3, 1152, 864, 4);
  const jpeg = await sharp(Buffer.from(scene.rgba), { raw: { width: 1152, height: 864, channels: 4 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const prompt = 'a green box, a yellow ball, a black vase and a blue block on the floor';
  await perceive(jpeg, { prompt });
  const total = [];
  const parts = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const p = await perceive(jpeg, { prompt });
    total.push(performance.now() - t);
    parts.push(p.timings);
  }
  return { total, parts, objects: scene.objects.length };
}
