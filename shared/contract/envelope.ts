import { z } from 'zod';
import { type AppErrorData, AppErrorDataSchema } from './errors';

/**
 * Results cross every boundary (IPC, HTTP, child process) as an envelope instead of a thrown
 * error, because Electron's IPC and contextBridge drop the fields of thrown errors.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const EnvelopeShapeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorDataSchema }),
]);

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(error: AppErrorData): Envelope<never> {
  return { ok: false, error };
}
