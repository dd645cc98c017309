import { AppError } from '../../../shared/contract';
import type { ExecutionProvider, ModelManifest } from '../../../shared/models/manifest';
import type { Raster } from '../../../shared/preview/raster';

/** What conditions the physics-conditioned render; the baseline render gets none of it. */
export interface RenderConditions {
  /** The Scene embedding, for packs that take physics tokens. */
  physicsTokens: number[] | null;
  /** Object paths in 0..1 image coordinates, one point per preview frame, for trajectory-controlled packs. */
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

export const NO_CONDITIONS: RenderConditions = { physicsTokens: null, trajectories: null, init: null };

export interface RenderStep {
  step: number;
  steps: number;
  thumbnail: Raster;
}

export interface RenderContext {
  signal?: AbortSignal;
  forcedProvider?: ExecutionProvider | null;
  onStep?: (step: RenderStep) => void;
  /** Named stages before the loop (loading a graph, encoding the prompt), for progress. */
  onStage?: (stage: string) => void;
  /** Free memory in bytes; the memory policy asks it (tests pass their own). */
  freeMemory?: () => number;
}

export interface RenderResult {
  frames: Raster[];
  provider: ExecutionProvider;
  fallbacks: string[];
  /** Per denoising step: wall time and the time inside onnxruntime, to see the pipeline's own overhead. */
  stepMs: number[];
  ortMs: number[];
  /** The final latent, scaled as the denoiser saw it (before the decoder's un-scaling). */
  latent: Float32Array;
  /** Conditions the pack actually received (it may not accept all that were asked for). */
  applied: { image: boolean; physicsTokens: boolean; trajectories: boolean; initVideo: boolean };
}

export type Pipeline = NonNullable<ModelManifest['pipeline']>;

/** The nearest frame count a pack makes: one more than a multiple of its temporal scale, within its limits. */
export function nearestFrames(p: Pipeline, frames: number): number {
  const ts = p.latent.temporalScale;
  const lo = p.frames.min + ((ts - ((p.frames.min - 1) % ts)) % ts);
  const hi = p.frames.max - ((p.frames.max - 1) % ts);
  return Math.min(hi, Math.max(lo, 1 + Math.round((frames - 1) / ts) * ts));
}

/** The render size for a picture: the long side as asked, the short side following its shape, both on the pack's grid. */
export function renderSize(p: Pipeline, image: { width: number; height: number }, longSide: number): { width: number; height: number } {
  const { min, max, multipleOf } = p.resolution;
  const snap = (v: number) => Math.min(max - (max % multipleOf), Math.max(Math.ceil(min / multipleOf) * multipleOf, Math.round(v / multipleOf) * multipleOf));
  const long = snap(longSide);
  const ratio = Math.min(image.width, image.height) / Math.max(image.width, image.height);
  const short = snap(long * ratio);
  return image.width >= image.height ? { width: long, height: short } : { width: short, height: long };
}

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
    throw new AppError(
      'bad_request',
      `${manifest.name} makes ${p.frames.min}–${p.frames.max} frames, one more than a multiple of ${ts}; ${r.frames} is not.`,
      `Try ${nearestFrames(p, r.frames)}.`,
    );
  }
  if (!Number.isInteger(r.steps) || r.steps < 1 || r.steps > 200) throw new AppError('bad_request', 'Steps must be a whole number from 1 to 200.');
  return p;
}
