import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cfg,
  concatBatch,
  createDdimScheduler,
  createFlowEulerScheduler,
  createScheduler,
  type DdimPrediction,
  gaussianNoise,
  portableLog,
  type Scheduler,
  schedulerForPipeline,
  splitHalves,
  startIndexForStrength,
  usesGuidance,
} from '../../shared/diffusion';
import { ModelManifestSchema } from '../../shared/models/manifest';
import { ROOT } from '../helpers/engine';

interface Case {
  steps: number;
  timesteps: number[];
  trajectory: number[][];
  strength: number;
  startIndex: number;
  noised: number[];
}
interface Reference {
  sample: number[];
  clean: number[];
  noise: number[];
  flowEuler: Array<Case & { shift: number; sigmas: number[] }>;
  ddim: Array<Case & { prediction: DdimPrediction; alphasCumprod: number[]; prevAlphasCumprod: number[] }>;
  startIndex: Array<{ steps: number; strength: number; startIndex: number }>;
  gaussian: Array<{ seed: number; values: number[] }>;
}

// Written by test/fixtures/diffusion/make_reference.py from the published formulas, in float64.
const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/diffusion/reference.json'), 'utf8')) as Reference;

/** Float32 storage between steps costs ~1e-7 relative; 1e-5 leaves room without hiding a wrong formula. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    if (Math.abs(a - e) > 1e-5 * Math.max(1, Math.abs(e))) expect.fail(`index ${i}: ${a} vs ${e}`);
  });
}

/** The reference's stand-in denoiser: out = 0.1·x + 0.05 + 1e-4·t. */
const model = (x: Float32Array, t: number) => x.map((v) => 0.1 * v + 0.05 + 1e-4 * t);

function runLoop(s: Scheduler, start: Float32Array): Float32Array[] {
  const out: Float32Array[] = [];
  let x = start;
  s.timesteps.forEach((t, i) => {
    x = s.step(model(x, t), i, x);
    out.push(x);
  });
  return out;
}

const f32 = (a: readonly number[]) => Float32Array.from(a);

describe('flow-matching Euler scheduler', () => {
  for (const c of ref.flowEuler) {
    it(`matches the reference: ${c.steps} steps, shift ${c.shift}`, () => {
      const s = createFlowEulerScheduler(c.steps, { shift: c.shift });
      expectClose(s.sigmas, c.sigmas);
      expectClose(s.timesteps, c.timesteps);
      runLoop(s, f32(ref.sample)).forEach((x, i) => {
        expectClose(x, c.trajectory[i] ?? []);
      });
      expect(startIndexForStrength(c.steps, c.strength)).toBe(c.startIndex);
      expectClose(s.addNoise(f32(ref.clean), f32(ref.noise), c.startIndex), c.noised);
    });
  }

  it('starts from pure noise and ends on the clean sample for a perfect velocity', () => {
    const s = createFlowEulerScheduler(6, { shift: 3 });
    const clean = f32([0.5, -0.25, 1]);
    const noise = f32([-1, 2, 0.5]);
    expect(Array.from(s.addNoise(clean, noise, 0))).toEqual(Array.from(noise));
    let x = s.addNoise(clean, noise, 0);
    for (let i = 0; i < s.steps; i++)
      x = s.step(
        noise.map((n, k) => n - (clean[k] as number)),
        i,
        x,
      );
    expectClose(x, Array.from(clean));
  });

  it('rejects bad arguments', () => {
    expect(() => createFlowEulerScheduler(0)).toThrow(RangeError);
    expect(() => createFlowEulerScheduler(4, { shift: 0 })).toThrow(/shift/);
    const s = createFlowEulerScheduler(4);
    expect(() => s.step(new Float32Array(2), 4, new Float32Array(2))).toThrow(/step index/);
    expect(() => s.step(new Float32Array(2), 0, new Float32Array(3))).toThrow(/lengths differ/);
    expect(() => s.addNoise(new Float32Array(2), new Float32Array(2), -1)).toThrow(/step index/);
  });
});

describe('DDIM scheduler', () => {
  for (const c of ref.ddim) {
    it(`matches the reference: ${c.steps} steps, ${c.prediction}`, () => {
      const s = createDdimScheduler(c.steps, { prediction: c.prediction });
      expect(s.timesteps).toEqual(c.timesteps);
      expectClose(s.alphasCumprod, c.alphasCumprod);
      expectClose(s.prevAlphasCumprod, c.prevAlphasCumprod);
      runLoop(s, f32(ref.sample)).forEach((x, i) => {
        expectClose(x, c.trajectory[i] ?? []);
      });
      expectClose(s.addNoise(f32(ref.clean), f32(ref.noise), c.startIndex), c.noised);
    });
  }

  it('uses the Stable Diffusion leading spacing', () => {
    const s = createDdimScheduler(50);
    expect(s.timesteps.slice(0, 3)).toEqual([981, 961, 941]);
    expect(s.timesteps.at(-1)).toBe(1);
  });

  it('recovers the clean sample in one step from an exact noise prediction', () => {
    const s = createDdimScheduler(1);
    const clean = f32([0.5, -0.25, 1]);
    const noise = f32([-1, 2, 0.5]);
    const x = s.step(noise, 0, s.addNoise(clean, noise, 0));
    // The step lands on ᾱ of train timestep 0 (set_alpha_to_one false), just short of clean.
    const a0 = s.prevAlphasCumprod[0] ?? 0;
    expect(a0).toBeCloseTo(1 - 0.00085, 8);
    expectClose(
      x,
      [...clean].map((c, k) => Math.sqrt(a0) * c + Math.sqrt(1 - a0) * (noise[k] as number)),
    );
  });

  it('refuses step counts that run past the training range', () => {
    expect(() => createDdimScheduler(1000)).toThrow(RangeError);
    expect(createDdimScheduler(999).timesteps[0]).toBe(999);
  });
});

describe('createScheduler', () => {
  it('builds the kind a pack names and does not mutate its inputs', () => {
    const flow = createScheduler('flow-euler', 4, { shift: 3 });
    const ddim = createScheduler('ddim', 4, { prediction: 'v_prediction' });
    expect(flow.kind).toBe('flow-euler');
    expect(flow.timesteps).toEqual([1000, 900, 750, 500]);
    expect(ddim.kind).toBe('ddim');
    for (const s of [flow, ddim]) {
      const x = f32([1, 2, 3]);
      const m = f32([0.5, 0.5, 0.5]);
      const next = s.step(m, 0, x);
      expect(next).not.toBe(x);
      expect(Array.from(x)).toEqual([1, 2, 3]);
      expect(Array.from(m)).toEqual([0.5, 0.5, 0.5]);
    }
  });
});

describe('schedulerForPipeline', () => {
  const pipeline = ModelManifestSchema.parse({
    formatVersion: 1,
    id: 'v',
    name: 'V',
    version: '1',
    license: 'MIT',
    kind: 'video-generator',
    files: [{ path: 'd.onnx', sha256: 'a'.repeat(64), size: 1 }],
    pipeline: {
      scheduler: 'flow-euler',
      defaultSteps: 4,
      guidance: 3,
      latent: { channels: 4, spatialScale: 8, temporalScale: 4, scaling: 1 },
      fps: 8,
      frames: { min: 1, max: 9, default: 9 },
      resolution: { min: 64, max: 256, multipleOf: 8 },
    },
  }).pipeline;

  it('builds the named scheduler with the default steps, reading an unset shift as no shift', () => {
    if (!pipeline) throw new Error('no pipeline');
    expect(pipeline.latent.shift).toBe(0);
    expect(schedulerForPipeline(pipeline).timesteps).toEqual([1000, 750, 500, 250]);
    expect(schedulerForPipeline({ ...pipeline, latent: { ...pipeline.latent, shift: 3 } }, 2).timesteps).toEqual([1000, 750]);
    expect(schedulerForPipeline({ ...pipeline, scheduler: 'ddim' }).kind).toBe('ddim');
  });
});

describe('SDEdit start index', () => {
  it('matches the reference table', () => {
    for (const r of ref.startIndex) expect(startIndexForStrength(r.steps, r.strength), `${r.steps} × ${r.strength}`).toBe(r.startIndex);
  });

  it('starts from full noise at strength 1 and runs few steps at low strength', () => {
    expect(startIndexForStrength(20, 1)).toBe(0);
    expect(startIndexForStrength(20, 0.2)).toBe(16);
    expect(startIndexForStrength(20, 0.01)).toBe(19);
    expect(startIndexForStrength(10, 0.3)).toBe(7);
    expect(startIndexForStrength(1, 0.5)).toBe(0);
  });

  it('rejects strengths outside (0, 1]', () => {
    for (const bad of [0, -0.1, 1.01, Number.NaN]) expect(() => startIndexForStrength(10, bad)).toThrow(RangeError);
    expect(() => startIndexForStrength(0, 0.5)).toThrow(RangeError);
  });
});

describe('classifier-free guidance', () => {
  const uncond = f32([1, 2, -1, 0]);
  const cond = f32([2, 0, -1, 4]);

  it('extrapolates from the unconditional towards the conditional output', () => {
    expect(Array.from(cfg(uncond, cond, 3))).toEqual([4, -4, -1, 12]);
    expect(Array.from(cfg(uncond, cond, 0))).toEqual(Array.from(uncond));
    expect(Array.from(cfg(uncond, cond, 1))).toEqual(Array.from(cond));
  });

  it('writes into an output buffer, which may alias an input', () => {
    const out = new Float32Array(4);
    expect(cfg(uncond, cond, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([3, -2, -1, 8]);
    const inPlace = uncond.slice();
    cfg(inPlace, cond, 2, inPlace);
    expect(Array.from(inPlace)).toEqual([3, -2, -1, 8]);
    expect(() => cfg(uncond, f32([1]), 2)).toThrow(/lengths differ/);
  });

  it('splits a [2, ...] batch into views and builds one', () => {
    const batched = concatBatch([uncond, cond]);
    expect(Array.from(batched)).toEqual([1, 2, -1, 0, 2, 0, -1, 4]);
    const [u, c] = splitHalves(batched);
    expect(Array.from(u)).toEqual(Array.from(uncond));
    expect(Array.from(c)).toEqual(Array.from(cond));
    expect(u.buffer).toBe(batched.buffer);
    expect(() => splitHalves(new Float32Array(3))).toThrow(/odd/);
    expect(() => concatBatch([uncond, f32([1])])).toThrow(RangeError);
  });

  it('skips the unconditional pass at scale 1 or less', () => {
    expect(usesGuidance(1)).toBe(false);
    expect(usesGuidance(3)).toBe(true);
  });
});

describe('seeded Gaussian noise', () => {
  it('reproduces the reference values bit for bit', () => {
    for (const g of ref.gaussian) expect(Array.from(gaussianNoise(g.values.length, g.seed)), `seed ${g.seed}`).toEqual(g.values);
  });

  it('is deterministic per seed, differs across seeds, and prefixes agree', () => {
    expect(gaussianNoise(1000, 7)).toEqual(gaussianNoise(1000, 7));
    expect(gaussianNoise(1000, 7)).not.toEqual(gaussianNoise(1000, 8));
    expect(Array.from(gaussianNoise(11, 7))).toEqual(Array.from(gaussianNoise(12, 7).subarray(0, 11)));
    expect(() => gaussianNoise(4, 1.5)).toThrow(RangeError);
    expect(gaussianNoise(0, 1).length).toBe(0);
  });

  it('is approximately standard normal', () => {
    const n = 200_000;
    const z = gaussianNoise(n, 123);
    let sum = 0;
    let sq = 0;
    let within1 = 0;
    let within2 = 0;
    for (const v of z) {
      sum += v;
      sq += v * v;
      if (Math.abs(v) < 1) within1++;
      if (Math.abs(v) < 2) within2++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sq / n - mean * mean) - 1)).toBeLessThan(0.01);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.005);
    expect(Math.abs(within2 / n - 0.9545)).toBeLessThan(0.003);
  });

  it('uses a logarithm that agrees with Math.log', () => {
    for (const x of [1e-300, 1e-9, 0.001, 0.5, Math.SQRT1_2, 0.7, 1, 1.4, Math.SQRT2, 1.42, 2, 10, 12345.678, 1e300]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(Math.log(x))));
    }
    expect(() => portableLog(0)).toThrow(RangeError);
  });
});
