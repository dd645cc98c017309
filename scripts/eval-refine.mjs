// `npm run eval:refine`: precision and recall of the built-in refiner's phenomena, per branch,
// on the labelled evaluation set in test/fixtures/refine-eval/prompts.json.
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
// prompts.json is the development set the knowledge base was tuned on; holdout.json was written
// separately and never used for tuning, so its figures are the honest ones.
for (const [name, file] of [
  ['development set', 'prompts.json'],
  ['held-out set', 'holdout.json'],
]) {
  const cases = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'refine-eval', file), 'utf8'));
  console.log(`── ${name} (${file})`);
  console.log(formatReport(evaluate(cases), process.argv.includes('--errors')));
  console.log('');
}
