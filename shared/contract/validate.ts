import type { z } from 'zod';
import { type Channel, channels, type EventName, type EventPayload, events, isChannel, maxRequestBytes, type Output, type ParsedInput } from './contract';
import { AppError } from './errors';
import { MAX_REQUEST_BYTES, MAX_REQUEST_DEPTH } from './limits';

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

/** Whether a JSON-like value nests deeper than `max` levels; iterative, so depth itself cannot overflow it. */
export function nestsDeeper(value: unknown, max = MAX_REQUEST_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (x !== null && typeof x === 'object') stack.push([x, depth + 1]);
  }
  return false;
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v = payload;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Field names as a person would say them. */
const FIELD_WORDS: Record<string, string> = { dataBase64: 'file', jobId: 'job id' };

/** The first problem in words a person can act on: which field, and the limit it broke. */
function describeIssue(channel: string, issue: z.core.$ZodIssue, payload: unknown): string {
  const last = String(issue.path.at(-1) ?? '');
  const field = issue.path.length === 0 ? 'request' : issue.path.length === 1 && FIELD_WORDS[last] ? FIELD_WORDS[last] : issue.path.map(String).join('.');
  const value = valueAt(payload, issue.path);
  if (issue.code === 'too_big' && issue.origin === 'string' && typeof value === 'string')
    return `The ${field} is ${value.length.toLocaleString('en-US')} characters long; ${channel} accepts at most ${Number(issue.maximum).toLocaleString('en-US')}.`;
  if (issue.code === 'too_small' && issue.origin === 'string' && value === '') return `The ${field} is empty.`;
  if (issue.code === 'too_big' && issue.origin === 'array' && Array.isArray(value))
    return `The ${field} list has ${value.length} items; ${channel} accepts at most ${Number(issue.maximum)}.`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return `The ${field} is out of range: ${issue.message}.`;
  return `Invalid ${channel} request: ${field}: ${issue.message}.`;
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
  if (nestsDeeper(payload)) {
    throw new AppError(
      'bad_request',
      `The ${channel} request nests deeper than ${MAX_REQUEST_DEPTH} levels.`,
      'No valid request is that deep; check what sent it.',
    );
  }
  const result = channels[channel].input.safeParse(payload ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    const message = first ? describeIssue(channel, first, payload) : `Invalid ${channel} request.`;
    throw new AppError('bad_request', message, 'Check the request fields against the API contract.', issues(result.error));
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
