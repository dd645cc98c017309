import { copyFile, link, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/contract';
import { judgedDynamic } from '../../../shared/evaluate/inputs';
import { measureClip, overlapEvents } from '../../../shared/metrics';
import { type PlannedClip, planClips } from '../../../shared/motion/plan';
import { type ClipScene, depthOrder, renderFrame } from '../../../shared/preview/clip';
import { capPreviewSettings, outputSize } from '../../../shared/preview/layout';
import type { Raster } from '../../../shared/preview/raster';
import { shadowReceivers } from '../../../shared/preview/shadow-receivers';
import type { Analysis, Refinement } from '../../../shared/refine/schema';
import { type BaselineInputs, baselineChanges, runInputsKey } from '../../../shared/run/baseline-key';
import { runInputRecord } from '../../../shared/run/drawn-input';
import type { Clip, GenerateSettings, Run, Variant } from '../../../shared/run/schema';
import type { Scene } from '../../../shared/scene/schema';
import { APP_VERSION } from '../../common/version';
import { judgingInputs } from '../evaluate/clip';
import { frameCollector } from '../evaluate/collector';
import { writing } from './disk-error';
import { clipDrawer, writeFrames } from './frames-file';
import { type PreparedLayers, prepareLayers } from './layers';
import { commitPartial, mediaPath, newRunId, readRun, runDir, startPartial, writeRun } from './library';
import { libraryVersions } from './versions';

export interface GenerateInput {
  image: string;
  name?: string | undefined;
  drawn?: boolean | undefined;
  prompt: string;
  refinement: Refinement | null;
  scene: Scene;
  settings: GenerateSettings;
  only?: Variant | undefined;
  baseRunId?: string | undefined;
}

export interface GenerateContext {
  libraryDir: string;
  signal?: AbortSignal;
  progress?: (stage: string, fraction: number) => void;
}

/** Preview renderer version: bump when frames change for the same inputs, so old sidecars say why they differ. */
export const PREVIEW_RENDERER = 'preview-2';

export function clipScene(layers: PreparedLayers, scene: Scene, tracks: Clip['tracks'], settings: GenerateSettings): ClipScene {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  return {
    background: layers.background,
    layers: depthOrder(layers.sprites.flatMap((sprite) => (byId.has(sprite.id) ? [{ sprite, track: byId.get(sprite.id) as Clip['tracks'][number] }] : []))),
    // Surfaces and the tops of static objects (a table that is an object, not a surface) take contact shadows.
    surfaces: shadowReceivers(scene, layers.scale),
    shadows: settings.shadows,
    motionBlur: settings.motionBlur,
  };
}

/** Runs never modify their files once committed, so a carried-over clip can share them: a hard link, else a copy. */
async function carryOver(from: string, to: string): Promise<void> {
  await writing(to, () => link(from, to).catch(() => copyFile(from, to)));
}

export async function analysisOf(prompt: string, refinement: Refinement | null): Promise<Analysis | null> {
  if (refinement?.analysis) return refinement.analysis;
  if (!prompt.trim()) return null;
  const { analyze } = await import('../../../shared/refine/analyze');
  return analyze(prompt).analysis;
}

/** A frame as PNG: encoded in memory and written by Node, so a failed write carries an errno for diskError. */
export async function writeRasterPng(path: string, raster: Raster): Promise<void> {
  const png = await sharp(Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength), {
    raw: { width: raster.width, height: raster.height, channels: 4 },
  })
    .png({ compressionLevel: 6 })
    .toBuffer();
  await writing(path, () => writeFile(path, png));
}

export async function writePoster(dir: string, name: string, scene: ClipScene, frame: number): Promise<string> {
  const path = join(dir, name);
  await writeRasterPng(path, renderFrame(scene, frame));
  return path;
}

/**
 * Regenerating one clip keeps the other from run `base`, so the new clip must be made from the
 * inputs the kept one was: for a new physics clip, everything the baseline depends on; for a new
 * baseline, everything at all (the physics clip depends on the baseline's inputs too).
 */
function refuseMismatch(base: Run, input: GenerateInput, only: Variant): void {
  const before: BaselineInputs = { image: base.input.image, prompt: base.input.prompt, refinement: base.refinement, scene: base.scene };
  const now: BaselineInputs = { image: input.image, prompt: input.prompt, refinement: input.refinement, scene: input.scene };
  if (only === 'physics') {
    const changed = baselineChanges(before, now);
    if (changed.length === 0) return;
    throw new AppError(
      'bad_request',
      `Run ${base.id}'s baseline no longer matches: ${changed.join(', ')} changed since, and the baseline depends on ${changed.length > 1 ? 'them' : 'it'}.`,
      'Generate both clips again, so the pair is made from the same inputs.',
    );
  }
  if (runInputsKey(before) !== runInputsKey(now)) {
    throw new AppError(
      'bad_request',
      `Run ${base.id}'s physics clip no longer matches: the scene or the prompt changed since.`,
      'Generate both clips again, so the pair is made from the same inputs.',
    );
  }
}

/**
 * The preview tier: both clips of the user's own image from one scene and one prompt. The
 * baseline moves as the words alone suggest; the physics clip is simulated. Both go through the
 * same renderer with the same seed, size and frame rate. Frames are written raw for the encoder
 * (WebCodecs in the app, ffmpeg in the CLI); the run is committed only when complete.
 */
export async function generatePreview(input: GenerateInput, ctx: GenerateContext): Promise<Run> {
  const started = performance.now();
  const base = input.baseRunId ? await readRun(ctx.libraryDir, input.baseRunId) : null;
  if (base?.render) {
    throw new AppError(
      'bad_request',
      `Run ${base.id} was made by a video model, so the preview cannot remake one of its clips to match.`,
      'Render both clips again.',
    );
  }
  if (base && base.input.image !== input.image) {
    throw new AppError('bad_request', `The picture changed since run ${base.id}, so its other clip no longer matches.`, 'Generate both clips again.');
  }
  if (base) refuseMismatch(base, input, input.only ?? 'physics');
  // Equal by the check above; taken from the base run so the record states what its kept clip was made from.
  const prompt = base ? base.input.prompt : input.prompt;
  // The carried-over clip was made with the earlier run's size, rate, length and seed; the new one must match it.
  const { value: settings, notices } = capPreviewSettings(base ? base.settings : input.settings);
  ctx.progress?.('planning motion', 0.02);
  const fps = settings.fps;
  const analysis = await analysisOf(prompt, input.refinement);
  const { scale } = outputSize(input.scene.image, settings.size);
  const plan = await planClips(input.scene, prompt, analysis, { seconds: settings.seconds, fps, seed: settings.seed, scale });
  const moving = plan.intent.kind !== 'still' && plan.intent.kind !== 'none';
  if (moving && !plan.scene.objects.some((o) => o.dynamic)) {
    throw new AppError(
      'bad_request',
      'Nothing in this scene can move, so both clips would be still.',
      'In the Scene tab, select an object and set it to “Dynamic (moves)”, or click on the picture to add one.',
    );
  }
  const frames = Math.round(settings.seconds * fps) + 1;
  const tPlan = performance.now();
  ctx.signal?.throwIfAborted();

  ctx.progress?.('cutting out objects', 0.08);
  // Only what moves is cut out; a still prompt leaves the picture whole.
  const layers = await prepareLayers(input.image, plan.scene, settings.size);
  ctx.signal?.throwIfAborted();
  const tLayers = performance.now();

  const id = newRunId();
  const partial = await startPartial(ctx.libraryDir, id);
  const final = runDir(ctx.libraryDir, id);
  const rel = (name: string) => mediaPath(ctx.libraryDir, join(final, name));
  try {
    const variants: Variant[] = input.only ? [input.only] : ['baseline', 'physics'];
    const clips: Partial<Record<Variant, Clip>> = {};
    const timings: Record<string, number> = { planMs: Math.round(tPlan - started), layersMs: Math.round(tLayers - tPlan) };
    for (const [k, variant] of variants.entries()) {
      const planned: PlannedClip = plan[variant];
      const scene = clipScene(layers, plan.scene, planned.tracks, settings);
      const t0 = performance.now();
      const judge = frameCollector(layers.width, layers.height);
      const framesSha256 = await writeFrames(join(partial, `${variant}.rgba`), frames, layers.width, layers.height, judge.tap(clipDrawer(scene)), {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        progress: (f) => ctx.progress?.(`rendering the ${variant} clip`, 0.12 + (0.83 * (k + f)) / variants.length),
      });
      timings[`${variant}RenderMs`] = Math.round(performance.now() - t0);
      await writePoster(partial, `${variant}.png`, scene, Math.round(frames * 0.6));
      const t1 = performance.now();
      // Judged as a viewer would be, both clips by the same rules: the objects either clip lets move
      // and the prompt's named subject, the prompt's intent and the slow-motion label the clip carries.
      const moving = judgedDynamic(
        plan.scene.objects,
        [...plan.baseline.tracks, ...plan.physics.tracks].map((t) => t.id),
        plan.intent.kind === 'still' || plan.intent.kind === 'none' ? [] : plan.intent.subjects,
      );
      const judged = { ...plan.scene, objects: plan.scene.objects.map((o) => ({ ...o, dynamic: moving.has(o.id) })) };
      const slowMotion = variant === 'physics' && plan.timeScale > 1 ? plan.timeScale : 1;
      const judging = { scene: judged, intent: plan.intent, prompt, width: layers.width, height: layers.height, fps, slowMotion, signal: ctx.signal };
      const evaluation = await judge.evaluate(judgingInputs(judging));
      timings[`${variant}EvaluateMs`] = Math.round(performance.now() - t1 + judge.reduceMs);
      const measure = { scene: plan.scene, tracks: planned.tracks, fps, scale: layers.scale };
      const events = variant === 'baseline' ? overlapEvents(measure) : planned.events;
      clips[variant] = {
        variant,
        tier: 'preview',
        fps,
        frames,
        size: { width: layers.width, height: layers.height },
        seed: settings.seed,
        prompt: variant === 'physics' ? (input.refinement?.refined ?? prompt) : prompt,
        scale: layers.scale,
        tracks: planned.tracks,
        events,
        metrics: measureClip(measure),
        evaluation,
        motion: planned.motion,
        ...(variant === 'physics' && plan.timeScale > 1 ? { timeScale: plan.timeScale } : {}),
        moving: plan.scene.objects.filter((o) => o.dynamic).map((o) => o.id),
        framesSha256,
        media: { poster: rel(`${variant}.png`), frames: rel(`${variant}.rgba`) },
      };
    }
    if (base) {
      // The clip not regenerated is carried over from the earlier run, files and all.
      for (const variant of ['baseline', 'physics'] as const) {
        if (clips[variant]) continue;
        const old = base.clips[variant];
        const media: Clip['media'] = { poster: rel(`${variant}.png`) };
        await carryOver(join(ctx.libraryDir, old.media.poster), join(partial, `${variant}.png`));
        for (const ext of ['webm', 'mp4'] as const) {
          const from = old.media[ext];
          if (!from) continue;
          await carryOver(join(ctx.libraryDir, from), join(partial, `${variant}.${ext}`));
          media[ext] = rel(`${variant}.${ext}`);
        }
        if (old.media.frames) {
          await carryOver(join(ctx.libraryDir, old.media.frames), join(partial, `${variant}.rgba`));
          media.frames = rel(`${variant}.rgba`);
        }
        // Its tracks are unchanged, but its metrics are measured against the scene (gravity, surfaces) now recorded with it.
        const measure = { scene: plan.scene, tracks: old.tracks, fps: old.fps, scale: old.scale };
        clips[variant] = variant === 'baseline' ? { ...old, media, events: overlapEvents(measure), metrics: measureClip(measure) } : { ...old, media };
      }
    }
    const run: Run = {
      id,
      createdAt: new Date().toISOString(),
      input: runInputRecord(input, prompt),
      scene: input.scene,
      refinement: input.refinement,
      settings,
      clips: { baseline: clips.baseline as Clip, physics: clips.physics as Clip },
      versions: {
        app: APP_VERSION,
        renderer: PREVIEW_RENDERER,
        ...(await libraryVersions()),
        node: process.versions.node,
        ...(base ? { regeneratedFrom: base.id } : {}),
      },
      timings: { ...timings, totalMs: Math.round(performance.now() - started) },
      notices: [
        ...notices,
        ...plan.notices,
        ...(layers.holeDepth > 40 ? ['The moving objects are large, so the filled-in background behind them is approximate.'] : []),
      ],
      preference: null,
    };
    ctx.signal?.throwIfAborted();
    await writeRun(ctx.libraryDir, run, partial);
    await commitPartial(ctx.libraryDir, id, partial);
    ctx.progress?.('done', 1);
    return run;
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    if (ctx.signal?.aborted) throw new AppError('cancelled', 'Generation was cancelled; nothing was saved.');
    throw err;
  }
}
