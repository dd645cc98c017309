import { z } from 'zod';
import { PRESET_IDS } from '../scene/presets';
import { PointSchema, SceneObjectSchema } from '../scene/schema';

/**
 * One edit of one object that changes what its mass derives from (its outline, or its material),
 * done in the engine because outlines need opencv and mass needs the perception's volume model.
 * The renderer puts the returned object back into its scene (with undo) and re-predicts.
 */
export const ObjectEditSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('paint'),
      mode: z.enum(['add', 'subtract']),
      /** Brush radius in image pixels. */
      radius: z.number().positive().max(4096),
      /** The stroke in image pixels, as the pointer went. */
      points: z.array(PointSchema).min(1).max(10_000),
    })
    .strict(),
  /** `other` is absorbed into the object: one mask, one outline, one body. */
  z.object({ kind: z.literal('merge'), other: SceneObjectSchema }).strict(),
  z.object({ kind: z.literal('material'), material: z.string().min(1).max(60) }).strict(),
  z.object({ kind: z.literal('preset'), preset: z.enum(PRESET_IDS) }).strict(),
]);
export type ObjectEdit = z.infer<typeof ObjectEditSchema>;

export const ObjectEditRequestSchema = z
  .object({
    image: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).strict(),
    pixelsPerMetre: z.number().positive(),
    object: SceneObjectSchema,
    edit: ObjectEditSchema,
  })
  .strict();

export const ObjectEditResultSchema = z
  .object({
    object: SceneObjectSchema,
    /** The id of the object merged away, to remove from the scene. */
    absorbed: z.string().nullable(),
    /** Something the user should know about the result ("the stroke cut it in two; the smaller piece was dropped"). */
    notice: z.string().nullable(),
  })
  .strict();
