import { z } from 'zod';
import { SceneSchema } from '../scene/schema';
import { MAX_ID_LENGTH } from './limits';

/** The longest side of frames sent to be judged (the evaluator reduces to 192 anyway). */
export const EVALUATE_MAX_SIDE = 256;
/** Up to 20 s at 30 fps: longer clips are judged on their start. */
export const EVALUATE_MAX_FRAMES = 600;

/**
 * "Evaluate any clip": frames the renderer decoded from a video the user dropped in (WebCodecs),
 * downscaled and sent raw, with the scene perceived in its first frame (or in the first-frame
 * image the user gave). RGBA, frame after frame, as base64.
 */
export const EvaluateClipRequestSchema = z
  .object({
    frames: z
      .object({
        width: z.number().int().min(16).max(EVALUATE_MAX_SIDE),
        height: z.number().int().min(16).max(EVALUATE_MAX_SIDE),
        fps: z.number().min(1).max(240),
        count: z.number().int().min(2).max(EVALUATE_MAX_FRAMES),
        dataBase64: z
          .string()
          .min(1)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      })
      .strict()
      .refine((f) => Math.floor((f.dataBase64.length * 3) / 4) - (f.dataBase64.match(/=*$/)?.[0].length ?? 0) === f.width * f.height * 4 * f.count, {
        message: 'dataBase64 must hold exactly width × height × 4 × count bytes',
      }),
    scene: SceneSchema,
    /** What the clip was meant to show; judged as the prompt asks. Empty: intent is not judged. */
    prompt: z.string().max(20_000),
    /** The file's name, for the result's title. */
    name: z.string().max(255).optional(),
    jobId: z.string().min(1).max(MAX_ID_LENGTH),
  })
  .strict();
export type EvaluateClipRequest = z.infer<typeof EvaluateClipRequestSchema>;
