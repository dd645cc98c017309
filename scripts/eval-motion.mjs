// `npm run eval:motion`: the judged case set of issue 13. Every photo-and-prompt case of
// test/fixtures/photos/photos.json is perceived and both preview clips are made by the app's own
// path; the pixel evaluator scores each clip from its frames; the figures compare that with the
// hand labels in docs/gallery/labels.json (made by looking at the contact sheets).
//
//   npm run eval:motion                 figures for the dev and holdout splits
//   npm run eval:motion -- --sheets     also (re)writes docs/gallery/<case>.jpg
//   npm run eval:motion -- --only ID    one case (substring match), with its motion lines
//   npm run eval:motion -- --fill       the background fill's error against real photos
//   npm run eval:motion -- --recorded   the figures of the last full run (results.json) against the current labels
//   npm run eval:motion -- --index      rewrites docs/gallery/index.md from results.json and labels.json
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from '../bench/bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sheets = args.includes('--sheets');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const m = await loadBundled(root, 'eval-motion', "export * from './test/eval/motion-cases';\nexport * from './test/eval/fill-score';");
if (args.includes('--fill')) {
  // The fill alone: a real object's silhouette cut beside it in each photo, filled, compared with the photo.
  const scores = await m.fillScores(root);
  for (const s of scores)
    console.log(
      `${s.photo.padEnd(28)} [${s.split}] hole ${(100 * s.holeShare).toFixed(1)}%  pixel error: fill ${s.mae.toFixed(1)} flat ${s.flatMae.toFixed(1)}  8×8-block error: fill ${s.blockMae.toFixed(1)} flat ${s.flatBlockMae.toFixed(1)}`,
    );
  for (const split of ['dev', 'holdout']) {
    const part = scores.filter((s) => s.split === split);
    const mean = (f) => part.reduce((a, s) => a + f(s), 0) / Math.max(1, part.length);
    const better = part.filter((s) => s.mae < s.flatMae).length;
    const betterBlocks = part.filter((s) => s.blockMae < s.flatBlockMae).length;
    console.log(
      `── ${split}: ${part.length} photos; mean absolute error per channel (0–255) inside the hole — pixels: fill ${mean((s) => s.mae).toFixed(1)}, flat rim colour ${mean((s) => s.flatMae).toFixed(1)} (fill better on ${better}/${part.length}); 8×8 blocks: fill ${mean((s) => s.blockMae).toFixed(1)}, flat ${mean((s) => s.flatBlockMae).toFixed(1)} (fill better on ${betterBlocks}/${part.length})`,
    );
  }
  process.exit(0);
}
const gallery = join(root, 'docs', 'gallery');
const labels = JSON.parse(readFileSync(join(gallery, 'labels.json'), 'utf8')).cases ?? {};
const none = { sha256: '', score: null, verdict: null, failed: [] };

function printFigures(outcomes) {
  const pct = (v) => (v === null ? 'n/a' : `${(100 * v).toFixed(0)}%`);
  for (const split of ['dev', 'holdout', 'all']) {
    const part = outcomes.filter((o) => split === 'all' || o.case.split === split);
    if (part.length === 0) continue;
    const f = m.figures(part, labels);
    console.log(`\n── ${split}: ${f.cases} cases, ${f.labelled} labelled by hand`);
    console.log(`pixel verdict agrees with the hand labels: ${pct(f.agreement)} (goal ≥ 85%)`);
    console.log(`physics clips labelled plausible:          ${pct(f.physicsPlausible)} (goal ≥ 70%)`);
    console.log(
      `baseline outscores a plausible physics clip: ${f.baselineOutscores.length} (goal 0)${f.baselineOutscores.length ? `\n  ${f.baselineOutscores.join('\n  ')}` : ''}`,
    );
    console.log(
      `still prompts give bit-identical still clips: ${f.stillCases - f.stillBroken.length}/${f.stillCases}${f.stillBroken.length ? ` (not: ${f.stillBroken.join(', ')})` : ''}`,
    );
    if (args.includes('--errors') && f.disagreements.length) console.log(`  ${f.disagreements.join('\n  ')}`);
  }
}

if (args.includes('--recorded') || args.includes('--index')) {
  // From the last full run (docs/gallery/results.json) and the current labels, without running it again.
  const rows = JSON.parse(readFileSync(join(gallery, 'results.json'), 'utf8'));
  if (args.includes('--index')) writeFileSync(join(gallery, 'index.md'), galleryIndex(rows, labels));
  console.log(`Recorded run: ${rows.length} cases from docs/gallery/results.json`);
  printFigures(
    rows.map((r) => ({
      case: { id: r.id, split: r.split },
      clips: { baseline: r.baseline ?? none, physics: r.physics ?? none },
      stillIdentical: r.stillIdentical ?? (r.refused && r.id.includes('stands_still') ? false : null),
    })),
  );
  process.exit(0);
}

const cases = m.loadCases(root).filter((c) => !only || c.id.includes(only));
if (cases.length === 0) {
  console.error('No cases: test/fixtures/photos/photos.json is missing or empty.');
  process.exit(1);
}
if (sheets) mkdirSync(gallery, { recursive: true });
const outcomes = [];
const results = [];
for (const c of cases) {
  const library = m.tempLibrary();
  try {
    let o;
    try {
      o = await m.runCase(c, library, m.pixelEvaluate);
    } catch (err) {
      // A refusal is an outcome too: the physics clip the user asked for was not made.
      console.log(`${c.id.padEnd(40)} [${c.split}] refused: ${err.message}`);
      outcomes.push(m.refusedOutcome(c, err.message));
      results.push({ id: c.id, split: c.split, prompt: c.prompt, refused: err.message });
      continue;
    }
    if (sheets) await m.contactSheet(o, library, join(gallery, `${c.id}.jpg`));
    outcomes.push(o);
    const fmt = (v) => `${v.score ?? '–'} ${v.verdict ?? ''}`;
    const line = `${c.id.padEnd(40)} [${c.split}] baseline ${fmt(o.clips.baseline).padEnd(18)} physics ${fmt(o.clips.physics).padEnd(18)} ${labels[c.id] ? `eye: ${labels[c.id].physics}` : 'unlabelled'}${o.timeScale > 1 ? ` ×${o.timeScale}` : ''}`;
    console.log(line);
    if (only) console.log(`  ${o.motion.join('\n  ')}\n  ${o.notices.join('\n  ')}\n  failed: ${o.clips.physics.failed.join('; ')}`);
    results.push({
      id: c.id,
      split: c.split,
      prompt: c.prompt,
      timeScale: o.timeScale,
      notices: o.notices,
      baseline: o.clips.baseline,
      physics: o.clips.physics,
      stillIdentical: o.stillIdentical,
    });
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
}
printFigures(outcomes);
if (!only) writeFileSync(join(gallery, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
if (!only && sheets) writeFileSync(join(gallery, 'index.md'), galleryIndex(results, labels));

/** The gallery's table: every case, its sheet, the hand labels and the pixel evaluator's verdicts. */
function galleryIndex(rows, labels) {
  const cell = (text) =>
    String(text ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  const lines = [
    '# Judged cases: every contact sheet',
    '',
    "Written by `npm run eval:motion -- --sheets`. Eye: the hand label (physics / baseline); pixels: the pixel evaluator's score and verdict.",
    '',
    '| case | split | prompt | eye: physics / baseline | pixels: physics / baseline | why (by eye) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const l = labels[r.id];
    const px = r.refused ? 'refused' : `${r.physics.score} ${r.physics.verdict} / ${r.baseline.score} ${r.baseline.verdict}`;
    lines.push(
      `| ${r.refused ? r.id : `[${r.id}](${r.id}.jpg)`} | ${r.split} | ${cell(r.prompt)}${r.timeScale > 1 ? ` (slow motion ×${r.timeScale})` : ''} | ${l ? `${l.physics} / ${l.baseline}` : 'unlabelled'} | ${px} | ${cell(l?.why ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
