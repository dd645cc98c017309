import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverPacks, type FoundPack } from '../../electron/engine/models/discovery';
import { isOutOfMemory, outOfMemoryError } from '../../electron/engine/render/memory';
import { type RenderRequest, renderVideo } from '../../electron/engine/render/pipeline';
import { heldSessions, releaseAllSessions } from '../../electron/engine/render/sessions';
import { ROOT } from '../helpers/engine';

let pack: FoundPack;
const grey = (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(120) });
const request: RenderRequest = {
  prompt: 'a ball falls',
  negativePrompt: '',
  width: 64,
  height: 64,
  frames: 9,
  steps: 3,
  guidance: 4,
  seed: 9,
  image: grey(64, 64),
  conditions: { physicsTokens: null, trajectories: null, init: { frames: Array.from({ length: 9 }, () => grey(64, 64)), strength: 1 } },
};

beforeAll(async () => {
  const found = (await discoverPacks(join(ROOT, 'test', 'fixtures', 'packs'), [])).packs.find((p) => p.manifest.id === 'tiny-video');
  if (!found) throw new Error('tiny-video fixture pack not found');
  pack = found;
});

describe('render memory', () => {
  it('keeps every session for the next render when memory is plentiful, and creates none again', async () => {
    await releaseAllSessions();
    const during: string[][] = [];
    await renderVideo(pack, request, { freeMemory: () => Number.MAX_SAFE_INTEGER, onStep: () => during.push(heldSessions()?.loaded().sort() ?? []) });
    expect(during[0]).toEqual(['denoiser', 'text_encoder', 'vae_encoder']);
    const created = heldSessions()?.created;
    expect(heldSessions()?.loaded().sort()).toEqual(['denoiser', 'text_encoder', 'vae_decoder', 'vae_encoder']);
    await renderVideo(pack, request, { freeMemory: () => Number.MAX_SAFE_INTEGER });
    expect(heldSessions()?.created).toBe(created);
  });

  it('unloads the text encoder and the VAE encoder during the denoising loop when memory is tight, and frees everything after', async () => {
    await releaseAllSessions();
    const during: string[][] = [];
    const tight = await renderVideo(pack, request, { freeMemory: () => 0, onStep: () => during.push(heldSessions()?.loaded() ?? []) });
    expect(during.every((roles) => roles.join() === 'denoiser')).toBe(true);
    expect(heldSessions()?.loaded()).toEqual([]);
    // Unloading changes where the memory is, not the result.
    const roomy = await renderVideo(pack, request, { freeMemory: () => Number.MAX_SAFE_INTEGER });
    expect(Buffer.concat(tight.frames.map((f) => Buffer.from(f.data))).equals(Buffer.concat(roomy.frames.map((f) => Buffer.from(f.data))))).toBe(true);
  });

  it('recognises how providers report exhausted memory, and says what to do about it', () => {
    for (const message of [
      'std::bad_alloc',
      '[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running Conv node. CUDA failure 2: out of memory',
      'Failed to allocate memory for requested buffer of size 123456',
      'D3D12 ERROR_NOT_ENOUGH_MEMORY',
    ])
      expect(isOutOfMemory(new Error(message)), message).toBe(true);
    expect(isOutOfMemory(new Error('Invalid rank for input: sample'))).toBe(false);
    const err = outOfMemoryError('Tiny video', { width: 832, height: 480, frames: 49, steps: 30 });
    expect(err.message).toBe('Tiny video ran out of memory rendering 832×480, 49 frames.');
    expect(err.hint).toMatch(/smaller size \(e\.g\. 624×368\) or fewer frames/);
  });
});
