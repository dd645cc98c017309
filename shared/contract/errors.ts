import { z } from 'zod';

/**
 * Every failure that crosses a process boundary is one of these codes. The UI and the CLI
 * branch on `code`, show `message`, and offer `hint` as the next step for the user.
 */
export const ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'unauthorized',
  'forbidden_origin',
  'not_found',
  'cancelled',
  'timeout',
  'engine_crashed',
  'engine_unavailable',
  'io',
  'integrity',
  'unsupported',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AppErrorDataSchema = z
  .object({
    code: ErrorCodeSchema,
    message: z.string(),
    hint: z.string().optional(),
    /** Structured detail for tooling (e.g. which schema path failed). Never needed to act. */
    details: z.array(z.string()).optional(),
  })
  .strict();
export type AppErrorData = z.infer<typeof AppErrorDataSchema>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: string[] | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, details?: string[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.hint, data.details);
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.hint !== undefined) data.hint = this.hint;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

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
