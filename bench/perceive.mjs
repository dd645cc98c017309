// Perceive budget: a 1-megapixel photo in under 500 ms in a warm engine, detector included. The
// photos are real (test/fixtures/photos), enlarged to 1152×864 JPEG; the prompts name objects
// the detector finds, as most prompts do (a prompt naming something it cannot see adds
// classical segmentation, measured separately). Each stage's share is printed.
// Alone: node bench/perceive.mjs
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundle.mjs';

export const CASES = [
  { id: 'room-chairs-table', prompt: 'the red armchair at the front tips over' },
  { id: 'wine-glasses-bar', prompt: 'the martini glass on the bar tips over' },
  { id: 'keyfob-toy', prompt: 'the toy robot falls down', note: 'a noun the detector has no class for: classical segmentation added' },
];

export async function benchPerceive(root, runs = 7) {
  const { perceive } = await loadBundled(root, 'perceive', "export { perceive } from './electron/engine/perceive/perceive';");
  const sharp = createRequire(join(root, 'package.json'))('sharp');
  const results = [];
  for (const c of CASES) {
    const jpeg = await sharp(join(root, 'test', 'fixtures', 'photos', `${c.id}.jpg`))
      .resize(1152, 864, { fit: 'fill' })
      .jpeg({ quality: 90 })
      .toBuffer();
    await perceive(jpeg, { prompt: c.prompt });
    const total = [];
    const cpu = [];
    const parts = [];
    let objects = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const u = process.cpuUsage();
      const p = await perceive(jpeg, { prompt: c.prompt });
      total.push(performance.now() - t);
      const used = process.cpuUsage(u);
      cpu.push((used.user + used.system) / 1000);
      parts.push(p.timings);
      objects = p.scene.objects.length;
    }
    results.push({ ...c, total, cpu, parts, objects });
  }
  return results;
}

/** "decode 12 ms (4%), detect 140 ms (45%), …" for the median run. */
export function shares(parts, total) {
  const order = [...total.keys()].sort((a, b) => total[a] - total[b]);
  const mid = parts[order[Math.floor(order.length / 2)]];
  const sum = mid.decodeMs + (mid.detectMs ?? 0) + mid.segmentMs + mid.simulateMs;
  const f = (name, ms) => `${name} ${ms} ms (${Math.round((100 * ms) / Math.max(1, sum))}%)`;
  return [f('decode', mid.decodeMs), f('detect', mid.detectMs ?? 0), f('outline/segment', mid.segmentMs), f('build + predict', mid.simulateMs)].join(', ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
  for (const r of await benchPerceive(root)) {
    // CPU time (all threads) does not grow with other processes' load as wall time does: on an
    // idle 2-core machine the wall time lies between half of it and all of it.
    console.log(
      `perceive ${r.id} (1152×864, ${r.objects} objects): median ${pct(r.total, 50).toFixed(0)} ms wall, ${pct(r.cpu, 50).toFixed(0)} ms CPU, p95 ${pct(r.total, 95).toFixed(0)} ms, n=${r.total.length}`,
    );
    console.log(`  ${shares(r.parts, r.total)}${r.note ? `; ${r.note}` : ''}`);
  }
}
