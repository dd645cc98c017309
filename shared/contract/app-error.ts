/**
 * Every failure that crosses a process boundary is one of these codes. The UI and the CLI
 * branch on `code`, show `message`, and offer `hint` as the next step for the user.
 * Kept free of the schema library so pure logic can throw it without loading zod.
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

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  hint?: string | undefined;
  /** Structured detail for tooling (e.g. which schema path failed). Never needed to act. */
  details?: string[] | undefined;
}

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
