import { z } from 'zod';
import { ALTERNATIVE_STYLES, MATTER_STATES } from './constants';
import { PHENOMENON_IDS } from './taxonomy';

export { ALTERNATIVE_STYLES, MATTER_STATES } from './constants';

export const PhenomenonIdSchema = z.enum(PHENOMENON_IDS as [string, ...string[]]);
export const BranchSchema = z.enum(['mechanics', 'fluids', 'thermal', 'optics', 'chemistry']);

export const MatterStateSchema = z.enum(MATTER_STATES);

export const EntitySchema = z
  .object({
    /** The words in the prompt (or the scene label) that name it. */
    text: z.string().max(200),
    /** Head noun, lower case ("ball"). */
    noun: z.string().max(100),
    material: z.string().max(60).nullable(),
    state: MatterStateSchema,
    properties: z
      .object({
        /** kg/m³ */
        density: z.number().nonnegative().nullable(),
        /** Coefficient of restitution 0..1 */
        elasticity: z.number().min(0).max(1).nullable(),
        friction: z.number().nonnegative().nullable(),
        /** 0 (tough) .. 1 (shatters easily) */
        brittleness: z.number().min(0).max(1).nullable(),
      })
      .strict(),
    source: z.enum(['prompt', 'scene', 'default']),
    /** What a container holds: "water" for "a glass of water" (the contents are an entity too). */
    contents: z.string().max(100).optional(),
  })
  .strict();
export type Entity = z.infer<typeof EntitySchema>;

export const ActionSchema = z
  .object({ text: z.string().max(200), verb: z.string().max(60), subject: z.string().max(100).nullable(), negated: z.boolean() })
  .strict();
export type Action = z.infer<typeof ActionSchema>;

export const PhenomenonSchema = z
  .object({
    id: PhenomenonIdSchema,
    branch: BranchSchema,
    /** One-sentence causal explanation ("… because iron is denser than water"). */
    explanation: z.string().max(400),
    /** The observable consequence it predicts, in visual terms a video model can render. */
    consequence: z.string().max(400),
    /** The words or context that triggered it. */
    trigger: z.string().max(200),
    entities: z.array(z.string().max(100)).max(8),
  })
  .strict();
export type Phenomenon = z.infer<typeof PhenomenonSchema>;

export const ContextSchema = z
  .object({
    gravity: z.enum(['earth', 'moon', 'mars', 'zero']),
    medium: z.enum(['air', 'water', 'vacuum', 'oil', 'honey']),
    timeScale: z.enum(['slow', 'normal', 'fast']),
    surface: z.enum(['normal', 'ice', 'sand', 'mud', 'grass', 'carpet']),
  })
  .strict();
export type Context = z.infer<typeof ContextSchema>;

export const AnalysisSchema = z
  .object({
    entities: z.array(EntitySchema).max(32),
    actions: z.array(ActionSchema).max(32),
    phenomena: z.array(PhenomenonSchema).max(32),
    sequence: z.array(z.string().max(400)).max(16),
    constraints: z.array(z.string().max(300)).max(16),
    context: ContextSchema,
    /** Visible outcomes that are the absence of a change, with their reason ("the granite does not burn: …"). */
    outcomes: z.array(z.string().max(400)).max(4).optional(),
  })
  .strict();
export type Analysis = z.infer<typeof AnalysisSchema>;

export const DiffOpSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }).strict();
export type DiffOp = z.infer<typeof DiffOpSchema>;

export const TargetSchema = z
  .object({
    id: z.string().max(64),
    name: z.string().max(100),
    /** Total token budget of the model's text encoder, special tokens included. */
    budget: z.number().int().positive(),
    examples: z.string().max(200),
  })
  .strict();
export type Target = z.infer<typeof TargetSchema>;

export const AlternativeSchema = z.object({ style: z.enum(ALTERNATIVE_STYLES), text: z.string().max(4000), tokens: z.number().int().nonnegative() }).strict();

export const RefinementSchema = z
  .object({
    original: z.string().max(20_000),
    refined: z.string().max(8_000),
    target: TargetSchema,
    tokens: z
      .object({
        used: z.number().int().nonnegative(),
        budget: z.number().int().positive(),
        /** `tokenizer`: counted with the target's real tokenizer; `estimate`: the conservative estimate. */
        method: z.enum(['tokenizer', 'estimate']),
      })
      .strict(),
    analysis: AnalysisSchema,
    diff: z.array(DiffOpSchema),
    scores: z.object({ intentKept: z.number().min(0).max(1), physicsCovered: z.number().min(0).max(1) }).strict(),
    alternatives: z.array(AlternativeSchema).max(3),
    backend: z
      .object({
        id: z.enum(['builtin', 'llm']),
        model: z.string().max(200).nullable(),
        /** Why the answer came from another backend than asked for, or what was not analysed. */
        notices: z.array(z.string().max(500)).max(8),
      })
      .strict(),
    /** Whether the analysis understood the prompt's language. */
    analysed: z.boolean(),
  })
  .strict();
export type Refinement = z.infer<typeof RefinementSchema>;

/** What the refiner may use from a perceived scene (the scene issue supplies it). */
export const SceneHintSchema = z
  .object({
    objects: z.array(z.object({ label: z.string().max(100), material: z.string().max(60).nullable(), dynamic: z.boolean() }).strict()).max(64),
  })
  .strict();
export type SceneHint = z.infer<typeof SceneHintSchema>;
