import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverPacks, type FoundPack } from '../../electron/engine/models/discovery';
import { type RenderRequest, renderVideo } from '../../electron/engine/render/pipeline';
import { AppError } from '../../shared/contract';
import type { Raster } from '../../shared/preview/raster';
import { EMBEDDING_SIZE } from '../../shared/scene/embedding';
import { ROOT } from '../helpers/engine';

let pack: FoundPack;

beforeAll(async () => {
  const found = (await discoverPacks(join(ROOT, 'test', 'fixtures', 'packs'), [])).packs.find((p) => p.manifest.id === 'tiny-video');
  if (!found) throw new Error('tiny-video fixture pack not found');
  pack = found;
});

const grey = (w: number, h: number, v: number): Raster => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(v) });
const base: RenderRequest = {
  prompt: 'a red ball rolls off the table',
  negativePrompt: '',
  width: 64,
  height: 80,
  frames: 9,
  steps: 4,
  guidance: 3,
  seed: 42,
  image: null,
  conditions: { physicsTokens: null, trajectories: null, init: null },
};
const physics: RenderRequest['conditions'] = {
  physicsTokens: Array.from({ length: EMBEDDING_SIZE }, (_, i) => Math.sin(i) * 0.5),
  trajectories: [{ x: [0.2, 0.4, 0.6], y: [0.5, 0.6, 0.9] }],
  init: null,
};
const bytes = (frames: Raster[]) => Buffer.concat(frames.map((f) => Buffer.from(f.data)));

describe('render pipeline on the tiny video pack (CPU)', () => {
  it('runs end to end: prompts, seeded noise, guided denoising, decoding to frames', async () => {
    const steps: number[] = [];
    const out = await renderVideo(pack, base, { onStep: (s) => steps.push(s.step) });
    expect(out.frames).toHaveLength(9);
    expect(out.frames[0]).toMatchObject({ width: 64, height: 80 });
    expect(out.provider).toBe('cpu');
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(out.ortMs.every((t, i) => t <= (out.stepMs[i] ?? 0))).toBe(true);
  });

  it('gives identical frames for the same seed and different ones for another', async () => {
    const a = bytes((await renderVideo(pack, base)).frames);
    expect(bytes((await renderVideo(pack, base)).frames).equals(a)).toBe(true);
    expect(bytes((await renderVideo(pack, { ...base, seed: 43 })).frames).equals(a)).toBe(false);
  });

  it('each physics condition changes the render', async () => {
    const baseline = bytes((await renderVideo(pack, base)).frames);
    const conditioned = bytes((await renderVideo(pack, { ...base, conditions: physics })).frames);
    expect(conditioned.equals(baseline)).toBe(false);
    const tokensOnly = bytes((await renderVideo(pack, { ...base, conditions: { ...physics, trajectories: null } })).frames);
    expect(tokensOnly.equals(baseline)).toBe(false);
    expect(tokensOnly.equals(conditioned)).toBe(false);
  });

  it('SDEdit starts from the noised preview and runs only the remaining steps', async () => {
    const steps: number[] = [];
    const frames = Array.from({ length: 9 }, (_, f) => grey(64, 80, 40 + f * 20));
    const out = await renderVideo(pack, { ...base, conditions: { ...physics, init: { frames, strength: 0.5 } } }, { onStep: (s) => steps.push(s.steps) });
    expect(steps).toEqual([2, 2]);
    expect(bytes(out.frames).equals(bytes((await renderVideo(pack, { ...base, conditions: physics })).frames))).toBe(false);
  });

  it('stops between steps when cancelled', async () => {
    const controller = new AbortController();
    const pending = renderVideo(pack, base, { signal: controller.signal, onStep: (s) => s.step === 2 && controller.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('tries a forced provider first, then the others, falling back to the CPU and saying why', async () => {
    const out = await renderVideo(pack, base, { forcedProvider: 'webgpu' });
    expect(out.provider).toBe('cpu');
    expect(out.fallbacks.map((f) => f.split(':')[0])).toEqual(['webgpu', 'cuda']);
  });

  it('guides with the negative prompt as the unconditional half: one guided step is uncond + g·(cond − uncond)', async () => {
    // One Euler step is linear in the prediction, so the guided latent must be that combination of
    // the two unguided ones; swapping the halves, or guiding against an empty prompt, breaks it.
    const one = { ...base, steps: 1, prompt: 'a red ball rolls off the table', negativePrompt: 'a blue cube floats' };
    const cond = (await renderVideo(pack, { ...one, guidance: 1 })).latent;
    const uncond = (await renderVideo(pack, { ...one, prompt: one.negativePrompt, guidance: 1 })).latent;
    const guided = (await renderVideo(pack, { ...one, guidance: 3 })).latent;
    let worst = 0;
    guided.forEach((g, k) => {
      const u = uncond[k] as number;
      worst = Math.max(worst, Math.abs(g - (u + 3 * ((cond[k] as number) - u))));
    });
    expect(worst).toBeLessThan(1e-4);
  });

  it('refuses sizes and frame counts the pack cannot make, naming a valid one', async () => {
    const err = await renderVideo(pack, { ...base, width: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).hint).toBe('Try 96.');
    await expect(renderVideo(pack, { ...base, frames: 8 })).rejects.toMatchObject({ code: 'bad_request', hint: 'Try 9.' });
  });
});
