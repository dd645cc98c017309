import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../electron/hosts/engine-client';
import { AppError, createApi, type PhysStudioApi } from '../../shared/contract';
import type { Run } from '../../shared/run/schema';
import type { Scene } from '../../shared/scene/schema';
import { realEngine, tempDataDir } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';

let engine: EngineClient;
let api: PhysStudioApi;
let dataDir: string;
let image: string;
let scene: Scene;
let prompt: string;
let run: Run;
const library = () => join(dataDir, 'library');
const settings = { size: 256, fps: 12, seconds: 2, seed: 5, shadows: true, motionBlur: true };
let job = 0;
const jobId = () => `preview_${++job}`;

beforeAll(async () => {
  dataDir = tempDataDir();
  engine = realEngine(dataDir);
  api = createApi(engine);
  const samples = await api['samples.list']({});
  const sample = samples.find((s) => s.id === 'ball-off-table');
  if (!sample) throw new Error('the ball-off-table sample is missing');
  const opened = await api['samples.open']({ id: sample.id });
  image = opened.path;
  prompt = sample.prompt;
  scene = (await api['scene.perceive']({ image, prompt, jobId: jobId() })).scene;
  run = await api['preview.generate']({ image, prompt, refinement: null, scene, settings, jobId: jobId() });
});

afterAll(async () => {
  await engine?.stop();
});

describe('preview generation through the engine', () => {
  it('lists the bundled samples with their licence', async () => {
    const samples = await api['samples.list']({});
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const s of samples) expect(s.licence).toBe('CC0-1.0');
  });

  it('commits a complete run: both clips, raw frames matching their hashes, posters, metrics', () => {
    expect(run.clips.baseline.size).toEqual(run.clips.physics.size);
    expect(run.clips.physics.size.width).toBe(256);
    const frames = 2 * 12 + 1;
    for (const clip of [run.clips.baseline, run.clips.physics]) {
      expect(clip.frames).toBe(frames);
      expect(clip.seed).toBe(5);
      const raw = join(library(), clip.media.frames ?? '');
      expect(statSync(raw).size).toBe(clip.size.width * clip.size.height * 4 * frames);
      expect(existsSync(join(library(), clip.media.poster))).toBe(true);
      expect(clip.tracks.every((t) => t.x.length === frames)).toBe(true);
    }
    // The same inputs must not give the same motion: that is the whole point.
    expect(run.clips.physics.framesSha256).not.toBe(run.clips.baseline.framesSha256);
    expect(run.clips.physics.metrics.score).toBeGreaterThan(run.clips.baseline.metrics.score);
    expect(readdirSync(join(library(), 'runs')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('renders byte-identical frames for the same inputs', async () => {
    const again = await api['preview.generate']({ image, prompt, refinement: null, scene, settings, jobId: jobId() });
    expect(again.id).not.toBe(run.id);
    expect(again.clips.baseline.framesSha256).toBe(run.clips.baseline.framesSha256);
    expect(again.clips.physics.framesSha256).toBe(run.clips.physics.framesSha256);
  });

  it('exports GIF, PNG frames and a sidecar that reproduces the run exactly', async () => {
    const out = join(dataDir, 'exports');
    const gif = await api['runs.export']({ runId: run.id, format: 'gif', which: 'composite', dir: out, jobId: jobId() });
    expect(
      readFileSync(gif.files[0] ?? '')
        .subarray(0, 6)
        .toString(),
    ).toBe('GIF89a');
    // Decodable, all of it: one page per exported frame, at most 480 px wide.
    const gifInfo = await sharp(gif.files[0] ?? '', { pages: -1 }).metadata();
    expect(gifInfo.pages).toBe(Math.ceil(run.clips.physics.frames / Math.max(1, Math.round(run.clips.physics.fps / 15))));
    expect(gifInfo.width).toBeLessThanOrEqual(480);
    const png = await api['runs.export']({ runId: run.id, format: 'png', which: 'physics', dir: out, jobId: jobId() });
    expect(png.files).toHaveLength(run.clips.physics.frames);
    // Lossless: the first PNG holds exactly the clip's first raw frame.
    const { width, height } = run.clips.physics.size;
    const decoded = await sharp(png.files[0] ?? '')
      .ensureAlpha()
      .raw()
      .toBuffer();
    const raw = readFileSync(join(library(), run.clips.physics.media.frames ?? '')).subarray(0, width * height * 4);
    expect(decoded.equals(raw)).toBe(true);
    const sidecar = await api['runs.export']({ runId: run.id, format: 'sidecar', which: 'physics', dir: out, jobId: jobId() });
    const json = JSON.parse(readFileSync(sidecar.files[0] ?? '', 'utf8'));
    expect(json.run.settings).toEqual(run.settings);
    const reproduced = await api['runs.reproduce']({ sidecar: json, jobId: jobId() });
    expect(reproduced.identical).toEqual({ baseline: true, physics: true });
  });

  it.skipIf(!HAS_FFPROBE)('encodes MP4 and WebM with ffmpeg that decode frame for frame', async () => {
    const out = join(dataDir, 'video');
    const mp4 = await api['runs.export']({ runId: run.id, format: 'mp4', which: 'composite', dir: out, jobId: jobId() });
    const probed = probeVideo(mp4.files[0] ?? '');
    expect(probed).toMatchObject({ codec: 'h264', frames: run.clips.physics.frames });
    expect(probed.width).toBe(2 * 256 + 8);
    const webm = await api['runs.export']({ runId: run.id, format: 'webm', which: 'baseline', dir: out, jobId: jobId() });
    expect(probeVideo(webm.files[0] ?? '')).toMatchObject({ codec: 'vp9', width: 256, frames: run.clips.baseline.frames });
  });

  it('stores an encoded clip, drops its raw frames, and re-renders them identically on demand', async () => {
    const fresh = await api['preview.generate']({ image, prompt, refinement: null, scene, settings, jobId: jobId() });
    const out = join(dataDir, 'store');
    const mp4 = await api['runs.export']({ runId: fresh.id, format: 'mp4', which: 'physics', dir: out, jobId: jobId() });
    const stored = await api['runs.storeMedia']({ runId: fresh.id, name: 'physics.mp4', dataBase64: readFileSync(mp4.files[0] ?? '').toString('base64') });
    expect(stored.clips.physics.media.mp4).toBe(`runs/${fresh.id}/physics.mp4`);
    expect(stored.clips.physics.media.frames).toBeUndefined();
    expect(existsSync(join(library(), 'runs', fresh.id, 'physics.rgba'))).toBe(false);
    // Re-rendering checks the hash recorded at generation.
    const stream = await api['runs.frames']({ runId: fresh.id, which: 'physics', jobId: jobId() });
    expect(statSync(join(library(), stream.path)).size).toBe(stream.width * stream.height * 4 * stream.frames);
    await expect(
      api['runs.storeMedia']({ runId: fresh.id, name: 'baseline.webm', dataBase64: Buffer.from('not a video at all').toString('base64') }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('regenerates only the physics clip after a parameter change, keeping the baseline', async () => {
    const bouncy = { ...scene, objects: scene.objects.map((o) => (o.dynamic ? { ...o, params: { ...o.params, restitution: 0.95 } } : o)) };
    const regen = await api['preview.generate']({
      image,
      prompt,
      refinement: null,
      scene: bouncy,
      settings,
      only: 'physics',
      baseRunId: run.id,
      jobId: jobId(),
    });
    expect(regen.clips.baseline.framesSha256).toBe(run.clips.baseline.framesSha256);
    expect(regen.clips.physics.framesSha256).not.toBe(run.clips.physics.framesSha256);
    // The carried clip keeps the moving layers it was drawn with, so it can be redrawn exactly.
    expect(run.clips.baseline.moving?.length).toBeGreaterThan(0);
    expect(regen.clips.baseline.moving).toEqual(run.clips.baseline.moving);
    expect(regen.versions.regeneratedFrom).toBe(run.id);
    const listed = await api['runs.list']({});
    expect(listed[0]?.id).toBe(regen.id);
    // Settings that changed since are not applied to one clip alone: the pair must match.
    const resized = await api['preview.generate']({
      image,
      prompt,
      refinement: null,
      scene: bouncy,
      settings: { ...settings, size: 320 },
      only: 'physics',
      baseRunId: run.id,
      jobId: jobId(),
    });
    expect(resized.clips.physics.size).toEqual(run.clips.baseline.size);
  });

  it('refuses to regenerate only the physics clip when the baseline’s inputs changed, and says which', async () => {
    const regenerate = (patch: { prompt?: string; scene?: Scene }) =>
      api['preview.generate']({ image, prompt, refinement: null, scene, settings, only: 'physics', baseRunId: run.id, jobId: jobId(), ...patch });
    const before = readdirSync(join(library(), 'runs')).sort();
    const reworded = await regenerate({ prompt: 'The ball falls straight down' }).catch((e: unknown) => e);
    expect(reworded).toBeInstanceOf(AppError);
    expect(reworded).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/baseline no longer matches: the prompt changed/),
      hint: expect.stringMatching(/Generate both clips again/),
    });
    const moving = scene.objects.find((o) => o.dynamic)?.id;
    const still = { ...scene, objects: scene.objects.map((o) => (o.id === moving ? { ...o, dynamic: false } : o)) };
    await expect(regenerate({ scene: still })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/which objects move/) });
    // Regenerating the baseline keeps the physics clip, which depends on everything.
    const heavier = { ...scene, gravity: { x: 0, y: 20 } };
    await expect(
      api['preview.generate']({ image, prompt, refinement: null, scene: heavier, settings, only: 'baseline', baseRunId: run.id, jobId: jobId() }),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/physics clip no longer matches/) });
    expect(readdirSync(join(library(), 'runs')).sort()).toEqual(before);
  });

  it('gives a regenerated run a sidecar that reproduces both clips, and the baseline’s metrics, exactly', async () => {
    const moon = {
      ...scene,
      gravity: { x: 0, y: 1.62 },
      objects: scene.objects.map((o) => (o.dynamic ? { ...o, params: { ...o.params, restitution: 0.8, friction: 0.2 } } : o)),
    };
    const regen = await api['preview.generate']({ image, prompt, refinement: null, scene: moon, settings, only: 'physics', baseRunId: run.id, jobId: jobId() });
    expect(regen.clips.baseline.framesSha256).toBe(run.clips.baseline.framesSha256);
    // The kept baseline is judged against the gravity now recorded with it.
    expect(regen.clips.baseline.metrics.gravity.expected).toBeCloseTo(1.62, 2);
    const out = join(dataDir, 'regen-sidecar');
    const sidecar = await api['runs.export']({ runId: regen.id, format: 'sidecar', which: 'physics', dir: out, jobId: jobId() });
    const reproduced = await api['runs.reproduce']({ sidecar: JSON.parse(readFileSync(sidecar.files[0] ?? '', 'utf8')), jobId: jobId() });
    expect(reproduced.identical).toEqual({ baseline: true, physics: true });
    expect(reproduced.run.clips.baseline.metrics).toEqual(regen.clips.baseline.metrics);
    expect(reproduced.run.clips.baseline.events).toEqual(regen.clips.baseline.events);
  });

  it('records the real versions of the libraries that shape the frames', () => {
    expect(run.versions.rapier).toMatch(/^@dimforge\/rapier2d-deterministic-compat@\d+\.\d+\.\d+/);
    expect(run.versions.opencv).toMatch(/^@techstark\/opencv-js@\d+\.\d+/);
    expect(run.versions.sharp).toMatch(/^\d+\.\d+/);
  });

  it('deletes a run folder whole, and refuses what is not a run id', async () => {
    const doomed = await api['preview.generate']({ image, prompt, refinement: null, scene, settings, jobId: jobId() });
    expect(existsSync(join(library(), 'runs', doomed.id))).toBe(true);
    await expect(api['runs.delete']({ id: doomed.id })).resolves.toEqual({ deleted: doomed.id });
    expect(readdirSync(join(library(), 'runs')).filter((n) => n === doomed.id || n.startsWith('.'))).toEqual([]);
    expect((await api['runs.list']({})).some((r) => r.id === doomed.id)).toBe(false);
    await expect(api['runs.delete']({ id: doomed.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(api['runs.delete']({ id: '../library' })).rejects.toMatchObject({ code: 'bad_request' });
    // The run it was kept alongside is untouched.
    expect(existsSync(join(library(), 'runs', run.id, 'run.json'))).toBe(true);
  });

  it('discards frames rendered again only for an export, but not a clip’s unencoded source', async () => {
    const stream = await api['runs.frames']({ runId: run.id, which: 'composite', jobId: jobId() });
    expect(existsSync(join(library(), stream.path))).toBe(true);
    await expect(api['runs.discardFrames']({ runId: run.id, which: 'composite' })).resolves.toEqual({ removed: true });
    expect(existsSync(join(library(), stream.path))).toBe(false);
    await expect(api['runs.discardFrames']({ runId: run.id, which: 'composite' })).resolves.toEqual({ removed: false });
    // run's clips were never encoded: their raw frames are the clips, and stay.
    expect(run.clips.physics.media.frames).toBeDefined();
    await expect(api['runs.discardFrames']({ runId: run.id, which: 'physics' })).resolves.toEqual({ removed: false });
    expect(existsSync(join(library(), run.clips.physics.media.frames ?? ''))).toBe(true);
  });
});

describe('preview generation faults', () => {
  it('explains that a scene with nothing movable gives nothing to animate', async () => {
    // Marked static by the user: a region perception alone made static still moves when the prompt names it.
    const still = { ...scene, objects: scene.objects.map((o) => ({ ...o, dynamic: false, provenance: { ...o.provenance, dynamic: 'user' as const } })) };
    const err = await api['preview.generate']({ image, prompt, refinement: null, scene: still, settings, jobId: jobId() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/Nothing in this scene can move/);
    expect((err as AppError).hint).toMatch(/Dynamic \(moves\)/);
  });

  it('caps a huge size and duration and says so', async () => {
    const big = await api['preview.generate']({
      image,
      prompt,
      refinement: null,
      scene,
      settings: { ...settings, size: 5000, seconds: 1, fps: 60 },
      jobId: jobId(),
    });
    expect(Math.max(big.clips.physics.size.width, big.clips.physics.size.height)).toBe(1024);
    expect(big.clips.physics.fps).toBe(30);
    expect(big.notices.join(' ')).toMatch(/5000/);
  });

  it('leaves nothing behind when cancelled mid-run', async () => {
    const id = jobId();
    const before = readdirSync(join(library(), 'runs')).sort();
    const pending = api['preview.generate']({ image, prompt, refinement: null, scene, settings: { ...settings, size: 1024, seconds: 10, fps: 30 }, jobId: id });
    const progress = new Promise<void>((resolve) => {
      const off = engine.subscribe((name, payload) => {
        if (
          name === 'job.progress' &&
          (payload as { jobId: string; stage: string }).jobId === id &&
          (payload as { stage: string }).stage.startsWith('rendering')
        ) {
          off();
          resolve();
        }
      });
    });
    await progress;
    await api['jobs.cancel']({ jobId: id });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(join(library(), 'runs')).sort()).toEqual(before);
  });

  it('reports an unwritable export folder clearly', async () => {
    // A folder inside a regular file cannot exist for anyone, root included (ENOTDIR).
    const file = join(dataDir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const format of ['gif', 'sidecar', 'png'] as const) {
      await expect(api['runs.export']({ runId: run.id, format, which: 'physics', dir: join(file, 'inner'), jobId: jobId() })).rejects.toMatchObject({
        code: 'io',
        message: expect.stringMatching(/^PhysStudio may not write to .*a-file.*: part of that path is a file, not a folder\.$/),
        hint: expect.stringMatching(/folder you can write to/),
      });
    }
  });

  it('refuses a file that is not a sidecar', async () => {
    await expect(api['runs.reproduce']({ sidecar: { hello: 'world' }, jobId: jobId() })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
