import { z } from 'zod';
import { MOTION_KINDS } from '../motion/intent';
import { GenerateSettingsSchema, VariantSchema } from '../run/schema';

/**
 * Batch runs: the cases a batch is made of, the record each finished case leaves in the batch
 * folder, and the report built from those records. Records are the unit of resumption: a case
 * is done exactly when its record exists.
 */

export const CaseIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64');

/** One case as read from a JSONL line or a folder of images: what to make, before it is made. */
export const BatchCaseSchema = z
  .object({
    id: CaseIdSchema,
    /** Absolute path of the input image. */
    image: z.string().min(1).max(4096),
    prompt: z.string().max(20_000),
    /** Per-case overrides of the batch's settings (a seed sweep, a longer clip). */
    settings: GenerateSettingsSchema.partial().optional(),
  })
  .strict();
export type BatchCase = z.infer<typeof BatchCaseSchema>;

/** What every case of a batch shares; recorded in batch.json so a resumed batch runs the same way. */
export const BatchOptionsSchema = z
  .object({
    tier: z.enum(['preview', 'render']),
    packId: z.string().min(1).max(128).nullable(),
    refine: z.boolean(),
    settings: GenerateSettingsSchema.partial(),
  })
  .strict();
export type BatchOptions = z.infer<typeof BatchOptionsSchema>;

export const BatchManifestSchema = z
  .object({
    kind: z.literal('physstudio.batch'),
    version: z.literal(1),
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    title: z.string().max(255),
    createdAt: z.string(),
    /** The cases file or folder, as given. */
    source: z.string(),
    options: BatchOptionsSchema,
    cases: z.array(BatchCaseSchema),
  })
  .strict();
export type BatchManifest = z.infer<typeof BatchManifestSchema>;

/** One physics check of a clip: from the pixel evaluator when a clip has one, else from the clip's metrics. */
export const CheckSchema = z
  .object({
    id: z.string(),
    score: z.number().min(0).max(100).nullable(),
    /** null when the source gives no pass/fail (the metrics do not). */
    pass: z.boolean().nullable(),
    reason: z.string(),
  })
  .strict();
export type Check = z.infer<typeof CheckSchema>;

export const ScoreSourceSchema = z.enum(['pixel-evaluator', 'metrics']);

export const ClipScoresSchema = z
  .object({
    score: z.number().min(0).max(100),
    source: ScoreSourceSchema,
    verdict: z.string().nullable(),
    checks: z.array(CheckSchema),
  })
  .strict();
export type ClipScores = z.infer<typeof ClipScoresSchema>;

/** Paths are relative to the batch folder, with forward slashes, so the folder can be moved or shared. */
export const CaseClipSchema = z
  .object({
    variant: VariantSchema,
    scores: ClipScoresSchema,
    /** The encoded clip, or the folder of PNG frames when no encoder was available. */
    video: z.string().nullable(),
    sheet: z.string(),
    prompt: z.string(),
  })
  .strict();
export type CaseClip = z.infer<typeof CaseClipSchema>;

export const CaseErrorSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).strict();

export const CaseRecordSchema = z
  .object({
    kind: z.literal('physstudio.case'),
    version: z.literal(1),
    id: CaseIdSchema,
    status: z.enum(['ok', 'error']),
    image: z.string(),
    prompt: z.string(),
    /** Who made it (host name and process id) and when. */
    worker: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    ms: z.number().nonnegative(),
    error: CaseErrorSchema.optional(),
    runId: z.string().optional(),
    refined: z.string().nullable().optional(),
    motionClass: z.enum(MOTION_KINDS).optional(),
    phenomena: z.array(z.string()).optional(),
    seed: z.number().int().optional(),
    settings: GenerateSettingsSchema.optional(),
    tier: z.enum(['preview', 'render']).optional(),
    firstFrame: z.string().optional(),
    sidecar: z.string().optional(),
    clips: z.object({ baseline: CaseClipSchema, physics: CaseClipSchema }).strict().optional(),
    embedding: z.array(z.number()).optional(),
    notices: z.array(z.string()).optional(),
  })
  .strict();
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

export const GroupRowSchema = z
  .object({
    key: z.string(),
    cases: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    meanBaseline: z.number().nullable(),
    meanPhysics: z.number().nullable(),
    /** Cases where the physics clip scored higher, lower, or the same (within 1 point). */
    physicsAhead: z.number().int().nonnegative(),
    baselineAhead: z.number().int().nonnegative(),
    level: z.number().int().nonnegative(),
  })
  .strict();
export type GroupRow = z.infer<typeof GroupRowSchema>;

export const BatchReportSchema = z
  .object({
    kind: z.literal('physstudio.batch-report'),
    version: z.literal(1),
    batch: z.object({ id: z.string(), title: z.string(), createdAt: z.string(), source: z.string(), options: BatchOptionsSchema }).strict(),
    generatedAt: z.string(),
    totals: GroupRowSchema.extend({ pending: z.number().int().nonnegative() }).strict(),
    byMotion: z.array(GroupRowSchema),
    byPhenomenon: z.array(GroupRowSchema),
    cases: z.array(CaseRecordSchema),
  })
  .strict();
export type BatchReport = z.infer<typeof BatchReportSchema>;
