import { checkIndex, checkSameLength, checkSteps, type Scheduler } from './scheduler';

export interface FlowEulerOptions {
  /** Timestep shift; > 1 spends more of the steps at high noise, which large video models need. */
  shift?: number;
  /** The timestep range the model was trained on; the denoiser sees σ times this. */
  trainTimesteps?: number;
}

export interface FlowEulerScheduler extends Scheduler {
  readonly kind: 'flow-euler';
  /** Noise level at each step boundary: steps + 1 values from the first σ down to 0. */
  readonly sigmas: readonly number[];
}

/**
 * Rectified-flow sampling with Euler steps (diffusers' FlowMatchEulerDiscreteScheduler with static
 * shift). Samples lie on x = (1 − σ)·x0 + σ·noise and the model predicts the velocity
 * dx/dσ = noise − x0. The unshifted sigmas are 1, 1 − 1/N, …, 1/N, as diffusers' Flux pipeline
 * passes them (the scheduler's own default ends near 1/1000 instead), then shifted by
 * σ' = shift·σ / (1 + (shift − 1)·σ).
 */
export function createFlowEulerScheduler(steps: number, options: FlowEulerOptions = {}): FlowEulerScheduler {
  const shift = options.shift ?? 1;
  const trainTimesteps = options.trainTimesteps ?? 1000;
  checkSteps(steps, 10_000);
  if (!(shift > 0 && Number.isFinite(shift))) throw new RangeError(`shift must be a positive number, got ${shift}`);
  if (!(trainTimesteps > 0)) throw new RangeError(`trainTimesteps must be positive, got ${trainTimesteps}`);

  const sigmas: number[] = [];
  for (let i = 0; i < steps; i++) {
    const s = 1 - i / steps;
    sigmas.push((shift * s) / (1 + (shift - 1) * s));
  }
  const timesteps = Object.freeze(sigmas.map((s) => s * trainTimesteps));
  sigmas.push(0);
  const frozenSigmas = Object.freeze(sigmas);
  const sigma = (i: number) => frozenSigmas[i] ?? 0;

  return {
    kind: 'flow-euler',
    steps,
    timesteps,
    sigmas: frozenSigmas,
    step(velocity, stepIndex, sample) {
      checkIndex(stepIndex, steps);
      checkSameLength(velocity, sample, 'flow-euler step');
      const dt = sigma(stepIndex + 1) - sigma(stepIndex);
      const out = new Float32Array(sample.length);
      for (let k = 0; k < out.length; k++) out[k] = (sample[k] as number) + dt * (velocity[k] as number);
      return out;
    },
    addNoise(clean, noise, startIndex) {
      checkIndex(startIndex, steps);
      checkSameLength(clean, noise, 'flow-euler addNoise');
      const s = sigma(startIndex);
      const out = new Float32Array(clean.length);
      for (let k = 0; k < out.length; k++) out[k] = (1 - s) * (clean[k] as number) + s * (noise[k] as number);
      return out;
    },
  };
}
