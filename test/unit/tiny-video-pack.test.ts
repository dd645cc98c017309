import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPacks } from '../../electron/engine/models/discovery';
import { verifyPack } from '../../electron/engine/models/verify';
import { loadOrt, type Ort } from '../../electron/engine/ort';
import { cfg, concatBatch, gaussianNoise, schedulerForPipeline, splitHalves } from '../../shared/diffusion';
import { type ModelManifest, ModelManifestSchema } from '../../shared/models/manifest';
import { EMBEDDING_SIZE } from '../../shared/scene/embedding';
import { ROOT } from '../helpers/engine';

// Made by test/fixtures/packs/tiny-video/make_fixture.py.
const PACK = join(ROOT, 'test/fixtures/packs/tiny-video');
const raw = JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8')) as unknown;

const loaded = loadOrt();
function ortOrThrow(): Ort {
  if (!('ort' in loaded)) throw new Error(loaded.error);
  return loaded.ort;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

describe('tiny-video pack manifest', () => {
  it('is a valid video-generator manifest with every condition', () => {
    const m = ModelManifestSchema.parse(raw);
    expect(m.kind).toBe('video-generator');
    expect(m.pipeline?.scheduler).toBe('flow-euler');
    expect(m.conditions).toEqual(['text', 'image', 'physicsTokens', 'trajectories', 'initVideo']);
    expect(m.graphs.map((g) => g.role).sort()).toEqual(['denoiser', 'text_encoder', 'vae_decoder', 'vae_encoder']);
  });

  it('lists the true sha256 and size of each file, all small', () => {
    const m = ModelManifestSchema.parse(raw);
    let total = 0;
    for (const f of m.files) {
      const data = readFileSync(join(PACK, f.path));
      expect(createHash('sha256').update(data).digest('hex'), f.path).toBe(f.sha256);
      expect(data.length, f.path).toBe(f.size);
      expect(data.length).toBeLessThan(1024 * 1024);
      total += data.length;
    }
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it('is discovered and verified by the engine like any installed pack', async () => {
    const found = (await discoverPacks(join(PACK, '..'), [])).packs.find((p) => p.manifest.id === 'tiny-video');
    if (!found) throw new Error('tiny-video not discovered');
    const context = { jobId: 'verify', signal: new AbortController().signal, progress: () => {} };
    const result = await verifyPack(found, {}, context, true);
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => f.path).sort()).toEqual(found.manifest.files.map((f) => f.path).sort());
    expect(result.files.every((f) => f.status === 'ok')).toBe(true);
  });

  it('takes physics tokens in the Scene embedding layout', () => {
    const m = ModelManifestSchema.parse(raw);
    const tokens = m.graphs.find((g) => g.role === 'denoiser')?.inputs.find((i) => i.name === 'physics_tokens');
    expect(tokens?.shape.at(-1)).toBe(EMBEDDING_SIZE);
  });
});

describe('tiny-video pack graphs on onnxruntime-node (CPU)', () => {
  let manifest: ModelManifest;
  const sessions = new Map<string, InferenceSession>();
  const session = (role: string) => {
    const s = sessions.get(role);
    if (!s) throw new Error(`no session for ${role}`);
    return s;
  };
  const tensor = (shape: number[], fill: number | Float32Array = 0): Tensor => {
    const data = typeof fill === 'number' ? new Float32Array(size(shape)).fill(fill) : fill;
    return new (ortOrThrow().Tensor)('float32', data, shape);
  };
  /** Two batch-1 tensors as one batch-2 tensor. */
  const stack = (a: Tensor, b: Tensor) => tensor([2, ...a.dims.slice(1)], concatBatch([a.data as Float32Array, b.data as Float32Array]));

  beforeAll(async () => {
    const ort = ortOrThrow();
    manifest = ModelManifestSchema.parse(raw);
    for (const g of manifest.graphs) sessions.set(g.role, await ort.InferenceSession.create(join(PACK, g.file), { executionProviders: ['cpu'] }));
  });
  afterAll(async () => {
    for (const s of sessions.values()) await s.release();
  });

  it('have exactly the inputs and outputs the manifest declares, symbolic dims included', () => {
    const describeIo = (metadata: readonly InferenceSession.ValueMetadata[]) =>
      metadata.map((v) => (v.isTensor ? { name: v.name, dtype: v.type, shape: [...v.shape] } : { name: v.name }));
    for (const g of manifest.graphs) {
      expect(describeIo(session(g.role).inputMetadata), g.role).toEqual(g.inputs);
      expect(describeIo(session(g.role).outputMetadata), g.role).toEqual(g.outputs);
    }
  });

  it('text encoder: token ids to per-token hidden states', async () => {
    const ids = new (ortOrThrow().Tensor)('int64', BigInt64Array.from([0n, 5n, 17n, 1n]), [1, 4]);
    const { last_hidden_state: h } = await session('text_encoder').run({ input_ids: ids });
    expect(h?.dims).toEqual([1, 4, 32]);
  });

  it('VAE: causal temporal and 8× spatial scales as the manifest records, and an exact round trip', async () => {
    const latent = manifest.pipeline?.latent;
    if (!latent) throw new Error('no pipeline.latent');
    for (const frames of [1, 5, 9]) {
      // Constant over each 8×8 cell and 4-frame group (frame 0 alone), which the fixture VAE keeps exactly.
      const [h, w] = [16, 24];
      const data = new Float32Array(3 * frames * h * w);
      data.forEach((_, i) => {
        const x = i % w;
        const y = Math.floor(i / w) % h;
        const f = Math.floor(i / (w * h)) % frames;
        const c = Math.floor(i / (w * h * frames));
        data[i] = 0.1 * c - 0.2 + 0.05 * Math.floor(x / 8) - 0.1 * Math.floor(y / 8) + 0.03 * Math.ceil(f / 4);
      });
      const { latent: z } = await session('vae_encoder').run({ video: tensor([1, 3, frames, h, w], data) });
      expect(z?.dims).toEqual([1, latent.channels, 1 + (frames - 1) / latent.temporalScale, h / latent.spatialScale, w / latent.spatialScale]);
      if (!z) throw new Error('no latent');
      const { video } = await session('vae_decoder').run({ latent: z });
      expect(video?.dims).toEqual([1, 3, frames, h, w]);
      const back = video?.data as Float32Array;
      data.forEach((v, i) => {
        if (Math.abs((back[i] as number) - v) > 1e-5) expect.fail(`frames ${frames}, index ${i}: ${back[i]} vs ${v}`);
      });
    }
  });

  describe('denoiser', () => {
    const latentShape = [1, 4, 2, 2, 4];
    const feeds = (over: Partial<Record<string, Tensor>> = {}): Record<string, Tensor> => ({
      sample: tensor(
        latentShape,
        Float32Array.from({ length: size(latentShape) }, (_, i) => Math.sin(i)),
      ),
      timestep: tensor([1], 750),
      encoder_hidden_states: tensor([1, 6, 32], 0.1),
      physics_tokens: tensor([1, 1, EMBEDDING_SIZE], 0),
      trajectories: tensor([1, 0, 5, 2]),
      image_latent: tensor(latentShape, 0),
      ...over,
    });
    const velocity = async (f: Record<string, Tensor>) => {
      const { velocity: v } = await session('denoiser').run(f);
      expect(v?.dims).toEqual(latentShape);
      return Array.from(v?.data as Float32Array);
    };

    it('is deterministic', async () => {
      expect(await velocity(feeds())).toEqual(await velocity(feeds()));
    });

    it('responds to every conditioning input', async () => {
      const base = await velocity(feeds());
      const changed = {
        physics_tokens: tensor([1, 1, EMBEDDING_SIZE], 0.2),
        trajectories: tensor([1, 2, 5, 2], 0.5),
        encoder_hidden_states: tensor([1, 6, 32], -0.3),
        image_latent: tensor(latentShape, 0.4),
        timestep: tensor([1], 250),
      };
      for (const [name, value] of Object.entries(changed)) expect(await velocity(feeds({ [name]: value })), name).not.toEqual(base);
    });

    it('takes no physics tokens and no trajectories, as the baseline render feeds it', async () => {
      const none = await velocity(feeds({ physics_tokens: tensor([1, 0, EMBEDDING_SIZE]), trajectories: tensor([1, 0, 5, 2]) }));
      expect(none.every(Number.isFinite)).toBe(true);
      const some = await velocity(feeds({ physics_tokens: tensor([1, 1, EMBEDDING_SIZE], 0.2), trajectories: tensor([1, 1, 5, 2], 0.3) }));
      expect(some).not.toEqual(none);
    });

    it('keeps batch items independent, so [uncond, cond] batches give the single-run answers', async () => {
      const uncond = feeds({ trajectories: tensor([1, 1, 5, 2], 0) });
      const cond = feeds({ physics_tokens: tensor([1, 1, EMBEDDING_SIZE], 0.2), trajectories: tensor([1, 1, 5, 2], 0.3) });
      const batched = Object.fromEntries(Object.entries(uncond).map(([name, a]) => [name, stack(a, cond[name] as Tensor)]));
      const { velocity: v } = await session('denoiser').run(batched);
      const [u, c] = splitHalves(v?.data as Float32Array);
      expect(Array.from(u)).toEqual(await velocity(uncond));
      expect(Array.from(c)).toEqual(await velocity(cond));
    });
  });

  it('run end to end with the flow-Euler scheduler and guidance: same seed, physics changes the clip', async () => {
    const p = manifest.pipeline;
    if (!p) throw new Error('no pipeline');
    const [frames, h, w] = [p.frames.default, 64, 64];
    const shape = [1, p.latent.channels, 1 + (frames - 1) / p.latent.temporalScale, h / p.latent.spatialScale, w / p.latent.spatialScale];
    const ids = new (ortOrThrow().Tensor)('int64', BigInt64Array.from([0n, 9n, 22n, 1n]), [1, 4]);
    const empty = new (ortOrThrow().Tensor)('int64', BigInt64Array.from([0n, 1n, 1n, 1n]), [1, 4]);
    const text = async (t: Tensor) => (await session('text_encoder').run({ input_ids: t })).last_hidden_state as Tensor;
    const [cond, uncond] = [await text(ids), await text(empty)];

    const generate = async (physics: number) => {
      const scheduler = schedulerForPipeline(p);
      let x = gaussianNoise(size(shape), 42);
      for (const [i, t] of scheduler.timesteps.entries()) {
        const sample = tensor(shape, x);
        // Guidance contrasts the prompt only; the physics conditioning is in both halves.
        const tokens = tensor([1, 1, EMBEDDING_SIZE], physics);
        const { velocity: v } = await session('denoiser').run({
          sample: stack(sample, sample),
          timestep: tensor([2], t),
          encoder_hidden_states: stack(uncond, cond),
          physics_tokens: stack(tokens, tokens),
          trajectories: tensor([2, 0, frames, 2]),
          image_latent: tensor([2, ...shape.slice(1)], 0),
        });
        const [u, c] = splitHalves(v?.data as Float32Array);
        x = scheduler.step(cfg(u, c, p.guidance), i, x);
      }
      const latent = x.map((z) => z / p.latent.scaling);
      const { video } = await session('vae_decoder').run({ latent: tensor(shape, latent) });
      expect(video?.dims).toEqual([1, 3, frames, h, w]);
      return video?.data as Float32Array;
    };

    const baseline = await generate(0);
    expect(await generate(0)).toEqual(baseline);
    expect(await generate(0.1)).not.toEqual(baseline);
    expect(baseline.every((v) => v >= -1 && v <= 1)).toBe(true);
  });
});
