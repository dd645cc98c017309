import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/contract';
import type { PlannerIntentLike } from '../../../shared/evaluate/inputs';
import { measureClip, overlapEvents } from '../../../shared/metrics';
import { planClips } from '../../../shared/motion/plan';
import { centroid } from '../../../shared/physics/geometry';
import { renderFrame } from '../../../shared/preview/clip';
import { outputSize } from '../../../shared/preview/layout';
import type { Raster } from '../../../shared/preview/raster';
import { runInputRecord } from '../../../shared/run/drawn-input';
import type { RenderInfo, RenderSettings } from '../../../shared/run/render';
import type { Clip, GenerateSettings, Run, Variant } from '../../../shared/run/schema';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import { APP_VERSION } from '../../common/version';
import { evaluateClip } from '../evaluate/clip';
import type { FoundPack } from '../models/discovery';
import { loadOrt } from '../ort';
import { writeFrames } from '../preview/frames-file';
import { analysisOf, clipScene, type GenerateInput, writeRasterPng } from '../preview/generate';
import { loadImage, prepareLayers } from '../preview/layers';
import { commitPartial, mediaPath, newRunId, runDir, startPartial, writeRun } from '../preview/library';
import { renderVideo } from './pipeline';
import { checkRequest, NO_CONDITIONS, type RenderConditions, type RenderResult, type RenderStep, renderSize } from './request';
import { releaseWhenIdle } from './sessions';
import { trackObjects } from './track';

/** Bump when a render's frames change for the same inputs, so old sidecars say why they differ. */
export const RENDER_PIPELINE = 'render-1';

/** The preview's inputs (never regenerating one clip: a render is made whole) and the pack's settings. */
export type RenderInput = Omit<GenerateInput, 'only' | 'baseRunId'> & { render: RenderSettings };

export interface RenderJobContext {
  libraryDir: string;
  pack: FoundPack;
  /** Gives the GPU back to the queue (the caller took it); called once the frames are made. */
  releaseGpu: () => void;
  forcedProvider: RenderInfo['provider'] | null;
  signal: AbortSignal;
  progress: (stage: string, fraction: number | null) => void;
  onStep?: (variant: Variant, step: RenderStep) => void;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function resized(frame: Raster, width: number, height: number): Promise<Raster> {
  if (frame.width === width && frame.height === height) return frame;
  const { data } = await sharp(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), {
    raw: { width: frame.width, height: frame.height, channels: 4 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

function conditionedOn(variant: Variant, applied: RenderResult['applied'], settings: RenderSettings, objects: number): string {
  if (variant === 'baseline') return `Conditioned on the original prompt${applied.image ? ' and the picture' : ''} only: no physics conditioning.`;
  const parts = ['the refined prompt'];
  if (applied.image) parts.push('the picture');
  if (applied.physicsTokens) parts.push('the scene’s physics tokens');
  if (applied.trajectories) parts.push(`${objects} simulated object path${objects === 1 ? '' : 's'}`);
  if (applied.initVideo) parts.push(`the physics preview (SDEdit strength ${settings.initStrength})`);
  return `Conditioned on ${parts.join(', ')}.`;
}

/**
 * The render tier: both clips from a neural video model, with the same seed and every setting but
 * the conditioning. The physics clip gets the refined prompt, the physics tokens, the simulated
 * paths and/or the physics preview as its SDEdit start; the baseline gets the original prompt and
 * the picture. Each clip's tracks are measured from its own frames, so its metrics are its own.
 */
export async function generateRender(input: RenderInput, ctx: RenderJobContext): Promise<Run> {
  const started = performance.now();
  const { pack } = ctx;
  const p = pack.manifest.pipeline;
  if (!p) throw new AppError('unsupported', `"${pack.manifest.name}" has no pipeline section.`);
  const { render } = input;
  const dynamic = input.scene.objects.filter((o) => o.dynamic);
  if (dynamic.length === 0) {
    throw new AppError(
      'bad_request',
      'Nothing in this scene can move, so there is no motion to condition on.',
      'In the Scene tab, click an object and tick “Moves”, or click on the picture to add one.',
    );
  }
  const { width: W, height: H } = renderSize(p, input.scene.image, render.size);
  const F = render.frames;
  const fps = p.fps;
  const common = {
    negativePrompt: render.negativePrompt,
    width: W,
    height: H,
    frames: F,
    steps: render.steps,
    guidance: render.guidance,
    seed: input.settings.seed,
  };
  checkRequest(pack.manifest, { ...common, prompt: '', image: null, conditions: NO_CONDITIONS });

  const results: Partial<Record<Variant, RenderResult>> = {};
  const seconds = (F - 1) / fps;
  const settings: GenerateSettings = { ...input.settings, size: Math.max(W, H), fps, seconds };
  let physicsTracks: Clip['tracks'] = [];
  let intent: PlannerIntentLike | null = null;
  try {
    ctx.progress('planning the physics', 0.06);
    const analysis = await analysisOf(input.prompt, input.refinement);
    const { scale } = outputSize(input.scene.image, Math.max(W, H));
    const plan = await planClips(input.scene, input.prompt, analysis, { seconds, fps, seed: input.settings.seed, scale });
    // Only what moves is cut out of the picture.
    const layers = await prepareLayers(input.image, plan.scene, Math.max(W, H));
    physicsTracks = plan.physics.tracks;
    intent = plan.intent;
    ctx.signal.throwIfAborted();
    const picture = await loadImage(input.image, W, H);
    const conditions: RenderConditions = {
      physicsTokens: render.physicsTokens ? sceneEmbedding(input.scene) : null,
      trajectories: render.trajectories ? physicsTracks.map((t) => ({ x: t.x.map((v) => v / layers.width), y: t.y.map((v) => v / layers.height) })) : null,
      init: null,
    };
    if (render.initStrength !== null) {
      ctx.progress('drawing the physics preview', 0.08);
      const scene = clipScene(layers, plan.scene, physicsTracks, settings);
      const frames: Raster[] = [];
      for (let f = 0; f < F; f++) {
        ctx.signal.throwIfAborted();
        frames.push(await resized(renderFrame(scene, f), W, H));
      }
      conditions.init = { frames, strength: render.initStrength };
    }
    const variants: Array<[Variant, string, RenderConditions]> = [
      ['baseline', input.prompt, NO_CONDITIONS],
      ['physics', input.refinement?.refined ?? input.prompt, conditions],
    ];
    for (const [k, [variant, prompt, given]] of variants.entries()) {
      const base = 0.1 + 0.4 * k;
      results[variant] = await renderVideo(
        pack,
        { ...common, prompt, image: picture, conditions: given },
        {
          signal: ctx.signal,
          forcedProvider: ctx.forcedProvider,
          onStage: (stage) => ctx.progress(`${variant}: ${stage}`, base),
          onStep: (step) => {
            ctx.progress(`rendering the ${variant} clip, step ${step.step} of ${step.steps}`, base + (0.4 * step.step) / step.steps);
            ctx.onStep?.(variant, step);
          },
        },
      );
    }
  } catch (err) {
    throw ctx.signal.aborted ? new AppError('cancelled', 'The render was cancelled; nothing was saved.') : err;
  } finally {
    // Measuring and writing the clips needs no GPU: the next render can start.
    ctx.releaseGpu();
    releaseWhenIdle();
  }
  return commitRender(input, ctx, { results: results as Record<Variant, RenderResult>, settings, W, H, F, physicsTracks, intent, started });
}

interface Rendered {
  results: Record<Variant, RenderResult>;
  settings: GenerateSettings;
  W: number;
  H: number;
  F: number;
  physicsTracks: Clip['tracks'];
  /** The planner's reading of the prompt, for judging both clips. */
  intent: PlannerIntentLike | null;
  started: number;
}

/** Frames, posters, measured tracks and the run record, written into a partial folder and committed whole. */
async function commitRender(input: RenderInput, ctx: RenderJobContext, r: Rendered): Promise<Run> {
  const { pack } = ctx;
  const id = newRunId();
  const partial = await startPartial(ctx.libraryDir, id);
  const rel = (name: string) => mediaPath(ctx.libraryDir, join(runDir(ctx.libraryDir, id), name));
  const sx = r.W / input.scene.image.width;
  const sy = r.H / input.scene.image.height;
  const targets = input.scene.objects
    .filter((o) => o.dynamic)
    .map((o) => {
      const c = centroid(o.polygon);
      return { id: o.id, x: c.x * sx, y: c.y * sy, box: { x: o.bbox.x * sx, y: o.bbox.y * sy, w: o.bbox.w * sx, h: o.bbox.h * sy } };
    });
  const notices: string[] = [];
  try {
    const clips: Partial<Record<Variant, Clip>> = {};
    for (const [k, variant] of (['baseline', 'physics'] as const).entries()) {
      const result = r.results[variant];
      ctx.progress(`measuring the ${variant} clip`, 0.9 + 0.05 * k);
      const framesSha256 = await writeFrames(join(partial, `${variant}.rgba`), r.F, r.W, r.H, (f) => result.frames[f] as Raster, { signal: ctx.signal });
      await writeRasterPng(join(partial, `${variant}.png`), result.frames[Math.round((r.F - 1) * 0.6)] as Raster);
      const tracked = await trackObjects(result.frames, targets, ctx.signal);
      const judging = { scene: input.scene, intent: r.intent, prompt: input.prompt, width: r.W, height: r.H, fps: r.settings.fps, signal: ctx.signal };
      const evaluation = await evaluateClip(result.frames, judging);
      const measure = { scene: input.scene, tracks: tracked.tracks, fps: r.settings.fps, scale: sx };
      const lost = tracked.lost.map((l) => `${input.scene.objects.find((o) => o.id === l.id)?.label ?? l.id} from frame ${l.frame + 1}`);
      clips[variant] = {
        variant,
        tier: 'render',
        fps: r.settings.fps,
        frames: r.F,
        size: { width: r.W, height: r.H },
        seed: input.settings.seed,
        prompt: variant === 'physics' ? (input.refinement?.refined ?? input.prompt) : input.prompt,
        scale: sx,
        tracks: tracked.tracks,
        events: overlapEvents(measure),
        metrics: measureClip(measure),
        evaluation,
        motion: [
          `Rendered by ${pack.manifest.name} on ${result.provider}: ${input.render.steps} steps, guidance ${input.render.guidance}, seed ${input.settings.seed}.`,
          conditionedOn(variant, result.applied, input.render, r.physicsTracks.length),
          `Object paths measured from the rendered frames (template matching; rotation not measured)${lost.length ? `; lost ${lost.join(', ')}` : ''}.`,
        ],
        framesSha256,
        media: { poster: rel(`${variant}.png`), frames: rel(`${variant}.rgba`) },
      };
    }
    const physics = r.results.physics;
    const asked = input.render;
    for (const [key, label] of [
      ['physicsTokens', 'physics tokens'],
      ['trajectories', 'trajectories'],
    ] as const) {
      if (asked[key] && !physics.applied[key]) notices.push(`${pack.manifest.name} does not take ${label}, so the physics render was made without them.`);
    }
    if (asked.initStrength !== null && !physics.applied.initVideo)
      notices.push(`${pack.manifest.name} cannot start from a video (SDEdit), so the physics render started from noise.`);
    if (physics.fallbacks.length > 0) notices.push(`Rendered on ${physics.provider}; ${physics.fallbacks.join('; ')}`);
    const steps = [...r.results.baseline.stepMs, ...physics.stepMs];
    const ort = [...r.results.baseline.ortMs, ...physics.ortMs];
    const stepTotal = steps.reduce((a, b) => a + b, 0);
    const info: RenderInfo = {
      settings: input.render,
      pack: { id: pack.manifest.id, name: pack.manifest.name, version: pack.manifest.version },
      provider: physics.provider,
      fallbacks: physics.fallbacks,
      width: r.W,
      height: r.H,
      fps: r.settings.fps,
      applied: physics.applied,
      stepMs: Math.round(median(steps) * 10) / 10,
      overheadPct: stepTotal > 0 ? Math.round((1000 * (stepTotal - ort.reduce((a, b) => a + b, 0))) / stepTotal) / 10 : 0,
    };
    const loaded = loadOrt();
    const run: Run = {
      id,
      createdAt: new Date().toISOString(),
      input: runInputRecord(input, input.prompt),
      scene: input.scene,
      refinement: input.refinement,
      settings: r.settings,
      clips: { baseline: clips.baseline as Clip, physics: clips.physics as Clip },
      versions: {
        app: APP_VERSION,
        renderer: RENDER_PIPELINE,
        pack: `${pack.manifest.id}@${pack.manifest.version}`,
        onnxruntime: 'ort' in loaded ? (loaded.ort.env.versions.node ?? 'unknown') : 'unavailable',
        node: process.versions.node,
      },
      timings: { totalMs: Math.round(performance.now() - r.started), stepMs: info.stepMs },
      notices,
      preference: null,
      render: info,
    };
    ctx.signal.throwIfAborted();
    await writeRun(ctx.libraryDir, run, partial);
    await commitPartial(ctx.libraryDir, id, partial);
    ctx.progress('done', 1);
    return run;
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    if (ctx.signal.aborted) throw new AppError('cancelled', 'The render was cancelled; nothing was saved.');
    throw err;
  }
}
