import { createRequire } from 'node:module';

/**
 * onnxruntime-node is loaded lazily, only in the engine process: the UI processes never pay for
 * it, and a broken native install is reported by `doctor` instead of killing the engine.
 */
export type Ort = typeof import('onnxruntime-node');

let cached: { ort: Ort } | { error: string } | undefined;

export function loadOrt(): { ort: Ort } | { error: string } {
  if (cached) return cached;
  try {
    const require = createRequire(__filename);
    const ort = require('onnxruntime-node') as Ort;
    // Native warnings go to stderr of the engine; keep them to real errors.
    ort.env.logLevel = 'error';
    cached = { ort };
  } catch (err) {
    cached = { error: `onnxruntime-node failed to load: ${(err as Error).message.split('\n')[0]}` };
  }
  return cached;
}
