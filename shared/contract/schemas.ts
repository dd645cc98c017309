import { z } from 'zod';
import { ExecutionProviderSchema, PackKindSchema } from '../models/manifest';
import { SceneHintSchema, TargetSchema } from '../refine/schema';
import { InteractionSchema, SceneSchema } from '../scene/schema';
import { MAX_ID_LENGTH } from './limits';

/** Client-chosen id that ties a long request to its progress events and to cancellation. */
export const JobIdSchema = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only');

export const EmptySchema = z.object({}).strict();

export const ProviderProbeSchema = z
  .object({
    id: ExecutionProviderSchema,
    /** Whether this provider is meaningful on this OS at all (DirectML only exists on Windows). */
    applicable: z.boolean(),
    available: z.boolean(),
    /** Time taken to create a session and run the probe model, when it worked. */
    millis: z.number().nonnegative().optional(),
    error: z.string().optional(),
    /** What the user can do to make it work. */
    hint: z.string().optional(),
  })
  .strict();
export type ProviderProbe = z.infer<typeof ProviderProbeSchema>;

export const GpuInfoSchema = z
  .object({
    name: z.string(),
    vendor: z.string(),
    memoryBytes: z.number().nonnegative().optional(),
    driver: z.string().optional(),
    source: z.string(),
  })
  .strict();
export type GpuInfo = z.infer<typeof GpuInfoSchema>;

export const PackVerificationSchema = z.enum(['unverified', 'verifying', 'verified', 'failed']);

export const PackSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    kind: PackKindSchema,
    license: z.string(),
    folder: z.string(),
    sizeBytes: z.number().nonnegative(),
    fileCount: z.number().int().nonnegative(),
    verification: PackVerificationSchema,
    verificationError: z.string().optional(),
    /** For video generators: what the Render tab needs to offer valid settings. */
    video: z
      .object({
        scheduler: z.string(),
        defaultSteps: z.number().int(),
        guidance: z.number(),
        fps: z.number().int(),
        frames: z.object({ min: z.number().int(), max: z.number().int(), default: z.number().int(), step: z.number().int() }).strict(),
        resolution: z.object({ min: z.number().int(), max: z.number().int(), multipleOf: z.number().int() }).strict(),
        conditions: z.array(z.string()),
        minMemoryBytes: z.number().nonnegative(),
        /** The providers a render tries, in order, on this machine and with the user's forced one. */
        providerOrder: z.array(ExecutionProviderSchema),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PackSummary = z.infer<typeof PackSummarySchema>;

/** A folder that was looked in for packs, and folders holding a broken manifest. */
export const ModelFolderSchema = z
  .object({
    path: z.string(),
    /** `imported`: the app's own folder, where packs dropped into the models manager are copied. */
    source: z.enum(['bundled', 'user', 'imported']),
    exists: z.boolean(),
    packCount: z.number().int().nonnegative(),
    problems: z.array(z.object({ folder: z.string(), message: z.string() }).strict()),
  })
  .strict();
export type ModelFolder = z.infer<typeof ModelFolderSchema>;

export const DoctorReportSchema = z
  .object({
    app: z.object({ name: z.string(), version: z.string() }).strict(),
    versions: z
      .object({
        node: z.string(),
        v8: z.string(),
        electron: z.string().nullable(),
        chrome: z.string().nullable(),
        onnxruntime: z.string().nullable(),
      })
      .strict(),
    platform: z
      .object({
        os: z.string(),
        release: z.string(),
        arch: z.string(),
        cpuModel: z.string(),
        cpuCount: z.number().int().nonnegative(),
        totalMemoryBytes: z.number().nonnegative(),
        freeMemoryBytes: z.number().nonnegative(),
      })
      .strict(),
    engine: z
      .object({
        pid: z.number().int(),
        host: z.enum(['electron-utility', 'node-child']),
        uptimeMs: z.number().nonnegative(),
      })
      .strict(),
    providers: z.array(ProviderProbeSchema),
    /** The provider new sessions will use: the first available one in preference order. */
    activeProvider: ExecutionProviderSchema.nullable(),
    onnxruntimeError: z.string().optional(),
    gpus: z.array(GpuInfoSchema),
    gpuNote: z.string().optional(),
    dataDir: z.string(),
    libraryDir: z.string(),
    modelFolders: z.array(ModelFolderSchema),
    packs: z.array(PackSummarySchema),
  })
  .strict();
export type DoctorReport = z.infer<typeof DoctorReportSchema>;

/** The settings the UI edits: where to look for model packs, and a forced execution provider. */
export const UserSettingsSchema = z
  .object({
    modelFolders: z.array(z.string().min(1).max(4096)).max(32),
    provider: ExecutionProviderSchema.nullable(),
    /** Where imported packs are copied (always searched). */
    importedModelsDir: z.string(),
    /** What was wrong with settings.json (its valid values are still used), for the UI to show. */
    problem: z.string().max(2000).optional(),
    /** Where the damaged settings.json was kept when this update rewrote it. */
    backup: z.string().max(4096).optional(),
  })
  .strict();
export type UserSettings = z.infer<typeof UserSettingsSchema>;
export const SettingsUpdateSchema = z
  .object({
    modelFolders: z.array(z.string().min(1).max(4096)).max(32).optional(),
    provider: ExecutionProviderSchema.nullable().optional(),
  })
  .strict();

/** Copy a pack folder (a dropped folder, or a path) into the app's models folder, verifying as it copies. */
export const ImportPackRequestSchema = z.object({ source: z.string().min(1).max(4096), jobId: JobIdSchema }).strict();
export const RemovePackRequestSchema = z.object({ packId: z.string().min(1).max(MAX_ID_LENGTH) }).strict();

export const PingResultSchema = z.object({ pid: z.number().int(), uptimeMs: z.number().nonnegative() }).strict();

export const VerifyRequestSchema = z.object({ packId: z.string().min(1).max(MAX_ID_LENGTH), jobId: JobIdSchema, force: z.boolean().optional() }).strict();

export const FileCheckSchema = z
  .object({
    path: z.string(),
    status: z.enum(['ok', 'missing', 'size_mismatch', 'hash_mismatch', 'unreadable']),
    cached: z.boolean(),
    message: z.string().optional(),
  })
  .strict();

export const VerifyResultSchema = z
  .object({
    packId: z.string(),
    ok: z.boolean(),
    files: z.array(FileCheckSchema),
    bytesHashed: z.number().nonnegative(),
    millis: z.number().nonnegative(),
  })
  .strict();
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const CancelRequestSchema = z.object({ jobId: JobIdSchema }).strict();
export const CancelResultSchema = z.object({ cancelled: z.boolean() }).strict();

export const JobProgressSchema = z
  .object({
    jobId: JobIdSchema,
    channel: z.string(),
    label: z.string(),
    stage: z.string(),
    /** 0..1, or null while the total is unknown. */
    fraction: z.number().min(0).max(1).nullable(),
    message: z.string().optional(),
  })
  .strict();
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const EngineStatusSchema = z
  .object({
    state: z.enum(['starting', 'ready', 'crashed', 'stopped']),
    pid: z.number().int().nullable(),
    restarts: z.number().int().nonnegative(),
    reason: z.string().optional(),
  })
  .strict();
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

export const UiCommandSchema = z.object({ command: z.enum(['open-system', 'open-models', 'toggle-demo']) }).strict();

export const RefineRequestSchema = z
  .object({
    prompt: z.string().max(20_000),
    /** A built-in target id or a model pack id; the default target when absent. */
    target: z.string().max(MAX_ID_LENGTH).optional(),
    backend: z.enum(['builtin', 'llm']).optional(),
    scene: SceneHintSchema.optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    alternatives: z.boolean().optional(),
    /** Needed to cancel a running LLM refinement and to match its streamed tokens. */
    jobId: JobIdSchema.optional(),
  })
  .strict();

export const RefineTargetSchema = TargetSchema.extend({ counting: z.enum(['tokenizer', 'estimate']), isDefault: z.boolean() }).strict();
export type RefineTarget = z.infer<typeof RefineTargetSchema>;

export const RefineTokenSchema = z.object({ jobId: JobIdSchema, text: z.string().max(4000) }).strict();

export const PerceiveRequestSchema = z
  .object({
    /** Absolute path of an image the user chose (drop, open dialog, CLI argument). */
    image: z.string().min(1).max(4096),
    prompt: z.string().max(20_000).optional(),
    /** Seconds of motion over which to predict interactions. */
    seconds: z.number().min(1).max(10).optional(),
    /** The camera view the user chose in the Scene tab, kept over the estimate. */
    view: z.enum(['side', 'top-down']).optional(),
    /** Perceive a downscaled copy of an image too large to perceive as it is (the error for it names this option). */
    downscale: z.boolean().optional(),
    jobId: JobIdSchema,
  })
  .strict();

export const PerceptionSchema = z
  .object({
    scene: SceneSchema,
    notices: z.array(z.string().max(500)),
    timings: z.object({ decodeMs: z.number(), detectMs: z.number().optional(), segmentMs: z.number(), simulateMs: z.number() }).strict(),
  })
  .strict();
export type Perception = z.infer<typeof PerceptionSchema>;

/** Files (images, encoded clips) travel as base64 so the same request works over IPC, HTTP and the CLI: up to 100 MB. */
export const Base64FileSchema = z
  .string()
  .min(1)
  .max(140 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const ImportRequestSchema = z.object({ name: z.string().min(1).max(255), dataBase64: Base64FileSchema }).strict();
export const ImportResultSchema = z
  .object({ path: z.string(), name: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int(), format: z.string() })
  .strict();

export const SimulateRequestSchema = z
  .object({ scene: SceneSchema, seconds: z.number().min(1).max(10).optional(), ensemble: z.number().int().min(0).max(8).optional() })
  .strict();
export const SimulateResultSchema = z.object({ interactions: z.array(InteractionSchema), embedding: z.array(z.number()), millis: z.number() }).strict();

export const AddObjectRequestSchema = z
  .object({
    /** The imported image the scene was perceived from. */
    image: z.string().min(1).max(4096),
    scene: SceneSchema,
    /** A click inside the object, or a box drawn around it, in image pixels. */
    point: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    box: z.object({ x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() }).strict().optional(),
    /** The prompt's noun the user is pointing out (one of `scene.missing`): the new object carries it. */
    label: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((r) => (r.point === undefined) !== (r.box === undefined), 'give either a point or a box');
export const AddObjectResultSchema = z.object({ scene: SceneSchema, added: z.string().nullable() }).strict();
