import { checkIndex, checkSameLength, checkSteps, type Scheduler } from './scheduler';

/** What the denoiser predicts: the added noise ε, or v = √ᾱ·ε − √(1 − ᾱ)·x0 (Salimans & Ho). */
export type DdimPrediction = 'epsilon' | 'v_prediction';

export interface DdimOptions {
  prediction?: DdimPrediction;
  trainTimesteps?: number;
  betaStart?: number;
  betaEnd?: number;
  stepsOffset?: number;
}

export interface DdimScheduler extends Scheduler {
  readonly kind: 'ddim';
  readonly prediction: DdimPrediction;
  /** ᾱ at each step's timestep. */
  readonly alphasCumprod: readonly number[];
  /** ᾱ the step lands on: the next step's, and ᾱ of train timestep 0 after the last step. */
  readonly prevAlphasCumprod: readonly number[];
}

/**
 * Deterministic DDIM (Song et al. 2020, η = 0) with the Stable Diffusion training schedule, as
 * diffusers' DDIMScheduler runs it with `beta_schedule: scaled_linear`, "leading" spacing,
 * `steps_offset: 1`, `set_alpha_to_one: false` and no sample clipping.
 */
export function createDdimScheduler(steps: number, options: DdimOptions = {}): DdimScheduler {
  const prediction = options.prediction ?? 'epsilon';
  const trainTimesteps = options.trainTimesteps ?? 1000;
  const betaStart = options.betaStart ?? 0.00085;
  const betaEnd = options.betaEnd ?? 0.012;
  const stepsOffset = options.stepsOffset ?? 1;
  if (!Number.isInteger(trainTimesteps) || trainTimesteps < 2) throw new RangeError(`trainTimesteps must be an integer ≥ 2, got ${trainTimesteps}`);
  checkSteps(steps, trainTimesteps);

  const cumprod = trainAlphasCumprod(trainTimesteps, betaStart, betaEnd);
  const at = (t: number) => cumprod[t] ?? Number.NaN;
  // Leading spacing: every `ratio`-th train timestep from 0, shifted by the offset, noisiest first.
  const ratio = Math.floor(trainTimesteps / steps);
  const timesteps = Array.from({ length: steps }, (_, i) => (steps - 1 - i) * ratio + stepsOffset);
  if ((timesteps[0] ?? 0) >= trainTimesteps) throw new RangeError(`${steps} steps with offset ${stepsOffset} run past train timestep ${trainTimesteps - 1}`);
  // With set_alpha_to_one false, the step past the end lands on ᾱ of train timestep 0, not on 1.
  const prevOf = (t: number) => (t - ratio >= 0 ? at(t - ratio) : at(0));
  const alphasCumprod = Object.freeze(timesteps.map(at));
  const prevAlphasCumprod = Object.freeze(timesteps.map(prevOf));
  const alpha = (i: number) => alphasCumprod[i] ?? Number.NaN;
  const prevAlpha = (i: number) => prevAlphasCumprod[i] ?? Number.NaN;

  return {
    kind: 'ddim',
    steps,
    prediction,
    timesteps: Object.freeze(timesteps),
    alphasCumprod,
    prevAlphasCumprod,
    step(modelOutput, stepIndex, sample) {
      checkIndex(stepIndex, steps);
      checkSameLength(modelOutput, sample, 'ddim step');
      const a = alpha(stepIndex);
      const sa = Math.sqrt(a);
      const sb = Math.sqrt(1 - a);
      const saPrev = Math.sqrt(prevAlpha(stepIndex));
      const sbPrev = Math.sqrt(1 - prevAlpha(stepIndex));
      const out = new Float32Array(sample.length);
      for (let k = 0; k < out.length; k++) {
        const x = sample[k] as number;
        const m = modelOutput[k] as number;
        // Recover the model's estimates of the clean sample and the noise, then re-mix them at the
        // next noise level (eq. 12 of the DDIM paper with σ_t = 0).
        const x0 = prediction === 'epsilon' ? (x - sb * m) / sa : sa * x - sb * m;
        const eps = prediction === 'epsilon' ? m : sa * m + sb * x;
        out[k] = saPrev * x0 + sbPrev * eps;
      }
      return out;
    },
    addNoise(clean, noise, startIndex) {
      checkIndex(startIndex, steps);
      checkSameLength(clean, noise, 'ddim addNoise');
      const a = alpha(startIndex);
      const sa = Math.sqrt(a);
      const sb = Math.sqrt(1 - a);
      const out = new Float32Array(clean.length);
      for (let k = 0; k < out.length; k++) out[k] = sa * (clean[k] as number) + sb * (noise[k] as number);
      return out;
    },
  };
}

/** ᾱ_t = Π(1 − β) with the "scaled linear" betas: linear in √β from √betaStart to √betaEnd. */
function trainAlphasCumprod(count: number, betaStart: number, betaEnd: number): Float64Array {
  const lo = Math.sqrt(betaStart);
  const hi = Math.sqrt(betaEnd);
  const out = new Float64Array(count);
  let product = 1;
  for (let t = 0; t < count; t++) {
    const root = lo + ((hi - lo) * t) / (count - 1);
    product *= 1 - root * root;
    out[t] = product;
  }
  return out;
}
