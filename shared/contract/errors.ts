import { z } from 'zod';
import { AppError, type AppErrorData, ERROR_CODES } from './app-error';

export { AppError, type AppErrorData, ERROR_CODES, type ErrorCode } from './app-error';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const AppErrorDataSchema = z
  .object({
    code: ErrorCodeSchema,
    message: z.string(),
    hint: z.string().optional(),
    /** Structured detail for tooling (e.g. which schema path failed). Never needed to act. */
    details: z.array(z.string()).optional(),
  })
  .strict();
// The schema and the interface must describe the same shape.
const sameShape: z.infer<typeof AppErrorDataSchema> extends AppErrorData ? true : false = true;
void sameShape;

/** Turns anything thrown into wire-safe error data; unknown errors become `internal`. */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  const parsed = AppErrorDataSchema.safeParse(err);
  if (parsed.success) return parsed.data;
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal',
    message: message.slice(0, 2000) || 'Unexpected error',
    hint: 'This is a bug in PhysStudio. Please report it with the steps that led here.',
  };
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return AppErrorDataSchema.safeParse(value).success;
}
