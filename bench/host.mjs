// The browser host as `npm run web` starts it, with a data folder of its own, for benchmarks that
// drive the real app.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Resolves once the host prints its URL; `listening` is how long that took. */
export function startHost(root) {
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'ps-bench-'));
  const child = spawn(process.execPath, [join(root, 'dist', 'web', 'server.cjs'), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /running at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], t0, listening: performance.now() - t0 });
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)));
  });
}

export function stopHost(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}
