import { freemem } from 'node:os';
import { AppError } from '../../../shared/contract';
import { cfg, gaussianNoise, schedulerForPipeline, splitHalves, startIndexForStrength, usesGuidance } from '../../../shared/diffusion';
import type { ExecutionProvider, ModelManifest } from '../../../shared/models/manifest';
import type { Raster } from '../../../shared/preview/raster';
import type { FoundPack } from '../models/discovery';
import { loadOrt, type Ort } from '../ort';
import { loadPackTokenizer } from '../refine/targets';
import { PackSessions } from './sessions';
import { framesToVideo, latentThumbnail, videoToFrames } from './video-tensor';

/** What conditions the physics-conditioned render; the baseline render gets none of it. */
export interface RenderConditions {
  /** The Scene embedding, for packs that take physics tokens. */
  physicsTokens: number[] | null;
  /** Object paths in 0..1 image coordinates, one point per output frame, for trajectory-controlled packs. */
  trajectories: Array<{ x: number[]; y: number[] }> | null;
  /** SDEdit: frames to start from (the physics preview) and how much noise to add (0..1]. */
  init: { frames: Raster[]; strength: number } | null;
}

export interface RenderRequest {
  prompt: string;
  negativePrompt: string;
  width: number;
  height: number;
  frames: number;
  steps: number;
  guidance: number;
  seed: number;
  /** The input picture at output size, for image-to-video packs (both variants get it). */
  image: Raster | null;
  conditions: RenderConditions;
}

export interface RenderStep {
  step: number;
  steps: number;
  thumbnail: Raster;
}

export interface RenderContext {
  signal?: AbortSignal;
  forcedProvider?: ExecutionProvider | null;
  onStep?: (step: RenderStep) => void;
}

export interface RenderResult {
  frames: Raster[];
  provider: ExecutionProvider;
  fallbacks: string[];
  /** Per denoising step: wall time and the time inside onnxruntime, to see the pipeline's own overhead. */
  stepMs: number[];
  ortMs: number[];
}

type Pipeline = NonNullable<ModelManifest['pipeline']>;
type Tensor = InstanceType<Ort['Tensor']>;

/** Checks a request against what the pack declares, naming the nearest valid values. */
export function checkRequest(manifest: ModelManifest, r: RenderRequest): Pipeline {
  const p = manifest.pipeline;
  if (manifest.kind !== 'video-generator' || !p) throw new AppError('unsupported', `Model pack "${manifest.id}" is not a video generator.`);
  const { min, max, multipleOf } = p.resolution;
  for (const [what, v] of [
    ['width', r.width],
    ['height', r.height],
  ] as const) {
    if (v < min || v > max || v % multipleOf !== 0) {
      const near = Math.min(max, Math.max(min, Math.round(v / multipleOf) * multipleOf));
      throw new AppError('bad_request', `${manifest.name} renders ${what}s of ${min}–${max} px in steps of ${multipleOf}; ${v} is not one.`, `Try ${near}.`);
    }
  }
  const ts = p.latent.temporalScale;
  if (r.frames < p.frames.min || r.frames > p.frames.max || (r.frames - 1) % ts !== 0) {
    const near = Math.min(p.frames.max, Math.max(p.frames.min, 1 + Math.round((r.frames - 1) / ts) * ts));
    throw new AppError(
      'bad_request',
      `${manifest.name} makes ${p.frames.min}–${p.frames.max} frames, one more than a multiple of ${ts}; ${r.frames} is not.`,
      `Try ${near}.`,
    );
  }
  if (!Number.isInteger(r.steps) || r.steps < 1 || r.steps > 200) throw new AppError('bad_request', 'Steps must be a whole number from 1 to 200.');
  return p;
}

function outOfMemory(err: unknown): boolean {
  return /out of memory|bad_alloc|failed to allocate|CUDA_ERROR_OUT_OF_MEMORY|ERROR_NOT_ENOUGH_MEMORY/i.test((err as Error)?.message ?? '');
}

/**
 * The render tier's diffusion pipeline, written against the pack manifest: encode the prompts,
 * prepare the conditions, denoise from seeded noise (or from the noised preview, SDEdit) with the
 * pack's scheduler and classifier-free guidance, decode to frames. Cancellable between steps.
 */
export async function renderVideo(pack: FoundPack, request: RenderRequest, ctx: RenderContext = {}): Promise<RenderResult> {
  const p = checkRequest(pack.manifest, request);
  const loaded = loadOrt();
  if ('error' in loaded) throw new AppError('unsupported', loaded.error, 'Run `physstudio doctor`.');
  const { ort } = loaded;
  const sessions = new PackSessions(ort, pack, ctx.forcedProvider ?? null);
  const accepts = new Set(pack.manifest.conditions);
  const f32 = (data: Float32Array, dims: number[]): Tensor => new ort.Tensor('float32', data, dims);
  try {
    return await run();
  } catch (err) {
    if (ctx.signal?.aborted) throw new AppError('cancelled', 'The render was cancelled.');
    if (outOfMemory(err)) {
      throw new AppError(
        'unsupported',
        `${pack.manifest.name} ran out of memory at ${request.width}×${request.height}, ${request.frames} frames.`,
        'Try a smaller size, fewer frames or fewer steps, or close other programs using the GPU.',
      );
    }
    throw err;
  } finally {
    await sessions.releaseAll();
  }

  async function run(): Promise<RenderResult> {
    const { width: W, height: H, frames: F } = request;
    const s = p.latent.spatialScale;
    const C = p.latent.channels;
    const [LF, LH, LW] = [1 + (F - 1) / p.latent.temporalScale, H / s, W / s];
    const latentDims = [1, C, LF, LH, LW];
    const latentSize = latentDims.reduce((a, b) => a * b, 1);
    const guided = usesGuidance(request.guidance);
    const batch = guided ? 2 : 1;
    const repeat = (data: Float32Array) => {
      if (!guided) return data;
      const out = new Float32Array(data.length * 2);
      out.set(data, 0);
      out.set(data, data.length);
      return out;
    };

    // Text: the negative prompt is the unconditional half of the batch.
    const tokenizer = await loadPackTokenizer(pack);
    const max = pack.manifest.tokenizer?.maxTokens ?? 77;
    const texts = guided ? [request.negativePrompt, request.prompt] : [request.prompt];
    const ids = texts.map((t) => tokenizer.encode(t).slice(0, max));
    const length = Math.max(...ids.map((i) => i.length));
    const padded = BigInt64Array.from(ids.flatMap((i) => [...i, ...Array(length - i.length).fill(tokenizer.padId)].map(BigInt)));
    const textGraph = pack.manifest.graphs.find((g) => g.role === 'text_encoder');
    const textSession = await sessions.get('text_encoder');
    const textOut = await textSession.run({ [textGraph?.inputs[0]?.name ?? 'input_ids']: new ort.Tensor('int64', padded, [batch, length]) });
    const hidden = textOut[textGraph?.outputs[0]?.name ?? 'last_hidden_state'] as Tensor;
    // The text encoder is not needed again; give its memory back when memory is short.
    if (freemem() < (pack.manifest.providers.minMemoryBytes ?? 0) * 2) await sessions.release('text_encoder');

    const encode = async (frames: Raster[]): Promise<Float32Array> => {
      const graph = pack.manifest.graphs.find((g) => g.role === 'vae_encoder');
      const session = await sessions.get('vae_encoder');
      const out = await session.run({ [graph?.inputs[0]?.name ?? 'video']: f32(framesToVideo(frames), [1, 3, frames.length, H, W]) });
      return (out[graph?.outputs[0]?.name ?? 'latent'] as Tensor).data as Float32Array;
    };

    // Image conditioning: the picture's latent in the first latent frame, zeros after it.
    const denoiser = pack.manifest.graphs.find((g) => g.role === 'denoiser');
    const wants = (name: string) => denoiser?.inputs.some((i) => i.name === name) ?? false;
    const imageLatent = new Float32Array(latentSize);
    if (request.image && accepts.has('image') && wants('image_latent')) {
      const z = await encode([request.image]);
      const cells = LH * LW;
      const perFrame = LF * cells;
      for (let c = 0; c < C; c++) for (let i = 0; i < cells; i++) imageLatent[c * perFrame + i] = (z[c * cells + i] ?? 0) * p.latent.scaling;
    }

    const { physicsTokens, trajectories, init } = request.conditions;
    const tokenDim = Number(denoiser?.inputs.find((i) => i.name === 'physics_tokens')?.shape.at(-1) ?? 0);
    if (physicsTokens && accepts.has('physicsTokens') && tokenDim && physicsTokens.length !== tokenDim) {
      throw new AppError('unsupported', `${pack.manifest.name} takes physics tokens of ${tokenDim} numbers; the scene embedding has ${physicsTokens.length}.`);
    }
    const tokens = physicsTokens && accepts.has('physicsTokens') ? Float32Array.from(physicsTokens) : new Float32Array(0);
    const paths = trajectories && accepts.has('trajectories') ? trajectories : [];
    const trajectoryData = new Float32Array(paths.length * F * 2);
    paths.forEach((path, o) => {
      for (let f = 0; f < F; f++) {
        // Resampled to the render's frame count: the preview may have more frames than the model makes.
        const k = Math.min(path.x.length - 1, Math.round((f * (path.x.length - 1)) / Math.max(1, F - 1)));
        trajectoryData[(o * F + f) * 2] = path.x[k] ?? 0;
        trajectoryData[(o * F + f) * 2 + 1] = path.y[k] ?? 0;
      }
    });

    const scheduler = schedulerForPipeline(p, request.steps);
    const noise = gaussianNoise(latentSize, request.seed);
    let start = 0;
    let x = noise;
    if (init && accepts.has('initVideo') && sessions.has('vae_encoder')) {
      start = startIndexForStrength(request.steps, init.strength);
      const clean = (await encode(init.frames.slice(0, F))).map((v) => v * p.latent.scaling);
      x = scheduler.addNoise(clean, noise, start);
    }
    if (freemem() < (pack.manifest.providers.minMemoryBytes ?? 0) * 2) await sessions.release('vae_encoder');

    const fixed: Record<string, Tensor> = {};
    if (wants('encoder_hidden_states')) fixed.encoder_hidden_states = hidden;
    if (wants('physics_tokens')) fixed.physics_tokens = f32(repeat(tokens), [batch, tokens.length ? 1 : 0, tokenDim]);
    if (wants('trajectories')) fixed.trajectories = f32(repeat(trajectoryData), [batch, paths.length, F, 2]);
    if (wants('image_latent')) fixed.image_latent = f32(repeat(imageLatent), [batch, ...latentDims.slice(1)]);
    const outputName = denoiser?.outputs[0]?.name ?? 'velocity';
    const session = await sessions.get('denoiser');
    const stepMs: number[] = [];
    const ortMs: number[] = [];
    const timesteps = scheduler.timesteps;
    for (let i = start; i < timesteps.length; i++) {
      ctx.signal?.throwIfAborted();
      const t0 = performance.now();
      const feeds = {
        ...fixed,
        sample: f32(repeat(x), [batch, ...latentDims.slice(1)]),
        timestep: f32(new Float32Array(batch).fill(timesteps[i] ?? 0), [batch]),
      };
      const t1 = performance.now();
      const out = await session.run(feeds);
      const t2 = performance.now();
      const prediction = (out[outputName] as Tensor).data as Float32Array;
      const [uncond, cond] = guided ? splitHalves(prediction) : [prediction, prediction];
      x = scheduler.step(guided ? cfg(uncond, cond, request.guidance) : prediction, i, x);
      ortMs.push(t2 - t1);
      stepMs.push(performance.now() - t0);
      ctx.onStep?.({ step: i + 1 - start, steps: timesteps.length - start, thumbnail: latentThumbnail(x, C, LH, LW) });
    }
    ctx.signal?.throwIfAborted();
    await sessions.release('denoiser');

    const decoder = pack.manifest.graphs.find((g) => g.role === 'vae_decoder');
    const decoded = await (await sessions.get('vae_decoder')).run({
      [decoder?.inputs[0]?.name ?? 'latent']: f32(
        x.map((v) => v / p.latent.scaling),
        latentDims,
      ),
    });
    const video = (decoded[decoder?.outputs[0]?.name ?? 'video'] as Tensor).data as Float32Array;
    return { frames: videoToFrames(video, F, W, H), provider: sessions.provider ?? 'cpu', fallbacks: sessions.fallbacks, stepMs, ortMs };
  }
}
