// `npm run eval:refine`: the built-in refiner on the labelled evaluation sets in
// test/fixtures/refine-eval/: phenomena precision and recall per branch, and on the
// condition-style sets also the share of refined prompts that state the expected outcome and
// the share whose events come in the labelled order. `--errors` lists every difference;
// `--only dev|holdout|old` picks sets.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  absWorkingDir: root,
  entryPoints: ['shared/refine/eval.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const { evaluate, formatReport } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
// prompts.json / holdout.json: the v1 sets, prompts that mostly name their phenomena.
// conditions-*.json: the v2 sets, prompts that set up conditions the way people write. Each
// held-out file was written before its development file and never used for tuning, so its
// figures are the honest ones.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const sets = [
  ['old', 'v1 development set', 'prompts.json'],
  ['old', 'v1 held-out set', 'holdout.json'],
  ['dev', 'conditions development set', 'conditions-dev.json'],
  ['holdout', 'conditions held-out set', 'conditions-holdout.json'],
].filter(([kind]) => !only || only === kind);
for (const [, name, file] of sets) {
  const cases = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'refine-eval', file), 'utf8'));
  console.log(`── ${name} (${file})`);
  console.log(formatReport(evaluate(cases), process.argv.includes('--errors')));
  console.log('');
}
