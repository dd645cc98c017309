// Perceive budget: a 1-megapixel photo in under 500 ms (decode, segment, build, predict), in a
// warm engine. The photo is a procedural scene with four objects on a textured background.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function benchPerceive(root) {
  // Built inside the project so the external native modules (sharp, opencv.js) resolve from node_modules.
  const dir = join(root, 'node_modules', '.cache', 'physstudio-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'perceive.cjs');
  await build({
    absWorkingDir: root,
    stdin: {
      contents: "export { perceive } from './electron/engine/perceive/perceive'; export { proceduralScene } from './test/helpers/procedural';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    external: ['sharp', '@techstark/opencv-js'],
    logLevel: 'warning',
  });
  const { createRequire } = await import('node:module');
  const require = createRequire(join(root, 'package.json'));
  const { perceive, proceduralScene } = require(out);
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
