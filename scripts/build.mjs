// Builds every bundle: the renderer with Vite, and the Node/Electron entry points with esbuild.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const started = performance.now();

const entries = {
  main: 'electron/main/index.ts',
  preload: 'electron/preload/index.ts',
  engine: 'electron/engine/main.ts',
  web: 'electron/hosts/web/main.ts',
  cli: 'electron/hosts/cli/main.ts',
};

await rm(join(root, 'dist'), { recursive: true, force: true });

await Promise.all([
  viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' }),
  ...Object.entries(entries).map(([name, entry]) =>
    esbuild({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: `dist/${name}/${name === 'web' ? 'server' : name === 'engine' || name === 'cli' ? 'main' : 'index'}.cjs`,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      // Native modules (and opencv.js's 10 MB of WASM) load from node_modules at run time; ws's optional accelerators are absent on purpose.
      external: ['electron', 'onnxruntime-node', 'sharp', '@techstark/opencv-js', 'bufferutil', 'utf-8-validate', 'bullmq'],
      define: { __APP_VERSION__: JSON.stringify(pkg.version) },
      logLevel: 'warning',
    }),
  ),
]);

console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`);
