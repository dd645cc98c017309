import { z } from 'zod';

/**
 * The model-pack manifest (`manifest.json` at the root of a pack folder). One format serves
 * every kind of pack; `docs/model-pack.schema.json` is generated from this schema.
 */
export const PACK_KINDS = ['video-generator', 'phys-encoder', 'segmenter', 'text-encoder', 'prompt-llm'] as const;
export const PackKindSchema = z.enum(PACK_KINDS);
export type PackKind = z.infer<typeof PackKindSchema>;

export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;
export const ExecutionProviderSchema = z.enum(EXECUTION_PROVIDERS);
export type ExecutionProvider = z.infer<typeof ExecutionProviderSchema>;

export const CONDITIONS = ['text', 'image', 'physicsTokens', 'trajectories', 'initVideo'] as const;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');

/** Pack-relative path: no absolute paths, no `..` segments, forward slashes only. */
const PackPathSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'must be relative with forward slashes')
  .refine((p) => p.split('/').every((s) => s !== '..' && s !== '.' && s !== ''), 'must not contain . or .. segments');

export const PackFileSchema = z
  .object({
    path: PackPathSchema,
    sha256: Sha256Schema,
    size: z.number().int().nonnegative(),
  })
  .strict();

export const TensorDTypeSchema = z.enum(['float32', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool']);

/** A dimension is a fixed size or a symbolic name (e.g. "batch", "frames"). */
export const DimSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)]);

export const TensorSpecSchema = z.object({ name: z.string().min(1).max(256), dtype: TensorDTypeSchema, shape: z.array(DimSchema).max(8) }).strict();

export const GraphSchema = z
  .object({
    /** Role inside the pipeline, e.g. "text_encoder", "vae_encoder", "denoiser", "vae_decoder", "encoder". */
    role: z.string().min(1).max(64),
    file: PackPathSchema,
    opset: z.number().int().min(7).max(30).optional(),
    inputs: z.array(TensorSpecSchema).min(1),
    outputs: z.array(TensorSpecSchema).min(1),
  })
  .strict();

export const PipelineSchema = z
  .object({
    scheduler: z.enum(['flow-euler', 'ddim']),
    defaultSteps: z.number().int().min(1).max(1000),
    guidance: z.number().min(0).max(50),
    latent: z
      .object({
        channels: z.number().int().positive(),
        /** Spatial downsampling of the VAE (pixels per latent cell). */
        spatialScale: z.number().int().positive(),
        /** Temporal downsampling of the VAE (frames per latent frame). */
        temporalScale: z.number().int().positive(),
        scaling: z.number().positive(),
        shift: z.number().default(0),
      })
      .strict(),
    fps: z.number().int().min(1).max(120),
    frames: z.object({ min: z.number().int().positive(), max: z.number().int().positive(), default: z.number().int().positive() }).strict(),
    resolution: z.object({ min: z.number().int().positive(), max: z.number().int().positive(), multipleOf: z.number().int().positive() }).strict(),
  })
  .strict();

/**
 * How to run a `phys-encoder` pack: which graph, how to prepare the image, which outputs hold the
 * physical embedding and the material logits, and the material each logit stands for.
 */
export const EncoderSpecSchema = z
  .object({
    graph: PackPathSchema,
    input: z
      .object({
        name: z.string().min(1).max(256),
        width: z.number().int().min(8).max(4096),
        height: z.number().int().min(8).max(4096),
        /** Per-channel normalisation of RGB in 0..1: (x − mean) / std. */
        mean: z.tuple([z.number(), z.number(), z.number()]),
        std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
      })
      .strict(),
    outputs: z.object({ embedding: z.string().max(256).optional(), materialLogits: z.string().max(256).optional() }).strict(),
    /** Material names (as in the app's material list) in the order of the logits. */
    materials: z.array(z.string().max(60)).max(256).optional(),
  })
  .strict();
export type EncoderSpec = z.infer<typeof EncoderSpecSchema>;

/** The text encoder's tokenizer, so prompt budgets are counted with the model's real tokens. */
export const TokenizerSpecSchema = z
  .object({
    /** A Hugging Face `tokenizer.json`. */
    file: PackPathSchema,
    /** Its `tokenizer_config.json`, when the model has one. */
    config: PackPathSchema.optional(),
    /** The text encoder's context length, special tokens included. */
    maxTokens: z.number().int().min(8).max(8192),
  })
  .strict();

export const ModelManifestSchema = z
  .object({
    formatVersion: z.literal(1),
    id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-" only'),
    name: z.string().min(1).max(200),
    version: z.string().min(1).max(64),
    license: z.string().min(1).max(200),
    kind: PackKindSchema,
    description: z.string().max(2000).optional(),
    files: z.array(PackFileSchema).min(1).max(1000),
    graphs: z.array(GraphSchema).max(32).default([]),
    pipeline: PipelineSchema.optional(),
    tokenizer: TokenizerSpecSchema.optional(),
    encoder: EncoderSpecSchema.optional(),
    conditions: z.array(z.enum(CONDITIONS)).default([]),
    providers: z
      .object({
        preferred: z.array(ExecutionProviderSchema).default(['cpu']),
        minMemoryBytes: z.number().int().nonnegative().default(0),
      })
      .strict()
      .default({ preferred: ['cpu'], minMemoryBytes: 0 }),
  })
  .strict()
  .superRefine((m, ctx) => {
    const files = new Set(m.files.map((f) => f.path));
    if (files.size !== m.files.length) {
      const twice = m.files.find((f, i) => m.files.findIndex((g) => g.path === f.path) !== i);
      ctx.addIssue({ code: 'custom', path: ['files'], message: `"${twice?.path}" is listed more than once` });
    }
    for (const [key, path] of [
      ['file', m.tokenizer?.file],
      ['config', m.tokenizer?.config],
    ] as const) {
      if (path && !files.has(path)) ctx.addIssue({ code: 'custom', path: ['tokenizer', key], message: `tokenizer ${key} "${path}" is not listed in files` });
    }
    m.graphs.forEach((g, i) => {
      if (!files.has(g.file)) {
        ctx.addIssue({ code: 'custom', path: ['graphs', i, 'file'], message: `graph file "${g.file}" is not listed in files` });
      }
    });
    if (m.encoder && !files.has(m.encoder.graph)) {
      ctx.addIssue({ code: 'custom', path: ['encoder', 'graph'], message: `encoder graph "${m.encoder.graph}" is not listed in files` });
    }
    if (m.kind === 'phys-encoder' && !m.encoder) {
      ctx.addIssue({ code: 'custom', path: ['encoder'], message: 'a phys-encoder pack needs an encoder section' });
    }
    if (m.encoder?.outputs.materialLogits && !m.encoder.materials?.length) {
      ctx.addIssue({ code: 'custom', path: ['encoder', 'materials'], message: 'material logits need the list of materials they stand for' });
    }
    if (m.kind === 'video-generator' && !m.pipeline) {
      ctx.addIssue({ code: 'custom', path: ['pipeline'], message: 'a video-generator pack needs a pipeline section' });
    }
  });
export type ModelManifest = z.infer<typeof ModelManifestSchema>;
