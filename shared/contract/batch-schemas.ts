import { z } from 'zod';
import { BatchOptionsSchema } from '../batch/schema';
import { VariantSchema } from '../run/schema';
import { JobIdSchema } from './schemas';

const RunIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const BatchIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const AbsDirSchema = z.string().min(1).max(4096);

/** A contact sheet and the first frame of one clip, written into `dir` (a batch's case folder). */
export const ContactSheetRequestSchema = z
  .object({
    runId: RunIdSchema,
    which: VariantSchema,
    dir: AbsDirSchema,
    count: z.number().int().min(1).max(64).optional(),
    columns: z.number().int().min(1).max(16).optional(),
    thumbWidth: z.number().int().min(16).max(1024).optional(),
    jobId: JobIdSchema,
  })
  .strict();
export const ContactSheetResultSchema = z.object({ sheet: z.string(), firstFrame: z.string() }).strict();

/** Tells the library a batch exists (the CLI does, when a batch starts), so History can show it. */
export const BatchRecordRequestSchema = z.object({ id: BatchIdSchema, title: z.string().max(255), dir: AbsDirSchema, createdAt: z.string().max(64) }).strict();

export const BatchSummarySchema = z
  .object({
    id: BatchIdSchema,
    title: z.string(),
    dir: z.string(),
    createdAt: z.string(),
    options: BatchOptionsSchema.nullable(),
    cases: z.number().int().nonnegative(),
    ok: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** Runs of the batch's finished cases, in case order; what the grid and the judging view show. */
    runIds: z.array(RunIdSchema),
    /** The folder is gone or unreadable (moved, unplugged); the entry stays so the user can see why. */
    missing: z.boolean(),
  })
  .strict();
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

export const BatchRefSchema = z.object({ id: BatchIdSchema }).strict();

/** One image of a batch's folder (a contact sheet), as a data URL: batch folders are outside the library the media route serves. */
export const BatchImageRequestSchema = z.object({ id: BatchIdSchema, path: z.string().min(1).max(1024) }).strict();
export const BatchImageResultSchema = z.object({ dataUrl: z.string() }).strict();

export const BatchWriteReportRequestSchema = z.object({ dir: AbsDirSchema, jobId: JobIdSchema }).strict();
export const BatchReportFilesSchema = z.object({ html: z.string(), csv: z.string(), json: z.string() }).strict();

export const DatasetRequestSchema = z
  .object({
    /** The batch folder whose judged pairs become rows. */
    dir: AbsDirSchema,
    /** The dataset folder to write (must be empty or absent). */
    out: AbsDirSchema,
    /** Pairs nobody judged become machine-judged rows when the pixel scores differ by at least this many points; null: people only. */
    machineMargin: z.number().min(0).max(100).nullable().optional(),
    jobId: JobIdSchema,
  })
  .strict();
export const DatasetResultSchema = z
  .object({
    dir: z.string(),
    rows: z.number().int().nonnegative(),
    person: z.number().int().nonnegative(),
    machine: z.number().int().nonnegative(),
    /** Finished cases not exported: ties, unjudged with a small margin, failed cases. */
    left: z.number().int().nonnegative(),
  })
  .strict();
export type DatasetResult = z.infer<typeof DatasetResultSchema>;
