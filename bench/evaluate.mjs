// Pixel evaluator budget: judging one clip from its frames adds < 300 ms (512×512, 5 s at 24 fps,
// 121 frames). Makes both preview clips of the square bundled sample once on the real path, then
// times what judging adds to each clip: reducing its frames as they are drawn, tracking and the eight checks,
// with opencv.js already loaded as it is in a running engine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundle.mjs';

export async function benchEvaluate(root, runs) {
  const { perceive, generatePreview, evaluateRawClip, frameCollector, judgingInputs, planClips, refineBuiltin } = await loadBundled(
    root,
    'evaluate',
    [
      "export { perceive } from './electron/engine/perceive/perceive';",
      "export { generatePreview } from './electron/engine/preview/generate';",
      "export { evaluateRawClip, judgingInputs } from './electron/engine/evaluate/clip';",
      "export { frameCollector } from './electron/engine/evaluate/collector';",
      "export { planClips } from './shared/motion/plan';",
      "export { refineBuiltin } from './shared/refine/refine';",
    ].join('\n'),
  );
  const require = createRequire(join(root, 'package.json'));
  const sharp = require('sharp');
  const samples = require(join(root, 'resources', 'samples', 'samples.json'));
  const work = mkdtempSync(join(tmpdir(), 'physstudio-bench-evaluate-'));
  try {
    const image = join(work, 'square.png');
    await sharp(join(root, 'resources', 'samples', samples[0].image))
      .extend({ top: 100, bottom: 100, extendWith: 'copy' })
      .png()
      .toFile(image);
    const prompt = samples[0].prompt;
    const { scene } = await perceive(image, { prompt });
    const refinement = refineBuiltin(prompt);
    const settings = { size: 512, fps: 24, seconds: 5, seed: 7, shadows: true, motionBlur: true };
    const run = await generatePreview({ image, prompt, refinement, scene, settings }, { libraryDir: work });
    const plan = await planClips(scene, prompt, refinement.analysis, { seconds: 5, fps: 24, seed: 7, scale: run.clips.physics.scale });
    const out = {};
    for (const variant of ['baseline', 'physics']) {
      const clip = run.clips[variant];
      const path = join(work, clip.media.frames);
      const judging = { scene, intent: plan.intent, prompt, width: clip.size.width, height: clip.size.height, fps: clip.fps };
      // The clip's frames in memory, as the generator has them when it draws them.
      const raw = readFileSync(path);
      const bytes = clip.size.width * clip.size.height * 4;
      const frames = Array.from({ length: clip.frames }, (_, f) => ({
        width: clip.size.width,
        height: clip.size.height,
        data: new Uint8ClampedArray(raw.buffer, raw.byteOffset + f * bytes, bytes),
      }));
      await evaluateRawClip(path, clip.frames, judging);
      const ms = [];
      const cpu = [];
      let last;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        // CPU time too: on a shared machine it says what the work costs, whatever the queue for cores.
        const c = process.cpuUsage();
        // What generation adds: each frame reduced as it is drawn, then the judging.
        const judge = frameCollector(clip.size.width, clip.size.height);
        for (const frame of frames) judge.add(frame);
        last = await judge.evaluate(judgingInputs(judging));
        const used = process.cpuUsage(c);
        ms.push(performance.now() - t);
        cpu.push((used.user + used.system) / 1000);
      }
      out[variant] = { ms, cpu, size: clip.size, frames: clip.frames, score: last.score, verdict: last.verdict };
    }
    return { clips: out, previewTimings: run.timings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `node bench/evaluate.mjs`: this benchmark alone (after `npm run build`).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  const { clips, previewTimings } = await benchEvaluate(root, runs);
  const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
  for (const [variant, r] of Object.entries(clips)) {
    console.log(
      `evaluate ${variant} ${r.size.width}×${r.size.height}, ${r.frames} frames: median ${pct(r.ms, 50).toFixed(0)} ms  p95 ${pct(r.ms, 95).toFixed(0)} ms  min ${Math.min(...r.ms).toFixed(0)} ms  max ${Math.max(...r.ms).toFixed(0)} ms  n=${r.ms.length}  (budget < 300 ms: ${pct(r.ms, 50) < 300 ? 'ok' : 'OVER'}); score ${r.score} ${r.verdict}`,
    );
  }
  for (const [variant, r] of Object.entries(clips)) {
    console.log(
      `  ${variant} CPU time: median ${pct(r.cpu, 50).toFixed(0)} ms  min ${Math.min(...r.cpu).toFixed(0)} ms  max ${Math.max(...r.cpu).toFixed(0)} ms`,
    );
  }
  console.log(`in generatePreview: ${JSON.stringify(previewTimings)}`);
}
