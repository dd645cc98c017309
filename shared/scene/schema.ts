import { z } from 'zod';

/**
 * The `Scene` of DESIGN.md. Positions are image pixels with y pointing down; physical values are
 * SI. `scale` converts between the two. Every physical field records where it came from.
 */
export const PROVENANCES = ['prompt', 'appearance', 'model', 'user', 'default'] as const;
export const ProvenanceSchema = z.enum(PROVENANCES);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const PointSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();
export type Point = z.infer<typeof PointSchema>;

export const BBoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number().nonnegative(), h: z.number().nonnegative() }).strict();
export type BBox = z.infer<typeof BBoxSchema>;

/** Run-length mask, COCO style: alternating runs of 0s and 1s in row-major order, starting with 0s. */
export const RleSchema = z
  .object({ width: z.number().int().nonnegative(), height: z.number().int().nonnegative(), counts: z.array(z.number().int().nonnegative()) })
  .strict();
export type Rle = z.infer<typeof RleSchema>;

export const PhysicalParamsSchema = z
  .object({
    /** kg/m² in the 2-D world (areal density); mass = density × area. */
    density: z.number().positive(),
    mass: z.number().positive(),
    friction: z.number().min(0).max(2),
    restitution: z.number().min(0).max(1),
    linearDamping: z.number().min(0).max(10),
    angularDamping: z.number().min(0).max(10),
  })
  .strict();
export type PhysicalParams = z.infer<typeof PhysicalParamsSchema>;

const PARAM_KEYS = ['label', 'material', 'density', 'mass', 'friction', 'restitution', 'linearDamping', 'angularDamping', 'dynamic', 'velocity'] as const;
export const ObjectProvenanceSchema = z.partialRecord(z.enum(PARAM_KEYS), ProvenanceSchema);

export const SceneObjectSchema = z
  .object({
    id: z.string().min(1).max(64),
    label: z.string().max(100),
    mask: RleSchema,
    bbox: BBoxSchema,
    /** Outline in image pixels, counter-clockwise or clockwise, without repeating the first point. */
    polygon: z.array(PointSchema).min(3).max(512),
    dynamic: z.boolean(),
    material: z.object({ name: z.string().max(60), confidence: z.number().min(0).max(1) }).strict(),
    params: PhysicalParamsSchema,
    /** Initial velocity in image pixels per second (the user's push arrow). */
    velocity: PointSchema,
    provenance: ObjectProvenanceSchema,
  })
  .strict();
export type SceneObject = z.infer<typeof SceneObjectSchema>;

export const SurfaceSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(['ground', 'table', 'shelf', 'wall', 'ramp']),
    /** An open polyline in image pixels; objects collide with its segments. */
    points: z.array(PointSchema).min(2).max(64),
    friction: z.number().min(0).max(2),
    restitution: z.number().min(0).max(1),
    provenance: ProvenanceSchema,
  })
  .strict();
export type Surface = z.infer<typeof SurfaceSchema>;

export const INTERACTION_TYPES = [
  'rests_on',
  'contacts',
  'collides_with',
  'falls_onto',
  'falls_off',
  'slides_on',
  'rolls_on',
  'bounces_on',
  'pushes',
  'topples',
  'sinks_in',
  'floats_on',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const InteractionSchema = z
  .object({
    type: z.enum(INTERACTION_TYPES),
    /** Object id. */
    a: z.string(),
    /** Object or surface id. */
    b: z.string(),
    /** Seconds from the start of the clip. */
    tStart: z.number().nonnegative(),
    tEnd: z.number().nonnegative().optional(),
    /** Strongest contact impulse in N·s, for impacts. */
    impulse: z.number().nonnegative().optional(),
    /** Share of perturbed rollouts that agree (0..1). */
    confidence: z.number().min(0).max(1),
  })
  .strict();
export type Interaction = z.infer<typeof InteractionSchema>;

export const SceneSchema = z
  .object({
    image: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).strict(),
    /** m/s² in image axes (y down): Earth is { x: 0, y: 9.81 }. */
    gravity: PointSchema,
    scale: z.object({ pixelsPerMetre: z.number().positive(), provenance: ProvenanceSchema }).strict(),
    surfaces: z.array(SurfaceSchema).max(32),
    objects: z.array(SceneObjectSchema).max(64),
    interactions: z.array(InteractionSchema).max(512),
    embedding: z.array(z.number()),
    /** What a phys-encoder model pack added, when one is installed. */
    encoder: z
      .object({
        pack: z.string(),
        provider: z.string(),
        embedding: z.array(z.number()),
        material: z.object({ name: z.string(), p: z.number() }).strict().nullable(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Scene = z.infer<typeof SceneSchema>;
