import { z } from 'zod';
import { BBoxSchema, PointSchema, RleSchema } from '../scene/schema';

/**
 * The pixel evaluator's record: a physics score measured from a clip's frames alone (plus the
 * objects seen in its first frame and the motion the prompt asks for), never from the simulation
 * that made it. The same judge scores both tiers and any clip a user drops in. docs/metrics.md.
 */

/** Bump when the checks or their tolerances change, so stored scores say which judge made them. */
export const EVALUATOR_VERSION = 'pixel-1';

export const CHECK_IDS = [
  'intent',
  'in_frame',
  'no_teleport',
  'no_vanish_split',
  'gravity_fit',
  'support_penetration',
  'background_stable',
  'artefacts',
] as const;
export const CheckIdSchema = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckIdSchema>;

/** Motions the intent check understands. `none`: the prompt names no motion, so intent is not judged. */
export const INTENT_KINDS = ['fall', 'rise', 'still', 'roll', 'slide', 'push', 'throw', 'bounce', 'topple', 'drift', 'collide', 'none'] as const;
export const IntentKindSchema = z.enum(INTENT_KINDS);
export type IntentKind = z.infer<typeof IntentKindSchema>;

export const EvalIntentSchema = z
  .object({
    kind: IntentKindSchema,
    /** Object ids the prompt's verb moves. Empty: the largest dynamic object. */
    subjectIds: z.array(z.string().max(64)).max(64),
    /** Unit direction in image axes (y down) the prompt names, if any. */
    direction: PointSchema.nullable().optional(),
    /** The prompt says it leaves the frame ("flies out of the picture"), so leaving is no fault. */
    leavesFrame: z.boolean().optional(),
  })
  .strict();
export type EvalIntent = z.infer<typeof EvalIntentSchema>;

/** An object as seen in frame 0: mask and box on the mask's own grid (scaled to the frames by the evaluator). */
export const EvalObjectSchema = z
  .object({
    id: z.string().min(1).max(64),
    label: z.string().max(100),
    mask: RleSchema,
    bbox: BBoxSchema,
    dynamic: z.boolean(),
  })
  .strict();
export type EvalObject = z.infer<typeof EvalObjectSchema>;

/** A support line in frame pixels (an open polyline, y down). */
export const EvalSurfaceSchema = z.object({ id: z.string().max(64), points: z.array(PointSchema).min(2).max(64) }).strict();
export type EvalSurface = z.infer<typeof EvalSurfaceSchema>;

export const CheckSchema = z
  .object({
    id: CheckIdSchema,
    /** Short name for the UI ("Stays in frame"). */
    label: z.string(),
    /** 0..1; 1 is flawless. Meaningless (1) when not applicable. */
    score: z.number().min(0).max(1),
    pass: z.boolean(),
    /** One line for the UI: what was measured and why it passed or failed. */
    reason: z.string(),
    /** False when the clip gives nothing to judge (no free flight, no intent, no surfaces). */
    applicable: z.boolean(),
    /** Weight in the overall score. */
    weight: z.number().nonnegative(),
  })
  .strict();
export type Check = z.infer<typeof CheckSchema>;

/** What the evaluator measured of one object, per frame, in frame pixels; null where it was not found. */
export const MeasuredTrackSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    x: z.array(z.number().nullable()),
    y: z.array(z.number().nullable()),
    /** Visible area in frame pixels (0 where not found). */
    area: z.array(z.number().nonnegative()),
    /** Separate pieces the object appears as. */
    pieces: z.array(z.number().int().nonnegative()),
  })
  .strict();
export type MeasuredTrack = z.infer<typeof MeasuredTrackSchema>;

export const PixelEvaluationSchema = z
  .object({
    version: z.string(),
    /** 0..100: the weighted mean of the applicable checks, capped at 59 when any of them fails. */
    score: z.number().min(0).max(100),
    /** Plausible only when every applicable check passes. */
    verdict: z.enum(['plausible', 'implausible']),
    /** One line: the verdict and the worst check's reason. */
    summary: z.string(),
    checks: z.array(CheckSchema),
    tracks: z.array(MeasuredTrackSchema),
    /** Frame size, rate and count of the clip judged. */
    clip: z
      .object({ width: z.number().int().positive(), height: z.number().int().positive(), fps: z.number().positive(), frames: z.number().int().positive() })
      .strict(),
    /** Pixels per frame pixel the checks ran at (frames are reduced for speed). */
    evalScale: z.number().positive(),
  })
  .strict();
export type PixelEvaluation = z.infer<typeof PixelEvaluationSchema>;
