/** Which update rule a video model was trained for; matches the manifest's `pipeline.scheduler`. */
export type SchedulerKind = 'flow-euler' | 'ddim';

/**
 * A denoising schedule fixed to a step count when it is made, so a loop cannot run steps from one
 * schedule against timesteps of another. Step index 0 is the noisiest step. Every method returns
 * a new array and leaves its inputs untouched: a render can keep the baseline and physics latents
 * side by side without defensive copies.
 */
export interface Scheduler {
  readonly kind: SchedulerKind;
  readonly steps: number;
  /** The denoiser's `timestep` input at each step, noisiest first. */
  readonly timesteps: readonly number[];
  /** One update: the denoiser's output at `stepIndex` moves `sample` to the next noise level. */
  step(modelOutput: Float32Array, stepIndex: number, sample: Float32Array): Float32Array;
  /**
   * SDEdit initialisation: `clean` noised to the level the loop expects at `startIndex`, so
   * denoising from that step keeps the clean latent's layout and motion.
   */
  addNoise(clean: Float32Array, noise: Float32Array, startIndex: number): Float32Array;
}

export function checkSteps(steps: number, max: number): void {
  if (!Number.isInteger(steps) || steps < 1 || steps > max) throw new RangeError(`steps must be an integer in 1..${max}, got ${steps}`);
}

export function checkIndex(index: number, steps: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= steps) throw new RangeError(`step index must be an integer in 0..${steps - 1}, got ${index}`);
}

export function checkSameLength(a: Float32Array, b: Float32Array, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}
