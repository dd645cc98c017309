// `npm test`: every check the project has, in order, stopping at the first failure.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { CHROMIUM as chromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: bin('biome'), args: ['check', '.'] },
  { name: 'build', cmd: process.execPath, args: [join(root, 'scripts', 'build.mjs')] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--project', 'unit'], counts: 'vitest' },
  { name: 'integration', cmd: bin('vitest'), args: ['run', '--project', 'integration'], counts: 'vitest' },
  { name: 'e2e', cmd: bin('playwright'), args: ['test'], counts: 'playwright' },
];

const totals = { passed: 0, failed: 0, skipped: 0 };

// Colours are stripped so the counts can be read from the runners' own summaries.
const plain = stripVTControlCharacters;

function count(kind, output) {
  const text = plain(output);
  if (kind === 'vitest') {
    const line = /^\s*Tests\s+(.*)$/m.exec(text)?.[1] ?? '';
    for (const key of Object.keys(totals)) totals[key] += Number(new RegExp(`(\\d+) ${key}`).exec(line)?.[1] ?? 0);
  } else if (kind === 'playwright') {
    for (const key of Object.keys(totals)) totals[key] += Number(new RegExp(`^\\s*(\\d+) ${key}`, 'm').exec(text)?.[1] ?? 0);
  }
}

function runStep(step) {
  return new Promise((resolve) => {
    const started = performance.now();
    process.stdout.write(`\n── ${step.name} ${'─'.repeat(Math.max(0, 60 - step.name.length))}\n`);
    const child = spawn(step.cmd, step.args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    let output = '';
    const forward = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('error', (err) => {
      process.stderr.write(`${step.name}: could not start ${step.cmd}: ${err.message}\n`);
      resolve(false);
    });
    child.on('exit', (code) => {
      if (step.counts) count(step.counts, output);
      process.stdout.write(`── ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      resolve(code === 0);
    });
  });
}

if (!existsSync(chromium)) {
  process.stderr.write(
    `npm test: Chromium is needed for the end-to-end tests and was not found at ${chromium}. On Debian/Ubuntu: sudo apt-get install -y chromium (or set PHYSSTUDIO_CHROMIUM).\n`,
  );
  process.exit(1);
}

let ok = true;
for (const step of steps) {
  if (!(await runStep(step))) {
    ok = false;
    break;
  }
}
process.stdout.write(`\nsummary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok ? 0 : 1);
