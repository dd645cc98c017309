import { z } from 'zod';
import { BatchReportSchema } from '../batch/schema';
import { PixelEvaluationSchema } from '../evaluate/schema';
import { RefinementSchema } from '../refine/schema';
import { RunSchema } from '../run/schema';
import {
  BatchImageRequestSchema,
  BatchImageResultSchema,
  BatchRecordRequestSchema,
  BatchRefSchema,
  BatchReportFilesSchema,
  BatchSummarySchema,
  BatchWriteReportRequestSchema,
  ContactSheetRequestSchema,
  ContactSheetResultSchema,
  DatasetRequestSchema,
  DatasetResultSchema,
} from './batch-schemas';
import { CHANNEL_NAMES as NAMES } from './channel-names';
import { EvaluateClipRequestSchema } from './evaluate-schemas';
import { MAX_REQUEST_BYTES } from './limits';
import { ObjectEditRequestSchema, ObjectEditResultSchema } from './object-edit-schemas';
import {
  DeleteRunResultSchema,
  DiscardFramesRequestSchema,
  DiscardFramesResultSchema,
  DrawRequestSchema,
  DrawResultSchema,
  ExportRequestSchema,
  ExportResultSchema,
  FrameStreamSchema,
  FramesRequestSchema,
  GenerateRequestSchema,
  PreferRequestSchema,
  RenderRequestSchema,
  RenderStepSchema,
  ReproduceRequestSchema,
  ReproduceResultSchema,
  RunRefSchema,
  RunSummarySchema,
  SampleOpenResultSchema,
  SampleSchema,
  StoreMediaRequestSchema,
} from './run-schemas';
import {
  AddObjectRequestSchema,
  AddObjectResultSchema,
  CancelRequestSchema,
  CancelResultSchema,
  DoctorReportSchema,
  EmptySchema,
  EngineStatusSchema,
  ImportPackRequestSchema,
  ImportRequestSchema,
  ImportResultSchema,
  JobProgressSchema,
  PackSummarySchema,
  PerceiveRequestSchema,
  PerceptionSchema,
  PingResultSchema,
  RefineRequestSchema,
  RefineTargetSchema,
  RefineTokenSchema,
  RemovePackRequestSchema,
  SettingsUpdateSchema,
  SimulateRequestSchema,
  SimulateResultSchema,
  UiCommandSchema,
  UserSettingsSchema,
  VerifyRequestSchema,
  VerifyResultSchema,
} from './schemas';

/**
 * The one contract. Every host (Electron IPC, the browser host, the CLI) and the engine are
 * built from this table; adding a channel here is a compile error until the engine handles it
 * and the preload exposes it (see test/unit/contract.types.test.ts).
 *
 * `timeoutMs` bounds how long a host waits for the engine. Jobs (`job: true`) carry a `jobId`
 * in their input, report progress as `job.progress` events and can be cancelled.
 */
export const channels = {
  'system.ping': { input: EmptySchema, output: PingResultSchema, timeoutMs: 5_000, job: false },
  'system.doctor': { input: EmptySchema, output: DoctorReportSchema, timeoutMs: 60_000, job: false },
  // Answered by the host's engine client, which replaces the engine process (the UI's "Restart engine").
  'engine.restart': { input: EmptySchema, output: EngineStatusSchema, timeoutMs: 60_000, job: false },
  'models.list': { input: EmptySchema, output: z.array(PackSummarySchema), timeoutMs: 15_000, job: false },
  'models.verify': { input: VerifyRequestSchema, output: VerifyResultSchema, timeoutMs: 6 * 3_600_000, job: true },
  'models.import': { input: ImportPackRequestSchema, output: PackSummarySchema, timeoutMs: 6 * 3_600_000, job: true },
  'models.remove': { input: RemovePackRequestSchema, output: z.object({ removed: z.string() }).strict(), timeoutMs: 120_000, job: false },
  'settings.get': { input: EmptySchema, output: UserSettingsSchema, timeoutMs: 15_000, job: false },
  'settings.update': { input: SettingsUpdateSchema, output: UserSettingsSchema, timeoutMs: 15_000, job: false },
  'jobs.cancel': { input: CancelRequestSchema, output: CancelResultSchema, timeoutMs: 5_000, job: false },
  // The LLM backend's own limit (settings, default 30 s) is enforced in the engine; this bounds the wait.
  'prompt.refine': { input: RefineRequestSchema, output: RefinementSchema, timeoutMs: 180_000, job: true },
  'prompt.targets': { input: EmptySchema, output: z.array(RefineTargetSchema), timeoutMs: 15_000, job: false },
  // Brush, merge, material and preset edits of one object: its outline and derived mass.
  'scene.editObject': { input: ObjectEditRequestSchema, output: ObjectEditResultSchema, timeoutMs: 30_000, job: false },
  'scene.perceive': { input: PerceiveRequestSchema, output: PerceptionSchema, timeoutMs: 120_000, job: true },
  // The one request that carries a file: up to 100 MB of image as base64 (2 bytes per char in memory).
  'inputs.import': { input: ImportRequestSchema, output: ImportResultSchema, timeoutMs: 60_000, job: false, maxBytes: 300 * 1024 * 1024 },
  'scene.simulate': { input: SimulateRequestSchema, output: SimulateResultSchema, timeoutMs: 30_000, job: false },
  'scene.addObject': { input: AddObjectRequestSchema, output: AddObjectResultSchema, timeoutMs: 30_000, job: false },
  'scene.draw': { input: DrawRequestSchema, output: DrawResultSchema, timeoutMs: 60_000, job: false },
  // A scene's masks can be large; 16 MiB covers 64 objects at full resolution.
  'preview.generate': { input: GenerateRequestSchema, output: RunSchema, timeoutMs: 600_000, job: true, maxBytes: 16 * 1024 * 1024 },
  // A render can wait in the queue for the GPU and then run for a long time on a slow machine.
  'render.generate': { input: RenderRequestSchema, output: RunSchema, timeoutMs: 12 * 3_600_000, job: true, maxBytes: 16 * 1024 * 1024 },
  'runs.list': { input: EmptySchema, output: z.array(RunSummarySchema), timeoutMs: 15_000, job: false },
  'runs.get': { input: RunRefSchema, output: RunSchema, timeoutMs: 15_000, job: false },
  'runs.frames': { input: FramesRequestSchema, output: FrameStreamSchema, timeoutMs: 600_000, job: true },
  // Encoded clips come back from the renderer's encoder: up to 100 MB as base64.
  'runs.storeMedia': { input: StoreMediaRequestSchema, output: RunSchema, timeoutMs: 120_000, job: false, maxBytes: 300 * 1024 * 1024 },
  'runs.export': { input: ExportRequestSchema, output: ExportResultSchema, timeoutMs: 600_000, job: true },
  'runs.reproduce': { input: ReproduceRequestSchema, output: ReproduceResultSchema, timeoutMs: 600_000, job: true, maxBytes: 16 * 1024 * 1024 },
  'runs.prefer': { input: PreferRequestSchema, output: RunSchema, timeoutMs: 15_000, job: false },
  'runs.delete': { input: RunRefSchema, output: DeleteRunResultSchema, timeoutMs: 60_000, job: false },
  'runs.discardFrames': { input: DiscardFramesRequestSchema, output: DiscardFramesResultSchema, timeoutMs: 15_000, job: false },
  'samples.list': { input: EmptySchema, output: z.array(SampleSchema), timeoutMs: 15_000, job: false },
  // Batches (issue 16): contact sheets for a case, the library's list of batches, reports and preference datasets.
  'runs.contactSheet': { input: ContactSheetRequestSchema, output: ContactSheetResultSchema, timeoutMs: 600_000, job: true },
  'batches.record': { input: BatchRecordRequestSchema, output: BatchSummarySchema, timeoutMs: 30_000, job: false },
  'batches.list': { input: EmptySchema, output: z.array(BatchSummarySchema), timeoutMs: 60_000, job: false },
  'batches.report': { input: BatchRefSchema, output: BatchReportSchema, timeoutMs: 60_000, job: false },
  'batches.runs': { input: BatchRefSchema, output: z.array(RunSummarySchema), timeoutMs: 120_000, job: false },
  'batches.image': { input: BatchImageRequestSchema, output: BatchImageResultSchema, timeoutMs: 15_000, job: false },
  'batches.writeReport': { input: BatchWriteReportRequestSchema, output: BatchReportFilesSchema, timeoutMs: 600_000, job: true },
  'batches.dataset': { input: DatasetRequestSchema, output: DatasetResultSchema, timeoutMs: 3_600_000, job: true },
  'samples.open': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: SampleOpenResultSchema, timeoutMs: 60_000, job: false },
  // Decoded, downscaled frames of a dropped-in video: up to 600 frames of 256×256 RGBA as base64 (2 bytes a char in memory).
  'clips.evaluate': { input: EvaluateClipRequestSchema, output: PixelEvaluationSchema, timeoutMs: 300_000, job: true, maxBytes: 460 * 1024 * 1024 },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; timeoutMs: number; job: boolean; maxBytes?: number }>;

/** Events pushed from the engine (or the host) to every connected UI. */
export const events = {
  'job.progress': JobProgressSchema,
  'engine.status': EngineStatusSchema,
  /** Streamed text of a running LLM refinement. */
  'refine.token': RefineTokenSchema,
  'ui.command': UiCommandSchema,
  /** Each denoising step of a running render, with a latent thumbnail. */
  'render.step': RenderStepSchema,
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type Input<C extends Channel> = z.input<Channels[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type Output<C extends Channel> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchTable: SameKeys<(typeof NAMES)[number], Channel> = true;
void namesMatchTable;

export const CHANNEL_NAMES: readonly Channel[] = NAMES;

/** The largest request a channel accepts (approximate in-memory size); 1 MiB unless it says otherwise. */
export function maxRequestBytes(channel: Channel): number {
  const spec = channels[channel] as { maxBytes?: number };
  return spec.maxBytes ?? MAX_REQUEST_BYTES;
}
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
