// `npm run bench:preview`: the preview budget alone (both clips, 512×512, 5 s at 24 fps, scene
// given: < 1.5 s), on the engine's real generation path, with the spread and the machine's load
// at the time, since this machine is shared.
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPreview } from './preview.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(0)} ms`.padStart(8);
const row = (name, values, budget) =>
  console.log(
    `${name.padEnd(58)} median ${fmt(pct(values, 50))}  p95 ${fmt(pct(values, 95))}  min ${fmt(Math.min(...values))}  max ${fmt(Math.max(...values))}  n=${values.length}  (budget < ${budget} ms: ${pct(values, 50) < budget ? 'ok' : 'OVER'})`,
  );
console.log(
  `${cpus().length}× ${cpus()[0]?.model.trim()} · load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} · Node ${process.versions.node} · ${new Date().toISOString()}`,
);
for (const p of await benchPreview(root, RUNS)) {
  row(`preview ${p.id} ${p.size.width}×${p.size.height}, 5 s @24: both clips, cold`, p.cold, 1500);
  row(`preview ${p.id}: both clips, cut-outs cached`, p.warm, 1500);
  row(`preview ${p.id}: regenerate the physics clip`, p.regen, 1000);
  const t = p.timings;
  console.log(`  last run: plan ${t.planMs} ms, cut-outs and fill ${t.layersMs} ms, baseline ${t.baselineRenderMs} ms, physics ${t.physicsRenderMs} ms`);
}
console.log(
  `load average after: ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`,
);
