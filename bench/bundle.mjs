// Benchmarks run the project's TypeScript as the app does: bundled by esbuild, with the native
// and WASM modules left to load from node_modules (so the bundle lives inside the project).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const NATIVE = ['sharp', '@techstark/opencv-js', 'onnxruntime-node', '@huggingface/tokenizers'];

/** Bundles `source` (TypeScript re-exports, relative to the project root) and returns its exports. */
export async function loadBundled(root, name, source) {
  const dir = join(root, 'node_modules', '.cache', 'physstudio-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${name}.cjs`);
  await build({
    absWorkingDir: root,
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    external: NATIVE,
    define: { __APP_VERSION__: '"bench"' },
    logLevel: 'warning',
  });
  return createRequire(join(root, 'package.json'))(out);
}
