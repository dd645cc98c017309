import { z } from 'zod';
import { PixelEvaluationSchema } from '../evaluate/schema';
import { RefinementSchema } from '../refine/schema';
import { SceneSchema } from '../scene/schema';
import { RenderInfoSchema } from './render';

/**
 * `Clip` and `Run` of DESIGN.md. Tracks are plain arrays so a clip survives JSON (the sidecar,
 * the contract) unchanged.
 */

export const VARIANTS = ['baseline', 'physics'] as const;
export const VariantSchema = z.enum(VARIANTS);
export type Variant = z.infer<typeof VariantSchema>;

/** Limits the preview tier accepts; larger requests are capped and the user is told. */
export const PREVIEW_LIMITS = { maxSide: 1024, minSide: 64, fps: { min: 12, max: 30 }, seconds: { min: 1, max: 10 } } as const;

/** Per-object pose at every frame: centroid in image pixels (y down) and angle in radians (clockwise). */
export const ClipTrackSchema = z
  .object({
    id: z.string(),
    x: z.array(z.number()),
    y: z.array(z.number()),
    angle: z.array(z.number()),
  })
  .strict();
export type ClipTrack = z.infer<typeof ClipTrackSchema>;

export const ClipEventSchema = z
  .object({
    /** `impact`: a contact began with a closing speed; `contact`: a resting or sliding contact began; `overlap`: two bodies interpenetrate. */
    type: z.enum(['impact', 'contact', 'overlap']),
    frame: z.number().int().nonnegative(),
    t: z.number().nonnegative(),
    a: z.string(),
    b: z.string(),
    /** N·s, for impacts measured by the simulation. */
    impulse: z.number().nonnegative().optional(),
  })
  .strict();
export type ClipEvent = z.infer<typeof ClipEventSchema>;

const Part = z.object({
  /** 0..100, or null when the clip gives nothing to measure (no free flight, no bounce). */
  score: z.number().min(0).max(100).nullable(),
  /** One sentence in plain words for the breakdown under the player. */
  summary: z.string(),
});

export const MetricsSchema = z
  .object({
    score: z.number().min(0).max(100),
    gravity: Part.extend({
      /** Fitted vertical acceleration during free flight, m/s² (y down). */
      measured: z.number().nullable(),
      expected: z.number(),
      /** Frames of free flight the fit used. */
      frames: z.number().int().nonnegative(),
    }).strict(),
    interpenetration: Part.extend({
      /** Deepest overlap between two bodies, or a body and a surface, in pixels. */
      maxDepthPx: z.number().nonnegative(),
      /** First and last frame with an overlap deeper than the tolerance. */
      span: z.tuple([z.number().int(), z.number().int()]).nullable(),
      frames: z.number().int().nonnegative(),
    }).strict(),
    support: Part.extend({
      violations: z.array(z.object({ id: z.string(), frames: z.number().int().positive(), first: z.number().int().nonnegative() }).strict()),
    }).strict(),
    energy: Part.extend({
      bounces: z.number().int().nonnegative(),
      /** Largest ratio of speed after to speed before a bounce; above 1 means energy was created. */
      maxRestitution: z.number().nonnegative().nullable(),
    }).strict(),
  })
  .strict();
export type Metrics = z.infer<typeof MetricsSchema>;

export const GenerateSettingsSchema = z
  .object({
    /** Long side of the output in pixels; the short side follows the image's aspect ratio (even). */
    size: z.number().int().min(16).max(8192),
    fps: z.number().int().min(1).max(240),
    seconds: z.number().min(0.1).max(600),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    shadows: z.boolean(),
    motionBlur: z.boolean(),
  })
  .strict();
export type GenerateSettings = z.infer<typeof GenerateSettingsSchema>;

export const DEFAULT_SETTINGS: GenerateSettings = { size: 512, fps: 24, seconds: 5, seed: 7, shadows: true, motionBlur: true };

/** Library-relative media paths, served by `media://` and the browser host's `/media/`. */
export const ClipMediaSchema = z
  .object({
    poster: z.string(),
    /** Raw RGBA frames, kept until the clip is encoded. */
    frames: z.string().optional(),
    webm: z.string().optional(),
    mp4: z.string().optional(),
  })
  .strict();

export const ClipSchema = z
  .object({
    variant: VariantSchema,
    tier: z.enum(['preview', 'render']),
    fps: z.number().int().positive(),
    frames: z.number().int().positive(),
    size: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).strict(),
    seed: z.number().int(),
    /** Prompt the clip was conditioned on: the original for the baseline, the refined one for physics. */
    prompt: z.string(),
    /** Pixels of output per pixel of the input image: tracks are in output pixels. */
    scale: z.number().positive(),
    tracks: z.array(ClipTrackSchema),
    events: z.array(ClipEventSchema),
    metrics: MetricsSchema,
    /** The physics score measured from the clip's own frames (shared/evaluate): the score the UI shows. Absent on runs made before it. */
    evaluation: PixelEvaluationSchema.optional(),
    /**
     * How the motion was made, in plain words (e.g. "constant velocity from ‘rolls’, rightwards").
     * For a render clip: what conditioned it, and how its tracks were measured.
     */
    motion: z.array(z.string()),
    /** Real seconds per clip second shown slower: N for "slow motion ×N". Absent: real time. */
    timeScale: z.number().min(1).max(1000).optional(),
    /**
     * Preview clips: the objects cut out as moving layers when the clip was drawn. The motion plan
     * moves only the named object and what it strikes, so the drawn scene differs from the run's
     * `scene` in its dynamic flags; redrawing the clip (exports, contact sheets) needs exactly
     * the drawn one. Kept per clip because a clip carried over from an earlier run keeps its own.
     */
    moving: z.array(z.string()).optional(),
    /** sha256 of the raw frames, so a reproduced run can prove it matches. */
    framesSha256: z.string().regex(/^[0-9a-f]{64}$/),
    media: ClipMediaSchema,
  })
  .strict();
export type Clip = z.infer<typeof ClipSchema>;

export const RunSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    createdAt: z.string(),
    /**
     * `drawn`: the picture is a scene drawn from the prompt, not a photo. Every new run records it;
     * runs made before it lack it (shared/run/drawn-input.ts reads either).
     */
    input: z.object({ image: z.string(), name: z.string(), prompt: z.string(), drawn: z.boolean().optional() }).strict(),
    scene: SceneSchema,
    refinement: RefinementSchema.nullable(),
    settings: GenerateSettingsSchema,
    clips: z.object({ baseline: ClipSchema, physics: ClipSchema }).strict(),
    versions: z.record(z.string(), z.string()),
    timings: z.record(z.string(), z.number()),
    notices: z.array(z.string()),
    preference: z.enum(['baseline', 'physics', 'tie']).nullable(),
    /** Present on render-tier runs: the pack, the provider and the conditions used. */
    render: RenderInfoSchema.optional(),
  })
  .strict();
export type Run = z.infer<typeof RunSchema>;

/** The scene a preview clip's frames were drawn from: the run's scene with only the clip's recorded moving objects dynamic. */
export function drawnScene(run: Pick<Run, 'scene' | 'clips'>, variant: Variant): Run['scene'] {
  const ids = run.clips[variant].moving;
  if (!ids) return run.scene;
  const moving = new Set(ids);
  return { ...run.scene, objects: run.scene.objects.map((o) => (moving.has(o.id) === o.dynamic ? o : { ...o, dynamic: moving.has(o.id) })) };
}
