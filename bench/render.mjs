// Render-tier budgets on the tiny-video fixture pack (a small diffusion transformer, CPU provider):
//   - the pipeline's own time outside session.run, per denoising step, < 3% of the step, at a
//     realistic latent size (832×480, 49 frames: a 4×13×60×104 latent, batch 2 for guidance);
//   - no memory growth over 50 consecutive renders (RSS), each followed by tracking its frames as a
//     render job does, with sessions kept and with sessions released and created again every run.
import { join } from 'node:path';
import { loadBundled } from './bundle.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mib = (b) => `${(b / 1024 ** 2).toFixed(0)} MiB`;

export async function benchRender(root) {
  const { renderVideo, releaseAllSessions, discoverPacks, EMBEDDING_SIZE, trackObjects } = await loadBundled(
    root,
    'render',
    [
      "export { renderVideo } from './electron/engine/render/pipeline';",
      "export { releaseAllSessions } from './electron/engine/render/sessions';",
      "export { discoverPacks } from './electron/engine/models/discovery';",
      "export { EMBEDDING_SIZE } from './shared/scene/embedding';",
      "export { trackObjects } from './electron/engine/render/track';",
    ].join('\n'),
  );
  const pack = (await discoverPacks(join(root, 'test', 'fixtures', 'packs'), [])).packs.find((p) => p.manifest.id === 'tiny-video');
  const grey = (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(128) });
  const conditions = (frames) => ({
    physicsTokens: Array.from({ length: EMBEDDING_SIZE }, (_, i) => Math.sin(i) * 0.3),
    trajectories: [
      { x: Array.from({ length: frames }, (_, f) => 0.2 + f / (2 * frames)), y: Array.from({ length: frames }, (_, f) => 0.3 + (f / frames) ** 2 / 2) },
    ],
    init: null,
  });
  const request = (width, height, frames, steps) => ({
    prompt: 'a red ball rolls off the table and bounces on the floor',
    negativePrompt: 'blurry',
    width,
    height,
    frames,
    steps,
    guidance: 5,
    seed: 3,
    image: grey(width, height),
    conditions: conditions(frames),
  });

  console.log('render tier (tiny-video fixture: 2-block DiT, CPU provider)');
  for (const [w, h, frames, steps, label] of [
    [832, 480, 49, 4, 'realistic latent 4×13×60×104'],
    [64, 80, 9, 4, 'the fixture tests’ size, latent 4×3×10×8'],
  ]) {
    await renderVideo(pack, request(w, h, frames, 1)); // warm: sessions loaded, allocator settled
    const out = await renderVideo(pack, request(w, h, frames, steps));
    const over = out.stepMs.map((s, i) => s - out.ortMs[i]);
    const pct = (100 * over.reduce((a, b) => a + b, 0)) / out.stepMs.reduce((a, b) => a + b, 0);
    console.log(
      `  ${w}×${h}, ${frames} frames (${label}): step median ${median(out.stepMs).toFixed(1)} ms, inside onnxruntime ${median(out.ortMs).toFixed(1)} ms, outside ${median(over).toFixed(2)} ms = ${pct.toFixed(2)}% of the step${label.startsWith('realistic') ? `  (budget < 3%: ${pct < 3 ? 'ok' : 'OVER'})` : ''}`,
    );
  }

  for (const [mode, between] of [
    ['sessions kept between runs', async () => {}],
    ['sessions released and created again every run', releaseAllSessions],
  ]) {
    await releaseAllSessions();
    const rss = [];
    for (let i = 0; i < 50; i++) {
      const out = await renderVideo(pack, request(128, 128, 17, 4));
      // As a render job does: the clip's objects are tracked through its frames (opencv.js).
      await trackObjects(out.frames, [{ id: 'o', x: 64, y: 64, box: { x: 52, y: 52, w: 24, h: 24 } }]);
      await between();
      if (global.gc) global.gc();
      rss.push(process.memoryUsage().rss);
    }
    const growth = rss[49] - rss[9];
    console.log(
      `  50 renders (+ tracking) at 128×128, 17 frames, 4 steps, ${mode}: RSS ${mib(rss[0])} after 1, ${mib(rss[9])} after 10, ${mib(rss[49])} after 50; growth 10→50 ${(growth / 1024 ** 2).toFixed(1)} MiB  (budget: no growth: ${growth < 8 * 1024 ** 2 ? 'ok' : 'GROWING'})`,
    );
  }
  await releaseAllSessions();
}

// Run on its own: node --expose-gc bench/render.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { dirname } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  await benchRender(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
