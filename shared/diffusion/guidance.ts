/**
 * Classifier-free guidance: uncond + scale·(cond − uncond). `out` may be `uncond` or `cond`
 * itself (each element is read before it is written), so a loop can guide in place without
 * allocating a latent-sized buffer per step.
 */
export function cfg(uncond: Float32Array, cond: Float32Array, scale: number, out: Float32Array = new Float32Array(uncond.length)): Float32Array {
  if (uncond.length !== cond.length || out.length !== uncond.length) {
    throw new RangeError(`cfg: lengths differ (uncond ${uncond.length}, cond ${cond.length}, out ${out.length})`);
  }
  if (!Number.isFinite(scale)) throw new RangeError(`cfg: scale must be finite, got ${scale}`);
  for (let k = 0; k < out.length; k++) {
    const u = uncond[k] as number;
    out[k] = u + scale * ((cond[k] as number) - u);
  }
  return out;
}

/** Guidance at scale ≤ 1 only reproduces (or weakens) the conditional pass; skip the second pass then. */
export function usesGuidance(scale: number): boolean {
  return scale > 1;
}

/**
 * A model output batched as [2, ...] split into its halves, in batch order (the unconditional
 * half first, by the convention the feeds are built with). Views, not copies.
 */
export function splitHalves(batched: Float32Array): [Float32Array, Float32Array] {
  if (batched.length % 2 !== 0) throw new RangeError(`splitHalves: odd length ${batched.length}`);
  const half = batched.length / 2;
  return [batched.subarray(0, half), batched.subarray(half)];
}

/** Equal-sized items stacked along a new leading batch axis, e.g. [uncond, cond] feeds. */
export function concatBatch(items: readonly Float32Array[]): Float32Array {
  const size = items[0]?.length ?? 0;
  if (items.some((a) => a.length !== size)) throw new RangeError('concatBatch: items differ in length');
  const out = new Float32Array(size * items.length);
  items.forEach((a, i) => {
    out.set(a, i * size);
  });
  return out;
}
