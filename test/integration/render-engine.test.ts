import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../electron/hosts/engine-client';
import { createApi, type PhysStudioApi, type RenderStep } from '../../shared/contract';
import { renderDefaults } from '../../shared/run/render';
import type { Run } from '../../shared/run/schema';
import type { Scene } from '../../shared/scene/schema';
import { realEngine, tempDataDir } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';
import { copyTinyVideo, replaceListed, TINY_VIDEO, withOpset } from '../helpers/pack-copies';

let engine: EngineClient;
let api: PhysStudioApi;
let dataDir: string;
let image: string;
let scene: Scene;
let prompt: string;
let run: Run;
const steps: RenderStep[] = [];
const settings = { size: 256, fps: 12, seconds: 2, seed: 11, shadows: true, motionBlur: true };
let job = 0;
const jobId = () => `render_${++job}`;
const runsDir = () => join(dataDir, 'library', 'runs');

async function renderSettings(packId = 'tiny-video') {
  const pack = (await api['models.list']({})).find((p) => p.id === packId);
  if (!pack?.video) throw new Error(`${packId} is not listed as a video pack`);
  return { ...renderDefaults(pack.id, pack.video), size: 96, frames: 9, steps: 3 };
}

async function render(packId = 'tiny-video', over: Partial<Awaited<ReturnType<typeof renderSettings>>> = {}, id = jobId()) {
  return api['render.generate']({ image, prompt, refinement: null, scene, settings, render: { ...(await renderSettings(packId)), ...over }, jobId: id });
}

beforeAll(async () => {
  dataDir = tempDataDir({ modelFolders: [join(TINY_VIDEO, '..')] });
  engine = realEngine(dataDir);
  api = createApi(engine);
  api.on('render.step', (s) => steps.push(s));
  const opened = await api['samples.open']({ id: 'ball-off-table' });
  image = opened.path;
  prompt = opened.sample.prompt;
  scene = (await api['scene.perceive']({ image, prompt, jobId: jobId() })).scene;
  run = await render();
});

afterAll(async () => {
  await engine?.stop();
});

describe('the render tier through the engine (tiny-video pack, CPU)', () => {
  it('lists the video pack with what the Render tab needs', async () => {
    const pack = (await api['models.list']({})).find((p) => p.id === 'tiny-video');
    expect(pack?.video?.frames).toEqual({ min: 5, max: 81, default: 17, step: 4 });
    expect(pack?.video?.conditions).toContain('trajectories');
  });

  it('renders both clips with the same seed and settings, and commits them with their frames', () => {
    for (const clip of [run.clips.baseline, run.clips.physics]) {
      expect(clip.tier).toBe('render');
      expect(clip.frames).toBe(9);
      expect(clip.seed).toBe(11);
      expect(clip.size.width % 16).toBe(0);
      expect(clip.size.height % 16).toBe(0);
      const raw = join(dataDir, 'library', clip.media.frames ?? '');
      expect(statSync(raw).size).toBe(clip.size.width * clip.size.height * 4 * 9);
      expect(existsSync(join(dataDir, 'library', clip.media.poster))).toBe(true);
      expect(clip.tracks.length).toBeGreaterThan(0);
    }
    expect(run.clips.baseline.size).toEqual(run.clips.physics.size);
    expect(run.clips.physics.framesSha256).not.toBe(run.clips.baseline.framesSha256);
    expect(run.render?.provider).toBe('cpu');
    expect(run.render?.applied).toEqual({ image: true, physicsTokens: true, trajectories: true, initVideo: true });
    expect(run.clips.baseline.motion.join(' ')).toMatch(/no physics conditioning/);
    expect(run.settings.fps).toBe(8);
    expect(readdirSync(runsDir()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('reports every denoising step of both variants with a latent thumbnail', () => {
    const mine = steps.filter((s) => s.jobId === 'render_2');
    expect(mine.filter((s) => s.variant === 'baseline').map((s) => s.step)).toEqual([1, 2, 3]);
    // SDEdit at strength 0.7 of 3 steps runs the last 2.
    expect(mine.filter((s) => s.variant === 'physics').map((s) => `${s.step}/${s.steps}`)).toEqual(['1/2', '2/2']);
    const t = mine[0] as RenderStep;
    expect(Buffer.from(t.rgbaBase64, 'base64').length).toBe(t.width * t.height * 4);
  });

  it('gives byte-identical frames for the same inputs, and other frames for another seed', async () => {
    const again = await render();
    expect(again.clips.baseline.framesSha256).toBe(run.clips.baseline.framesSha256);
    expect(again.clips.physics.framesSha256).toBe(run.clips.physics.framesSha256);
    const other = await api['render.generate']({
      image,
      prompt,
      refinement: null,
      scene,
      settings: { ...settings, seed: 12 },
      render: await renderSettings(),
      jobId: jobId(),
    });
    expect(other.clips.baseline.framesSha256).not.toBe(run.clips.baseline.framesSha256);
  });

  it('gives the baseline none of the physics conditioning: turning it all off leaves the baseline byte-identical', async () => {
    const none = await render('tiny-video', { physicsTokens: false, trajectories: false, initStrength: null });
    expect(none.render?.applied).toEqual({ image: true, physicsTokens: false, trajectories: false, initVideo: false });
    expect(none.clips.baseline.framesSha256).toBe(run.clips.baseline.framesSha256);
    expect(none.clips.physics.framesSha256).not.toBe(run.clips.physics.framesSha256);
  });

  it('exports a decodable side-by-side composite and reproduces the run from its sidecar exactly', async () => {
    const sidecar = await api['runs.export']({ runId: run.id, format: 'sidecar', which: 'physics', jobId: jobId() });
    const reproduced = await api['runs.reproduce']({ sidecar: JSON.parse(readFileSync(sidecar.files[0] as string, 'utf8')), jobId: jobId() });
    expect(reproduced.identical).toEqual({ baseline: true, physics: true });
    expect(reproduced.run.render?.pack.id).toBe('tiny-video');
    if (!HAS_FFPROBE) return;
    const video = await api['runs.export']({ runId: run.id, format: 'mp4', which: 'composite', jobId: jobId() });
    const probed = probeVideo(video.files[0] as string);
    expect(probed.frames).toBe(9);
    expect(probed.width).toBe(2 * run.clips.baseline.size.width + 8);
  });

  it('keeps a render clip’s raw frames when its encoded video is stored (they cannot be drawn again)', async () => {
    const mp4 = await api['runs.export']({ runId: run.id, format: 'png', which: 'baseline', jobId: jobId() });
    expect(mp4.files).toHaveLength(9);
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(64)]);
    const stored = await api['runs.storeMedia']({ runId: run.id, name: 'baseline.mp4', dataBase64: fake.toString('base64') });
    expect(stored.clips.baseline.media.mp4).toBeDefined();
    expect(existsSync(join(dataDir, 'library', stored.clips.baseline.media.frames ?? 'missing'))).toBe(true);
  });

  it('stops between steps when cancelled and leaves no run behind', async () => {
    const before = readdirSync(runsDir()).length;
    const id = jobId();
    const off = api.on('render.step', (s) => {
      if (s.jobId === id) void api['jobs.cancel']({ jobId: id });
    });
    await expect(render('tiny-video', { steps: 12, initStrength: null }, id)).rejects.toMatchObject({ code: 'cancelled' });
    off();
    expect(readdirSync(runsDir()).length).toBe(before);
  });

  it('tries a forced provider first, falls back to the CPU and says why', async () => {
    await api['settings.update']({ provider: 'webgpu' });
    try {
      const forced = await render();
      expect(forced.render?.provider).toBe('cpu');
      expect(forced.render?.fallbacks.map((f) => f.split(':')[0])).toEqual(['webgpu', 'cuda']);
      expect(forced.notices.join(' ')).toMatch(/Rendered on cpu; webgpu: .*; cuda: /);
      expect(forced.clips.physics.framesSha256).toBe(run.clips.physics.framesSha256);
    } finally {
      await api['settings.update']({ provider: null });
    }
  });
});

describe('broken packs are refused with the file named', () => {
  const attempts: Array<[string, (pack: ReturnType<typeof copyTinyVideo>) => void, RegExp]> = [
    [
      'a hash mismatch',
      (p) => {
        const file = join(p.folder, 'denoiser.onnx');
        const bytes = readFileSync(file);
        bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
        writeFileSync(file, bytes);
      },
      /denoiser\.onnx does not match its sha256/,
    ],
    ['a missing file', (p) => rmSync(join(p.folder, 'vae_decoder.onnx')), /vae_decoder\.onnx is missing/],
    [
      'a wrong shape in the manifest',
      (p) => {
        const m = p.manifest();
        const tokens = m.graphs.find((g) => g.file === 'denoiser.onnx')?.inputs.find((i) => i.name === 'physics_tokens');
        if (tokens) tokens.shape = ['batch', 'n_tokens', 99];
        p.save(m);
      },
      /denoiser\.onnx: input "physics_tokens" has shape \[batch, n_tokens, 136\] in the graph, but the manifest says \[batch, n_tokens, 99\]/,
    ],
    [
      'a latent scale that does not match the model',
      (p) => {
        const m = p.manifest() as ReturnType<typeof p.manifest> & { pipeline: { latent: { spatialScale: number }; resolution: { multipleOf: number } } };
        m.pipeline.latent.spatialScale = 16;
        m.pipeline.resolution.multipleOf = 32;
        p.save(m);
      },
      /vae_encoder\.onnx: its latent has \d+ numbers, but \[1, 4, 1, \d+, \d+\] needs \d+/,
    ],
    [
      'an unsupported opset',
      (p) => replaceListed(p, 'vae_decoder.onnx', withOpset(readFileSync(join(p.folder, 'vae_decoder.onnx')), 99)),
      /vae_decoder\.onnx uses ONNX opset 99, which this onnxruntime cannot run/,
    ],
  ];

  for (const [what, breakIt, message] of attempts) {
    it(`refuses ${what}`, async () => {
      const pack = copyTinyVideo(`broken-${job + 1}`);
      breakIt(pack);
      const own = tempDataDir({ modelFolders: [pack.modelsDir] });
      const other = realEngine(own);
      const otherApi = createApi(other);
      try {
        const packs = await otherApi['models.list']({});
        const summary = packs.find((p) => p.id === pack.id);
        if (!summary?.video) throw new Error('copy not listed');
        const err = await otherApi['render.generate']({
          image,
          prompt,
          refinement: null,
          scene,
          settings,
          render: { ...renderDefaults(pack.id, summary.video), size: 96, frames: 9, steps: 2 },
          jobId: jobId(),
        }).catch((e: unknown) => e as { message: string; code: string });
        expect((err as { message: string }).message).toMatch(message);
        const runs = join(own, 'library', 'runs');
        expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
        // The engine is still there for the next request.
        expect((await otherApi['system.ping']({})).pid).toBeGreaterThan(0);
      } finally {
        await other.stop();
      }
    });
  }
});

describe('installing packs from the models manager', () => {
  it('imports a pack folder, verified as it is copied, and removes it again', async () => {
    const copy = copyTinyVideo('imported-tiny');
    const summary = await api['models.import']({ source: copy.folder, jobId: jobId() });
    expect(summary).toMatchObject({ id: 'imported-tiny', verification: 'verified' });
    expect(summary.folder).toBe(join(dataDir, 'models', 'imported-tiny'));
    const listed = (await api['settings.get']({})).importedModelsDir;
    expect(listed).toBe(join(dataDir, 'models'));
    await expect(api['models.import']({ source: copy.folder, jobId: jobId() })).rejects.toMatchObject({ code: 'bad_request' });
    await api['models.remove']({ packId: 'imported-tiny' });
    expect((await api['models.list']({})).some((p) => p.id === 'imported-tiny')).toBe(false);
    expect(readdirSync(join(dataDir, 'models'))).toEqual([]);
  });

  it('refuses a pack whose file does not match, and copies nothing', async () => {
    const copy = copyTinyVideo('bad-import');
    const file = join(copy.folder, 'text_encoder.onnx');
    const bytes = readFileSync(file);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    await expect(api['models.import']({ source: copy.folder, jobId: jobId() })).rejects.toMatchObject({
      code: 'integrity',
      message: expect.stringMatching(/text_encoder\.onnx does not match its sha256/),
    });
    expect(readdirSync(join(dataDir, 'models')).filter((n) => n.includes('bad-import'))).toEqual([]);
  });

  it('will not delete a pack that lives in a folder the user chose', async () => {
    await expect(api['models.remove']({ packId: 'tiny-video' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(existsSync(join(TINY_VIDEO, 'manifest.json'))).toBe(true);
  });

  it('keeps model folders as full paths and refuses relative ones', async () => {
    await expect(api['settings.update']({ modelFolders: ['models'] })).rejects.toMatchObject({ code: 'bad_request' });
    const kept = await api['settings.get']({});
    expect(kept.modelFolders).toEqual([join(TINY_VIDEO, '..')]);
  });
});
