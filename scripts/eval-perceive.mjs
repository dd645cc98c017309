// Perception on the real-photo set (test/fixtures/photos): is the prompt's key object found
// (IoU >= 0.5 with the hand-drawn box) and labelled as the prompt names it; are background regions
// kept static; is the scale within 2x of the truth where it is known. Dev and holdout apart.
// Usage: npm run eval:perceive [-- --split dev|holdout] [--verbose] [--json]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from '../bench/bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
const verbose = args.includes('--verbose');
const { loadPhotos, evaluateCase, summarise } = await loadBundled(root, 'eval-perceive', "export * from './test/helpers/perceive-eval';");

const photos = loadPhotos(process.env.PHOTOS_DIR ?? join(root, 'test', 'fixtures', 'photos')).filter((p) => !only || p.split === only);
const results = [];
for (const photo of photos) {
  for (const c of photo.cases) {
    const r = await evaluateCase(photo, c, process.env.PHOTOS_DIR ?? join(root, 'test', 'fixtures', 'photos'));
    results.push(r);
    if (verbose) {
      const scale = r.scaleRatio === null ? '  -  ' : `${r.scaleRatio.toFixed(2)}x`;
      console.log(
        `${r.split.padEnd(7)} ${r.labelled ? 'OK ' : r.found ? 'lbl' : '-- '} iou ${r.iou.toFixed(2)} scale ${scale} view ${r.view === r.viewTrue ? 'ok' : r.view} bgdyn ${r.backgroundDynamic} ${Math.round(r.ms)}ms ${r.photo}: "${r.prompt}" -> [${r.labels.join(', ')}]`,
      );
    }
  }
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : 'n/a');
const report = {};
for (const split of ['dev', 'holdout']) {
  const rs = results.filter((r) => r.split === split);
  if (!rs.length) continue;
  const s = summarise(rs);
  report[split] = s;
  console.log(`\n${split}: ${s.cases} cases on ${new Set(rs.map((r) => r.photo)).size} photos`);
  console.log(`  key object found and labelled: ${s.foundLabelled}/${s.cases} (${pct(s.foundLabelled, s.cases)}; goal >= 80%)`);
  console.log(`  background regions made dynamic: ${s.backgroundDynamic} (goal 0)`);
  console.log(`  scale within 2x of the truth: ${s.scaleWithin2x}/${s.scaleKnown} (${pct(s.scaleWithin2x, s.scaleKnown)}; goal >= 80%)`);
  console.log(`  camera view right: ${s.viewRight}/${s.cases}; prompt's subject is the key object: ${s.subjectIsKey}/${s.cases}`);
}
if (args.includes('--json')) console.log(JSON.stringify(report));
