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

/** class/synonym/family: matched a detection's class; colour/position/size/shape/order: picked among unnamed regions by those words. */
export const GROUNDING_VIA = ['class', 'synonym', 'family', 'colour', 'position', 'size', 'shape', 'order', 'user'] as const;
export const GroundingSchema = z
  .object({
    /** Head noun as the prompt names it, singular ("soccer ball"). */
    noun: z.string().max(100),
    /** The whole noun phrase as written ("the red soccer ball" without the article). */
    text: z.string().max(200),
    via: z.enum(GROUNDING_VIA),
  })
  .strict();
export type Grounding = z.infer<typeof GroundingSchema>;

export const MassEstimateSchema = z
  .object({
    shape: z.enum(['sphere', 'cylinder', 'slab']),
    volumeM3: z.number().nonnegative(),
    densityKgM3: z.number().positive(),
    /** One line a person can check: "sphere 7.6 cm across × 880 kg/m³ (typical orange)". */
    basis: z.string().max(200),
  })
  .strict();
export type MassEstimate = z.infer<typeof MassEstimateSchema>;

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
    /** Which noun of the prompt landed on this region, and how it matched (absent: the prompt did not name it). */
    grounding: GroundingSchema.optional(),
    /** What the detector called it (absent for regions from classical segmentation or a click). */
    detection: z
      .object({ cocoClass: z.string().max(40), score: z.number().min(0).max(1), outline: z.enum(['grabcut', 'box']) })
      .strict()
      .optional(),
    /** How its mass was estimated: a volume from the mask under a stated shape, times a density. */
    estimate: MassEstimateSchema.optional(),
    /** Background (touches two image borders or covers most of the frame): static unless the prompt names it. */
    background: z.boolean().optional(),
    /** Id of the object holding this one ("a glass of water": the water is in the glass). */
    containedIn: z.string().max(64).optional(),
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
    scale: z
      .object({
        pixelsPerMetre: z.number().positive(),
        provenance: ProvenanceSchema,
        /** The object of known size the scale comes from: a property of the photo, not of the prompt. */
        reference: z
          .object({ label: z.string().max(100), sizeM: z.number().positive(), objectId: z.string().max(64).optional() })
          .strict()
          .optional(),
      })
      .strict(),
    /**
     * How the photo was taken. 'top-down' (looking straight down at a table or floor): gravity
     * points into the picture, so `gravity` is {0, 0} in the image plane and objects slide and
     * roll in it; nothing falls down the screen. Motion code reads this field. Absent: 'side'.
     */
    view: z.enum(['side', 'top-down']).optional(),
    /** Why the view is what it is: the estimate's cues, or the user's choice. */
    viewSource: z
      .object({ provenance: ProvenanceSchema, reason: z.string().max(300) })
      .strict()
      .optional(),
    /** Id of the object the prompt's motion applies to (absent: no prompt, or its subject was not found). */
    subjectId: z.string().max(64).optional(),
    /** Nouns of the prompt that no region was found for: the user is asked to click them. */
    missing: z.array(z.string().max(100)).max(32).optional(),
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
