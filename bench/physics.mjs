// Physics budgets: a 5 s rollout with 20 objects in under 20 ms; the interaction prediction
// (nominal + 4 perturbed rollouts) that follows an edit is reported beside it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function benchPhysics(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'ps-bench-physics-')), 'physics.mjs');
  await build({
    absWorkingDir: root,
    stdin: {
      contents:
        "export { rollout } from './shared/physics/rollout'; export { predictInteractions } from './shared/physics/predict'; export * from './test/helpers/scenes';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
  });
  const { rollout, predictInteractions, circle, rect, object, scene, surface } = await import(out);
  // 20 objects: a row of balls and boxes dropped onto a ramp and a floor, some pushed sideways.
  const objects = Array.from({ length: 20 }, (_, i) => {
    const x = 80 + (i % 10) * 90;
    const y = 100 + Math.floor(i / 10) * 120;
    return i % 2 === 0 ? object(`o${i}`, circle(x, y, 18), { velocity: { x: (i % 3) * 40 - 40, y: 0 } }) : object(`o${i}`, rect(x - 20, y - 20, 40, 40));
  });
  const s = scene(objects, [
    surface('floor', [
      { x: -100, y: 700 },
      { x: 1100, y: 700 },
    ]),
    surface(
      'ramp',
      [
        { x: 0, y: 400 },
        { x: 500, y: 550 },
      ],
      'ramp',
    ),
  ]);
  for (let i = 0; i < 3; i++) await rollout(s, { seconds: 5, fps: 24 });
  const single = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await rollout(s, { seconds: 5, fps: 24 });
    single.push(performance.now() - t);
  }
  const predict = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await predictInteractions(s, { seconds: 5, fps: 24 });
    predict.push(performance.now() - t);
  }
  return { single, predict };
}
