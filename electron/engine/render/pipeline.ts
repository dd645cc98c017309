import { freemem } from 'node:os';
import { AppError } from '../../../shared/contract';
import { cfg, concatBatch, gaussianNoise, schedulerForPipeline, startIndexForStrength, usesGuidance } from '../../../shared/diffusion';
import type { Raster } from '../../../shared/preview/raster';
import type { FoundPack } from '../models/discovery';
import { loadOrt, type Ort } from '../ort';
import { loadPackTokenizer } from '../refine/targets';
import { firstFrameLatent, trajectoryData } from './conditions';
import { isOutOfMemory, memoryIsTight, outOfMemoryError } from './memory';
import { checkRequest, type Pipeline, type RenderContext, type RenderRequest, type RenderResult } from './request';
import { type PackSessions, releaseAllSessions, sessionsFor } from './sessions';
import { framesToVideo, latentThumbnail, videoToFrames } from './video-tensor';

export type { RenderConditions, RenderContext, RenderRequest, RenderResult, RenderStep } from './request';
export { checkRequest } from './request';

type Tensor = InstanceType<Ort['Tensor']>;
type Graph = FoundPack['manifest']['graphs'][number];

/**
 * The render tier's diffusion pipeline, written against the pack manifest: encode the prompts,
 * prepare the conditions, denoise from seeded noise (or from the noised preview, SDEdit) with the
 * pack's scheduler and classifier-free guidance, decode to frames. Cancellable between steps.
 * Sessions stay loaded for the next render unless memory is tight.
 */
export async function renderVideo(pack: FoundPack, request: RenderRequest, ctx: RenderContext = {}): Promise<RenderResult> {
  const p = checkRequest(pack.manifest, request);
  const loaded = loadOrt();
  if ('error' in loaded) throw new AppError('unsupported', loaded.error, 'Run `physstudio doctor`.');
  const sessions = await sessionsFor(loaded.ort, pack, ctx.forcedProvider ?? null);
  try {
    return await new Render(loaded.ort, sessions, p, request, ctx).run();
  } catch (err) {
    if (ctx.signal?.aborted) throw new AppError('cancelled', 'The render was cancelled.');
    if (isOutOfMemory(err)) {
      // Whatever was loaded is what did not fit: give it all back so the engine (and the next try) has room.
      await releaseAllSessions();
      throw outOfMemoryError(pack.manifest.name, request);
    }
    throw err;
  }
}

/**
 * A graph's output must have the size the pipeline's layout implies: a VAE that makes another
 * frame count or scale would otherwise give black frames or fail deep in the maths.
 */
function sized(data: Float32Array, dims: number[], graph: Graph | undefined, what: string): Float32Array {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) {
    throw new AppError(
      'integrity',
      `${graph?.file ?? 'A graph'}: ${what} has ${data.length} numbers, but [${dims.join(', ')}] needs ${expected}.`,
      'Check the pack’s latent scales (spatialScale, temporalScale, channels) against the model.',
    );
  }
  return data;
}

class Render {
  private readonly graphs: Map<string, Graph>;
  private readonly accepts: Set<string>;
  private readonly guided: boolean;
  private readonly batch: number;
  private readonly latentDims: number[];
  private readonly latentSize: number;

  constructor(
    private readonly ort: Ort,
    private readonly sessions: PackSessions,
    private readonly p: Pipeline,
    private readonly r: RenderRequest,
    private readonly ctx: RenderContext,
  ) {
    this.graphs = new Map(sessions.pack.manifest.graphs.map((g) => [g.role, g]));
    this.accepts = new Set(sessions.pack.manifest.conditions);
    this.guided = usesGuidance(r.guidance);
    this.batch = this.guided ? 2 : 1;
    const s = p.latent.spatialScale;
    this.latentDims = [1, p.latent.channels, 1 + (r.frames - 1) / p.latent.temporalScale, r.height / s, r.width / s];
    this.latentSize = this.latentDims.reduce((a, b) => a * b, 1);
  }

  private f32(data: Float32Array, dims: number[]): Tensor {
    return new this.ort.Tensor('float32', data, dims);
  }

  private wants(name: string): boolean {
    return this.graphs.get('denoiser')?.inputs.some((i) => i.name === name) ?? false;
  }

  private get tight(): boolean {
    return memoryIsTight((this.ctx.freeMemory ?? freemem)(), this.sessions.pack.manifest.providers.minMemoryBytes);
  }

  private async session(role: string) {
    this.ctx.onStage?.(`loading the ${role.replace('_', ' ')}`);
    return this.sessions.get(role);
  }

  /** Prompt states for [negative, prompt] (guided) or [prompt]: padded to one length, as one batch. */
  private async encodeText(): Promise<Tensor> {
    const tokenizer = await loadPackTokenizer(this.sessions.pack);
    const max = this.sessions.pack.manifest.tokenizer?.maxTokens ?? 77;
    const texts = this.guided ? [this.r.negativePrompt, this.r.prompt] : [this.r.prompt];
    const ids = texts.map((t) => tokenizer.encode(t).slice(0, max));
    const length = Math.max(1, ...ids.map((i) => i.length));
    const graph = this.graphs.get('text_encoder');
    const idSpec = graph?.inputs.find((i) => i.name !== 'attention_mask') ?? graph?.inputs[0];
    const flat = ids.flatMap((i) => [...i, ...Array<number>(length - i.length).fill(tokenizer.padId)]);
    const mask = ids.flatMap((i) => [...Array<number>(i.length).fill(1), ...Array<number>(length - i.length).fill(0)]);
    const intTensor = (values: number[]) =>
      idSpec?.dtype === 'int32'
        ? new this.ort.Tensor('int32', Int32Array.from(values), [this.batch, length])
        : new this.ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [this.batch, length]);
    const feeds: Record<string, Tensor> = { [idSpec?.name ?? 'input_ids']: intTensor(flat) };
    if (graph?.inputs.some((i) => i.name === 'attention_mask')) feeds.attention_mask = intTensor(mask);
    const session = await this.session('text_encoder');
    this.ctx.onStage?.('encoding the prompt');
    const out = await session.run(feeds);
    const hidden = out[graph?.outputs[0]?.name ?? 'last_hidden_state'] as Tensor;
    // The text encoder is not needed again in this render; give its memory back when memory is short.
    if (this.tight) await this.sessions.release('text_encoder');
    return hidden;
  }

  private async encodeVideo(frames: Raster[]): Promise<Float32Array> {
    const graph = this.graphs.get('vae_encoder');
    const session = await this.session('vae_encoder');
    const out = await session.run({ [graph?.inputs[0]?.name ?? 'video']: this.f32(framesToVideo(frames), [1, 3, frames.length, this.r.height, this.r.width]) });
    const latent = this.output(out, graph, 'latent');
    const [, C, , LH, LW] = this.latentDims as [number, number, number, number, number];
    const dims = [1, C, 1 + (frames.length - 1) / this.p.latent.temporalScale, LH, LW];
    return sized(latent, dims, graph, 'its latent');
  }

  private output(out: Record<string, unknown>, graph: Graph | undefined, fallback: string): Float32Array {
    const name = graph?.outputs[0]?.name ?? fallback;
    const tensor = out[name] as Tensor | undefined;
    if (!tensor || !(tensor.data instanceof Float32Array)) {
      throw new AppError(
        'integrity',
        `${graph?.file ?? fallback}: its output "${name}" is missing or not float32.`,
        'The manifest does not describe this model.',
      );
    }
    return tensor.data;
  }

  async run(): Promise<RenderResult> {
    const { p, r } = this;
    const [, C, LF, LH, LW] = this.latentDims as [number, number, number, number, number];
    const hidden = await this.encodeText();
    const canEncode = this.sessions.has('vae_encoder');

    const applied = { image: false, physicsTokens: false, trajectories: false, initVideo: false };
    let imageLatent: Float32Array = new Float32Array(this.latentSize);
    if (r.image && this.accepts.has('image') && this.wants('image_latent') && canEncode) {
      this.ctx.onStage?.('encoding the picture');
      imageLatent = firstFrameLatent(await this.encodeVideo([r.image]), C, LF, LH * LW, p.latent.scaling);
      applied.image = true;
    }

    const { physicsTokens, trajectories, init } = r.conditions;
    const tokenDim = Number(
      this.graphs
        .get('denoiser')
        ?.inputs.find((i) => i.name === 'physics_tokens')
        ?.shape.at(-1) ?? 0,
    );
    const useTokens = !!physicsTokens && this.accepts.has('physicsTokens') && this.wants('physics_tokens');
    if (useTokens && tokenDim && physicsTokens.length !== tokenDim) {
      throw new AppError(
        'unsupported',
        `${this.sessions.pack.manifest.name} takes physics tokens of ${tokenDim} numbers; the scene embedding has ${physicsTokens.length}.`,
        'This pack was made for another PhysEncoder layout; turn physics tokens off for it.',
      );
    }
    const tokens = useTokens ? Float32Array.from(physicsTokens) : new Float32Array(0);
    applied.physicsTokens = useTokens;
    const paths = trajectories && this.accepts.has('trajectories') && this.wants('trajectories') ? trajectories : [];
    applied.trajectories = paths.length > 0;

    const scheduler = schedulerForPipeline(p, r.steps);
    const noise = gaussianNoise(this.latentSize, r.seed);
    let start = 0;
    let x = noise;
    if (init && this.accepts.has('initVideo') && canEncode) {
      this.ctx.onStage?.('encoding the physics preview');
      start = startIndexForStrength(r.steps, init.strength);
      const clean = (await this.encodeVideo(init.frames.slice(0, r.frames))).map((v) => v * p.latent.scaling);
      x = scheduler.addNoise(clean, noise, start);
      applied.initVideo = true;
    }
    if (this.tight && canEncode) await this.sessions.release('vae_encoder');

    // Conditioning is in both halves of a guided batch: guidance contrasts the prompt alone.
    const both = (data: Float32Array) => (this.guided ? concatBatch([data, data]) : data);
    const fixed: Record<string, Tensor> = {};
    const latentBatch = [this.batch, ...this.latentDims.slice(1)];
    if (this.wants('encoder_hidden_states')) fixed.encoder_hidden_states = hidden;
    if (this.wants('physics_tokens')) fixed.physics_tokens = this.f32(both(tokens), [this.batch, tokens.length ? 1 : 0, tokenDim]);
    if (this.wants('trajectories')) fixed.trajectories = this.f32(both(trajectoryData(paths, r.frames)), [this.batch, paths.length, r.frames, 2]);
    if (this.wants('image_latent')) fixed.image_latent = this.f32(both(imageLatent), latentBatch);

    const denoiser = await this.session('denoiser');
    const outputName = this.graphs.get('denoiser')?.outputs[0]?.name ?? 'velocity';
    // One buffer holds the sample for every batch half; each step writes the new sample into it in place.
    const batched = new Float32Array(this.latentSize * this.batch);
    const sample = this.f32(batched, latentBatch);
    const timestep = new Float32Array(this.batch);
    const timestepTensor = this.f32(timestep, [this.batch]);
    const stepMs: number[] = [];
    const ortMs: number[] = [];
    const timesteps = scheduler.timesteps;
    for (let i = start; i < timesteps.length; i++) {
      this.ctx.signal?.throwIfAborted();
      const t0 = performance.now();
      batched.set(x, 0);
      if (this.guided) batched.set(x, this.latentSize);
      timestep.fill(timesteps[i] ?? 0);
      const t1 = performance.now();
      const out = await denoiser.run({ ...fixed, sample, timestep: timestepTensor });
      const t2 = performance.now();
      const prediction = sized(this.output(out, this.graphs.get('denoiser'), outputName), latentBatch, this.graphs.get('denoiser'), 'its prediction');
      // Guided in place into the unconditional half: no latent-sized allocation per step.
      const guidedPrediction = this.guided
        ? cfg(prediction.subarray(0, this.latentSize), prediction.subarray(this.latentSize), r.guidance, prediction.subarray(0, this.latentSize))
        : prediction;
      x = scheduler.step(guidedPrediction, i, x);
      this.ctx.onStep?.({ step: i + 1 - start, steps: timesteps.length - start, thumbnail: latentThumbnail(x, C, LH, LW) });
      ortMs.push(t2 - t1);
      stepMs.push(performance.now() - t0);
    }
    this.ctx.signal?.throwIfAborted();
    if (this.tight) await this.sessions.release('denoiser');

    const decoder = this.graphs.get('vae_decoder');
    const session = await this.session('vae_decoder');
    this.ctx.onStage?.('decoding frames');
    const decoded = await session.run({
      [decoder?.inputs[0]?.name ?? 'latent']: this.f32(
        x.map((v) => v / p.latent.scaling),
        this.latentDims,
      ),
    });
    if (this.tight) await this.sessions.release('vae_decoder');
    const video = sized(this.output(decoded, decoder, 'video'), [1, 3, r.frames, r.height, r.width], decoder, 'its video');
    return {
      frames: videoToFrames(video, r.frames, r.width, r.height),
      provider: this.sessions.provider ?? 'cpu',
      fallbacks: this.sessions.fallbacks,
      stepMs,
      ortMs,
      latent: x,
      applied,
    };
  }
}
