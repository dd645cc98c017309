import { z } from 'zod';
import { ExecutionProviderSchema } from '../models/manifest';

/**
 * Settings of the render tier (a neural video model from a model pack). The seed is the run's
 * own (`GenerateSettings.seed`), so baseline and physics renders always share it.
 */
export const RenderSettingsSchema = z
  .object({
    packId: z.string().min(1).max(128),
    steps: z.number().int().min(1).max(200),
    guidance: z.number().min(0).max(50),
    /** Long side in pixels; the short side follows the picture, both rounded to what the pack takes. */
    size: z.number().int().min(16).max(4096),
    frames: z.number().int().min(1).max(1024),
    negativePrompt: z.string().max(2000),
    /** Which of the physics conditions the physics render gets (where the pack accepts them). */
    physicsTokens: z.boolean(),
    trajectories: z.boolean(),
    /** SDEdit: start from the physics preview noised to this strength (0..1]; null starts from noise. */
    initStrength: z.number().gt(0).max(1).nullable(),
  })
  .strict();
export type RenderSettings = z.infer<typeof RenderSettingsSchema>;

/** What a render run actually did: the pack, the provider it ran on, the conditions applied and its timings. */
export const RenderInfoSchema = z
  .object({
    settings: RenderSettingsSchema,
    pack: z.object({ id: z.string(), name: z.string(), version: z.string() }).strict(),
    provider: ExecutionProviderSchema,
    /** Providers tried before the one used, each with why it failed. */
    fallbacks: z.array(z.string()),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    fps: z.number().int().positive(),
    /** Conditions the physics render received; the baseline render receives none of them. */
    applied: z
      .object({
        image: z.boolean(),
        physicsTokens: z.boolean(),
        trajectories: z.boolean(),
        initVideo: z.boolean(),
      })
      .strict(),
    /** Median wall time of one denoising step, and the share of it spent outside onnxruntime. */
    stepMs: z.number().nonnegative(),
    overheadPct: z.number().nonnegative(),
  })
  .strict();
export type RenderInfo = z.infer<typeof RenderInfoSchema>;

/** What a video pack declares that the settings depend on (PackSummary.video). */
export interface VideoPackLimits {
  defaultSteps: number;
  guidance: number;
  frames: { min: number; max: number; default: number; step: number };
  resolution: { min: number; max: number; multipleOf: number };
  conditions: string[];
}

/** SDEdit strength that keeps the preview's layout and motion but lets the model redraw the look. */
export const DEFAULT_INIT_STRENGTH = 0.7;

/** The pack's own defaults, every physics condition it accepts switched on, 512 px where it fits. */
export function renderDefaults(packId: string, video: VideoPackLimits): RenderSettings {
  const { min, max, multipleOf } = video.resolution;
  const size = Math.min(max - (max % multipleOf), Math.max(min, Math.round(512 / multipleOf) * multipleOf));
  return {
    packId,
    steps: video.defaultSteps,
    guidance: video.guidance,
    size,
    frames: video.frames.default,
    negativePrompt: '',
    physicsTokens: video.conditions.includes('physicsTokens'),
    trajectories: video.conditions.includes('trajectories'),
    initStrength: video.conditions.includes('initVideo') ? DEFAULT_INIT_STRENGTH : null,
  };
}
