import { type Envelope, fail, ok, parseRequest, toErrorData } from '../../shared/contract';
import { asDiskError } from '../common/disk-error';
import { handlers } from './handlers';
import { checkRequestPaths } from './request-paths';
import type { EngineState } from './state';

/**
 * The engine's boundary: the payload is validated here again even though hosts validate too,
 * because the engine must never trust a host (a host bug must not crash it).
 */
export async function dispatch(state: EngineState, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  try {
    const request = parseRequest(channel, payload);
    await checkRequestPaths(request.channel, request.input);
    const handler = handlers[request.channel] as (input: unknown, s: EngineState) => Promise<unknown>;
    return ok(await handler(request.input, state));
  } catch (err) {
    return fail(toErrorData(asDiskError(err)));
  }
}
