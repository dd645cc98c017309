import { z } from 'zod';
import { RefinementSchema } from '../refine/schema';
import { RenderSettingsSchema } from '../run/render';
import { GenerateSettingsSchema, RunSchema, VariantSchema } from '../run/schema';
import { SceneSchema } from '../scene/schema';
import { Base64FileSchema, ImportResultSchema, JobIdSchema } from './schemas';

const RunIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const ImagePathSchema = z.string().min(1).max(4096);

/** What both tiers make a run from. */
const RunInputFields = {
  /** The imported image (library path) or, from the CLI, the user's file. */
  image: ImagePathSchema,
  name: z.string().max(255).optional(),
  /** The picture is a scene drawn from the prompt (`scene.draw`), not a photo; recorded in the run's input. Absent: a photo. */
  drawn: z.boolean().optional(),
  /** What the user typed: the baseline's prompt. */
  prompt: z.string().max(20_000),
  /** The refined prompt and its analysis, when the user refined it: the physics clip's prompt. */
  refinement: RefinementSchema.nullable(),
  scene: SceneSchema,
  /** Size, rate, length, seed and drawing options; a render uses the seed (shared by both clips) and the drawing options of its SDEdit start. */
  settings: GenerateSettingsSchema,
};

export const GenerateRequestSchema = z
  .object({
    ...RunInputFields,
    /** Regenerate one clip of an earlier run (after a slider change); the other is kept as it was. */
    only: VariantSchema.optional(),
    baseRunId: RunIdSchema.optional(),
    jobId: JobIdSchema,
  })
  .strict()
  .refine((r) => (r.only === undefined) === (r.baseRunId === undefined), 'give `only` together with `baseRunId`');

/** Both clips from a neural video model (the render tier): the same inputs as the preview, plus the pack's settings. */
export const RenderRequestSchema = z
  .object({
    ...RunInputFields,
    render: RenderSettingsSchema,
    jobId: JobIdSchema,
  })
  .strict();

/** A denoising step of a running render, with a cheap look at its latent (one pixel per latent cell). */
export const RenderStepSchema = z
  .object({
    jobId: JobIdSchema,
    variant: VariantSchema,
    step: z.number().int().positive(),
    steps: z.number().int().positive(),
    width: z.number().int().positive().max(256),
    height: z.number().int().positive().max(256),
    rgbaBase64: z.string().max(256 * 256 * 6),
  })
  .strict();
export type RenderStep = z.infer<typeof RenderStepSchema>;

export const RunSummarySchema = z
  .object({
    id: RunIdSchema,
    createdAt: z.string(),
    name: z.string(),
    prompt: z.string(),
    poster: z.string(),
    scores: z.object({ baseline: z.number(), physics: z.number() }).strict(),
    encoded: z.boolean(),
    tier: z.enum(['preview', 'render']),
    /** Which clip the user judged better, if anyone has (the judging view starts at the first pair nobody has). */
    preference: z.enum(['baseline', 'physics', 'tie']).nullable().optional(),
  })
  .strict();
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunRefSchema = z.object({ id: RunIdSchema }).strict();

export const STREAMS = ['baseline', 'physics', 'composite'] as const;
export const StreamSchema = z.enum(STREAMS);
export type Stream = z.infer<typeof StreamSchema>;

export const FramesRequestSchema = z.object({ runId: RunIdSchema, which: StreamSchema, jobId: JobIdSchema }).strict();
/** Raw RGBA frames in one file, frame after frame, for an encoder to read. */
export const FrameStreamSchema = z
  .object({
    path: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    fps: z.number().int().positive(),
    frames: z.number().int().positive(),
  })
  .strict();
export type FrameStream = z.infer<typeof FrameStreamSchema>;

/** Files a run folder may receive from an encoder outside the engine. */
export const MEDIA_NAMES = ['baseline.webm', 'physics.webm', 'baseline.mp4', 'physics.mp4', 'composite.mp4', 'composite.webm'] as const;
export const StoreMediaRequestSchema = z
  .object({
    runId: RunIdSchema,
    name: z.enum(MEDIA_NAMES),
    dataBase64: Base64FileSchema,
  })
  .strict();

export const EXPORT_FORMATS = ['mp4', 'webm', 'gif', 'png', 'sidecar'] as const;
/** Export quality: `small` (half size), `web` (the default), `master` (full size and rate). */
export const EXPORT_PRESETS = ['small', 'web', 'master'] as const;
export type ExportPreset = (typeof EXPORT_PRESETS)[number];
export const ExportRequestSchema = z
  .object({
    runId: RunIdSchema,
    format: z.enum(EXPORT_FORMATS),
    which: StreamSchema,
    /** Absolute folder to write into (the CLI's --out); without it, the run's own exports folder. */
    dir: z.string().min(1).max(4096).optional(),
    preset: z.enum(EXPORT_PRESETS).optional(),
    jobId: JobIdSchema,
  })
  .strict();
export const ExportResultSchema = z
  .object({
    /** Absolute paths written. */
    files: z.array(z.string()),
    /** The same files relative to the library, when they are inside it (for download links). */
    media: z.array(z.string()),
    encoder: z.enum(['ffmpeg', 'sharp', 'json', 'copy']),
  })
  .strict();
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ReproduceRequestSchema = z.object({ sidecar: z.unknown(), jobId: JobIdSchema }).strict();
export const ReproduceResultSchema = z.object({ run: RunSchema, identical: z.object({ baseline: z.boolean(), physics: z.boolean() }).strict() }).strict();

export const PreferRequestSchema = z.object({ runId: RunIdSchema, preference: z.enum(['baseline', 'physics', 'tie']).nullable() }).strict();

/** The run removed by `runs.delete` (a cancelled generation's, or one the user throws away). */
export const DeleteRunResultSchema = z.object({ deleted: RunIdSchema }).strict();

/** Raw frames rendered again only for an export; kept if the run still lists them as a clip's unencoded source. */
export const DiscardFramesRequestSchema = z.object({ runId: RunIdSchema, which: StreamSchema }).strict();
export const DiscardFramesResultSchema = z.object({ removed: z.boolean() }).strict();

export const SampleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    prompt: z.string(),
    seconds: z.number().optional(),
    licence: z.string(),
  })
  .strict();
export type Sample = z.infer<typeof SampleSchema>;
export const SampleOpenResultSchema = ImportResultSchema.extend({ sample: SampleSchema }).strict();

export { DRAWN_IMAGE_NAME } from '../run/drawn-input';
/** A prompt with no picture: a simple scene drawn from its objects and supports, stored like an import. */
export const DrawRequestSchema = z.object({ prompt: z.string().trim().min(1).max(2000) }).strict();
export const DrawResultSchema = ImportResultSchema.extend({ scene: SceneSchema, notices: z.array(z.string().max(500)), drawn: z.literal(true) }).strict();
