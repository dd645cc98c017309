// Refiner budgets: built-in backend p95 < 20 ms for prompts of 60 words or fewer, and the
// knowledge base's cold start < 300 ms. Each cold start is a fresh Node process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function benchRefine(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'ps-bench-refine-')), 'refine.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['shared/refine/builtin.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });

  const cold = [];
  for (let i = 0; i < 5; i++) {
    const script = `const t0 = performance.now(); const r = require(${JSON.stringify(out)}); r.refineBuiltin('a ball falls off the table'); process.stdout.write(String(performance.now() - t0));`;
    cold.push(Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout));
  }

  const { refineBuiltin } = await import(out);
  // The v1 development prompts and the condition-style development prompts (the held-out sets stay out of tuning work).
  const read = (file) => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'refine-eval', file), 'utf8'));
  const prompts = [...read('prompts.json'), ...read('conditions-dev.json')].map((c) => c.prompt).filter((p) => p.split(/\s+/).length <= 60);
  // Longer prompts too: three eval prompts joined, cut to 60 words.
  for (let i = 0; i + 3 <= prompts.length; i += 3)
    prompts.push(
      prompts
        .slice(i, i + 3)
        .join(' ')
        .split(/\s+/)
        .slice(0, 60)
        .join(' '),
    );
  for (const p of prompts.slice(0, 30)) refineBuiltin(p);
  const warm = [];
  const sixty = [];
  for (const target of ['clip-77', 't5-226', 'umt5-512']) {
    for (const p of prompts) {
      const t = performance.now();
      refineBuiltin(p, { target });
      const ms = performance.now() - t;
      warm.push(ms);
      if (p.split(/\s+/).length >= 50) sixty.push(ms);
    }
  }
  return { cold, warm, sixty, count: prompts.length };
}

export function writeJson(file, data) {
  writeFileSync(file, JSON.stringify(data));
}
