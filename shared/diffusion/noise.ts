import { seeded } from '../util/random';
import { portableLog } from './portable-log';

/**
 * Seeded standard-normal noise: mulberry32 uniforms (shared/util/random) turned into normals by
 * Marsaglia's polar method, with a portable logarithm, so a seed gives the same latent noise in
 * Node, a browser or a worker on any platform. (It does not reproduce PyTorch's `randn`.)
 */
export function gaussianNoise(count: number, seed: number): Float32Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const out = new Float32Array(count);
  const uniform = seeded(foldSeed(seed));
  for (let k = 0; k < count; k += 2) {
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    out[k] = u * f;
    if (k + 1 < count) out[k + 1] = v * f;
  }
  return out;
}

/**
 * mulberry32 takes 32 bits; seeds above 2^32 (the UI allows any safe integer) fold their high
 * word in rather than being silently truncated. Seeds in 0..2^32 − 1 are used as they are.
 */
export function foldSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  return ((seed >>> 0) ^ Math.imul(high, 0x9e3779b9)) >>> 0;
}
