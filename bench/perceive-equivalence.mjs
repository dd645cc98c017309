// Dev check for speed work on perception: the scenes it makes must not change. Perceives every
// photo + prompt case of test/fixtures/photos/photos.json (and the perceive bench's enlarged
// 1-megapixel cases) and digests each scene: objects (id, label, bbox, mask hash), scale, view,
// surfaces, subject, and a hash of the whole scene JSON and notices.
// Record a baseline, change the code, then compare:
//   node bench/perceive-equivalence.mjs --record [/tmp/perceive-equivalence.json]
//   node bench/perceive-equivalence.mjs --compare [/tmp/perceive-equivalence.json] [--only <photo-id>]
// Compare the same selection that was recorded, in the same order, in a fresh process: grabCut's
// k-means draws from opencv.js's global generator, unseeded, so a scene also depends on what the
// process perceived before it (record with --only to compare with --only).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from './bundle.mjs';
import { CASES as BENCH_CASES } from './perceive.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const mode = args.includes('--compare') ? 'compare' : args.includes('--record') ? 'record' : undefined;
if (!mode) {
  console.error('usage: node bench/perceive-equivalence.mjs --record|--compare [file] [--only <photo-id>]');
  process.exit(2);
}
const fileArg = args[args.indexOf(`--${mode}`) + 1];
const file = fileArg && !fileArg.startsWith('--') ? fileArg : '/tmp/perceive-equivalence.json';
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const hash = (v) =>
  createHash('sha256')
    .update(typeof v === 'string' ? v : JSON.stringify(v))
    .digest('hex')
    .slice(0, 16);

function digest(p) {
  const s = p.scene;
  return {
    objects: s.objects.map((o) => ({
      id: o.id,
      label: o.label,
      bbox: o.bbox,
      mask: hash(o.mask ?? null),
      polygon: hash(o.polygon ?? null),
      dynamic: o.dynamic,
    })),
    scale: { pixelsPerMetre: s.scale.pixelsPerMetre, reference: s.scale.reference ?? null },
    view: s.view ?? 'side',
    surfaces: s.surfaces.map((f) => ({ id: f.id, kind: f.kind, points: hash(f.points) })),
    subjectId: s.subjectId ?? null,
    missing: s.missing ?? [],
    notices: hash(p.notices),
    scene: hash(s),
  };
}

const { perceive } = await loadBundled(root, 'perceive-equivalence', "export { perceive } from './electron/engine/perceive/perceive';");
const sharp = createRequire(join(root, 'package.json'))('sharp');
const dir = join(root, 'test', 'fixtures', 'photos');
const photos = JSON.parse(readFileSync(join(dir, 'photos.json'), 'utf8')).photos;
const cases = [];
for (const photo of photos)
  for (const c of photo.cases) cases.push({ key: `${photo.id} | ${c.prompt}`, photo: photo.id, input: join(dir, photo.file), prompt: c.prompt });
for (const c of BENCH_CASES) {
  const input = await sharp(join(dir, `${c.id}.jpg`))
    .resize(1152, 864, { fit: 'fill' })
    .jpeg({ quality: 90 })
    .toBuffer();
  cases.push({ key: `${c.id}@1152x864 | ${c.prompt}`, photo: c.id, input, prompt: c.prompt });
}

const record = mode === 'compare' ? JSON.parse(readFileSync(file, 'utf8')) : { cases: {} };
const out = { cases: {} };
let same = 0;
let differ = 0;
let cpuTotal = 0;
for (const c of cases) {
  if (only && c.photo !== only) continue;
  const u = process.cpuUsage();
  const p = await perceive(c.input, { prompt: c.prompt, seconds: 1 });
  const used = process.cpuUsage(u);
  const cpu = (used.user + used.system) / 1000;
  cpuTotal += cpu;
  const d = digest(p);
  out.cases[c.key] = { ...d, timings: p.timings, cpuMs: Math.round(cpu) };
  if (mode === 'compare') {
    const before = record.cases[c.key];
    const strip = ({ timings, cpuMs, ...rest }) => rest;
    if (!before) console.log(`? ${c.key}: not in the record`);
    else if (JSON.stringify(strip(before)) === JSON.stringify(d)) {
      same++;
      console.log(`= ${c.key} (${before.cpuMs} -> ${Math.round(cpu)} ms CPU)`);
    } else {
      differ++;
      console.log(`! ${c.key}`);
      for (const k of Object.keys(d))
        if (JSON.stringify(before[k]) !== JSON.stringify(d[k])) console.log(`    ${k}: ${JSON.stringify(before[k])}\n ->  ${JSON.stringify(d[k])}`);
    }
  } else console.log(`${c.key}: ${d.objects.length} objects, ${Math.round(cpu)} ms CPU (segment ${p.timings.segmentMs} ms)`);
}
if (mode === 'record') {
  writeFileSync(`${file}.tmp`, JSON.stringify(out, null, 1));
  renameSync(`${file}.tmp`, file);
  console.log(`recorded ${Object.keys(out.cases).length} cases to ${file}; ${Math.round(cpuTotal)} ms CPU in all`);
} else {
  const prev = Object.entries(record.cases)
    .filter(([k]) => out.cases[k])
    .reduce((a, [, v]) => a + v.cpuMs, 0);
  console.log(`${same} identical, ${differ} different; CPU ${Math.round(prev)} ms recorded, ${Math.round(cpuTotal)} ms now`);
  writeFileSync(`${file}.last.tmp`, JSON.stringify(out, null, 1));
  renameSync(`${file}.last.tmp`, `${file}.last`);
  if (differ) process.exitCode = 1;
}
