import type { z } from 'zod';
import { type Channel, channels, type EventName, type EventPayload, events, isChannel, maxRequestBytes, type Output, type ParsedInput } from './contract';
import { AppError } from './errors';
import { MAX_REQUEST_BYTES } from './limits';

function issues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Rough byte size of a JSON-like value without serialising it; stops early once over `limit`. */
export function approxSize(value: unknown, limit = MAX_REQUEST_BYTES): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length * 2 + 2;
    else if (typeof v === 'number' || typeof v === 'boolean' || v == null) total += 8;
    else if (Array.isArray(v)) {
      total += 2;
      for (const x of v) stack.push(x);
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        total += k.length * 2 + 4;
        stack.push(x);
      }
    } else total += 8;
  }
  return total;
}

/**
 * Validates a request at a boundary. Throws `AppError` (`bad_request` or `payload_too_large`)
 * so every host answers malformed input the same way.
 */
export function parseRequest<C extends Channel>(channel: unknown, payload: unknown): { channel: C; input: ParsedInput<C> } {
  if (!isChannel(channel)) {
    throw new AppError('bad_request', `Unknown request "${String(channel).slice(0, 80)}".`, 'Update PhysStudio: the UI and the engine disagree on the API.');
  }
  const limit = maxRequestBytes(channel);
  if (approxSize(payload, limit) > limit) {
    throw new AppError(
      'payload_too_large',
      `The ${channel} request is larger than ${Math.round(limit / 1024)} KiB.`,
      'Send files by path or through the import request.',
    );
  }
  const result = channels[channel].input.safeParse(payload ?? {});
  if (!result.success) {
    throw new AppError('bad_request', `Invalid ${channel} request.`, 'Check the request fields against the API contract.', issues(result.error));
  }
  return { channel: channel as C, input: result.data as ParsedInput<C> };
}

export function parseResponse<C extends Channel>(channel: C, value: unknown): Output<C> {
  const result = channels[channel].output.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'internal',
      `The engine sent a malformed ${channel} response.`,
      'Restart PhysStudio; if it persists, report a bug.',
      issues(result.error),
    );
  }
  return result.data as Output<C>;
}

export function parseEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | undefined {
  const result = events[name].safeParse(payload);
  return result.success ? (result.data as EventPayload<E>) : undefined;
}
