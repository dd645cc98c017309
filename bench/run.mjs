// `npm run bench`: measures the foundation's budgets on the real paths and prints the figures.
//   - browser host start → interactive page (engine ready, UI rendered), budget < 2 s
//   - renderer first-load bundle, gzipped, budget < 400 KB
//   - engine cold start, API round trip through the browser host, doctor
import { readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { benchAppFlow, benchGenerateExport, printGenerateExport } from './app-flow.mjs';
import { benchBatch } from './batch.mjs';
import { benchEncode } from './encode.mjs';
import { benchEvaluate } from './evaluate.mjs';
import { startHost, stopHost } from './host.mjs';
import { benchPerceive, shares } from './perceive.mjs';
import { benchPhysics } from './physics.mjs';
import { benchPreview } from './preview.mjs';
import { benchRefine } from './refine.mjs';
import { benchRender } from './render.mjs';
import { watchVerdicts } from './verdicts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// `npm run bench -- --strict` (or BENCH_STRICT=1) exits 1 when any budget is missed, for CI-style use.
const STRICT = process.argv.includes('--strict') || process.env.BENCH_STRICT === '1';

const verdicts = watchVerdicts();

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const row = (name, values, budget) => {
  const median = pct(values, 50);
  const verdict = budget === undefined ? '' : median < budget ? `  (budget < ${budget} ms: ok)` : `  (budget < ${budget} ms: OVER)`;
  console.log(
    `${name.padEnd(44)} median ${fmt(median).padStart(8)}  p95 ${fmt(pct(values, 95)).padStart(8)}  min ${fmt(Math.min(...values)).padStart(8)}  n=${values.length}${verdict}`,
  );
};

function bundleSizes() {
  const dir = join(root, 'dist', 'renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const firstLoad = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  const first = firstLoad.reduce((n, f) => n + gz(f), 0) + gzipSync(html).length;
  const raw = firstLoad.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return { files: firstLoad, gzipped: first, raw };
}

console.log(
  `PhysStudio benchmarks · ${cpus().length}× ${cpus()[0]?.model.trim()} · ${(totalmem() / 1024 ** 3).toFixed(0)} GiB · Node ${process.versions.node} · ${new Date().toISOString()}`,
);
console.log('');

const sizes = bundleSizes();
console.log(
  `renderer first load (gzip -9): ${(sizes.gzipped / 1024).toFixed(1)} KB (raw ${(sizes.raw / 1024).toFixed(1)} KB; ${sizes.files.join(', ')})  (budget < 400 KB: ${sizes.gzipped < 400 * 1024 ? 'ok' : 'OVER'})`,
);
console.log('');

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const interactive = [];
const listening = [];
const roundTrips = [];
const doctor = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    const host = await startHost(root);
    listening.push(host.listening);
    await page.goto(host.url);
    // Interactive: the shell is rendered, the engine said it is ready, and controls respond.
    await page.getByText('Engine ready').waitFor();
    await page.getByTestId('open-system').waitFor({ state: 'visible' });
    interactive.push(performance.now() - host.t0);

    const origin = new URL(host.url).origin;
    const token = new URL(host.url).searchParams.get('token');
    const call = async (channel) => {
      const t = performance.now();
      const res = await fetch(`${origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-physstudio-token': token },
        body: '{}',
      });
      await res.json();
      return performance.now() - t;
    };
    for (let j = 0; j < 20; j++) roundTrips.push(await call('system.ping'));
    doctor.push(await call('system.doctor'));
    await page.close();
    await stopHost(host.child);
  }
} finally {
  await browser.close();
}

row('browser host: process start → listening', listening);
row('browser host: process start → interactive page', interactive, 2000);
row('API round trip (HTTP → host → engine → back)', roundTrips);
row('system.doctor (probes 6 providers)', doctor);

console.log('');
const refine = await benchRefine(root);
row('refine, built-in: knowledge base cold start (fresh process)', refine.cold, 300);
row(`refine, built-in: prompts ≤ 60 words (${refine.count} prompts × 3 targets), p95 budget 20 ms`, refine.warm);
console.log(
  `  p95 ${pct(refine.warm, 95).toFixed(2)} ms (budget < 20 ms: ${pct(refine.warm, 95) < 20 ? 'ok' : 'OVER'}); 50–60-word prompts p95 ${pct(refine.sixty, 95).toFixed(2)} ms (n=${refine.sixty.length})`,
);

console.log('');
const { benchObjectEdit } = await import('./object-edit.mjs');
for (const [name, r] of Object.entries(await benchObjectEdit(root))) {
  row(`scene.editObject ${name} (1152×864 photo, 512×384 masks): outline + mass`, r.engine);
  row(`scene.editObject ${name}, then the nominal re-prediction shown first`, r.total);
}
const physics = await benchPhysics(root);
row('rollout: 5 s, 20 objects, deterministic Rapier', physics.single, 20);
row('interactions: nominal + 4 perturbed rollouts (5 s, 20 objects)', physics.predict);

for (const perceived of await benchPerceive(root)) {
  row(`perceive: 1-MP photo ${perceived.id}, ${perceived.objects} objects, detector included`, perceived.total, perceived.note ? undefined : 500);
  console.log(
    `  median run: ${shares(perceived.parts, perceived.total)}${perceived.note ? `; ${perceived.note}` : ''}; CPU time median ${Math.round([...perceived.cpu].sort((a, b) => a - b)[Math.floor(perceived.cpu.length / 2)])} ms`,
  );
}

console.log('');
const previews = await benchPreview(root, Math.min(RUNS, 5));
for (const p of previews) {
  row(`preview ${p.id} ${p.size.width}×${p.size.height}, 5 s @24: both clips, cold`, p.cold, 1500);
  row(`preview ${p.id}: both clips, cut-outs cached`, p.warm, 1500);
  row(`preview ${p.id}: regenerate physics clip after a slider change`, p.regen, 1000);
}

console.log('');
const judged = await benchEvaluate(root, RUNS);
for (const [variant, r] of Object.entries(judged.clips)) {
  row(`pixel evaluator: judge the ${variant} clip, ${r.size.width}×${r.size.height} ${r.frames} frames`, r.ms, 300);
  console.log(
    `  CPU time median ${pct(r.cpu, 50).toFixed(0)} ms (min ${Math.min(...r.cpu).toFixed(0)}, max ${Math.max(...r.cpu).toFixed(0)}); score ${r.score} ${r.verdict}`,
  );
}

console.log('');
const first = previews[0];
const encoded = await benchEncode(root, first.library, first.run.clips.physics, 3, first.large);
for (const [container, values] of Object.entries(encoded.results)) {
  const ms = values.map((v) => v.ms);
  const median = pct(ms, 50);
  const factor = (encoded.seconds * 1000) / median;
  row(`encode ${container.toUpperCase()} in Chromium (WebCodecs), ${encoded.size.width}×${encoded.size.height} ${encoded.frames} frames`, ms);
  console.log(`  ${factor.toFixed(1)}× real time (budget ≥ 4×: ${factor >= 4 ? 'ok' : 'UNDER'}), ${(values[0].bytes / 1024).toFixed(0)} KB`);
}
if (encoded.playback) {
  const q = encoded.playback.quality;
  console.log(
    `playback: two ${encoded.playback.size} H.264 clips side by side in Chromium, ${encoded.playback.seconds.toFixed(2)} s wall: ${q.map((x) => `${x.dropped} of ${x.total} frames dropped`).join(', ')}`,
  );
}
for (const p of previews) rmSync(p.library, { recursive: true, force: true });

console.log('');
const app = await benchAppFlow(root, Math.min(RUNS, 5));
row('in the app: regenerate physics clip, click → new clip playable (512×384, 5 s @24)', app.regenerate, 1000);
if (app.playback) {
  const [a, b] = app.playback;
  console.log(
    `in the app: two ${a.width}×${a.height} clips in the compare viewer, played to the end in ${(app.playback.wallMs / 1000).toFixed(2)} s: ${a.dropped} of ${a.total} and ${b.dropped} of ${b.total} frames dropped; players apart by ${app.playback.drift.median.toFixed(2)} frames (median), ${app.playback.drift.max.toFixed(2)} (max)`,
  );
}
printGenerateExport(await benchGenerateExport(root, Math.min(RUNS, 4)));

console.log('');
await benchRender(root);

console.log('');
await benchBatch(root, Number(process.env.BENCH_BATCH_CASES ?? 8));
process.exitCode = verdicts.summary(STRICT);
