import type { ErrorCode } from './app-error';

/**
 * The HTTP status the browser host answers with for each error code. Exhaustive on purpose: a
 * new code does not compile until it has a status, so no failure is ever sent as 200.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  // The request was understood and then given up: by the user (cancel) or because it conflicts with running work.
  cancelled: 409,
  payload_too_large: 413,
  // Well-formed, but naming something this machine or pack cannot do, or a file that failed its check.
  unsupported: 422,
  integrity: 422,
  internal: 500,
  io: 500,
  engine_crashed: 502,
  engine_unavailable: 503,
  timeout: 504,
};
