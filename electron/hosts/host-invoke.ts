import { type Envelope, fail, parseRequest, type Transport, toErrorData } from '../../shared/contract';

/**
 * The check every host applies before a request reaches the engine: the channel must exist and
 * the payload must match the contract. Malformed input is answered here with a typed error, so
 * it never costs the engine anything.
 */
export async function hostInvoke(engine: Transport, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  let request: ReturnType<typeof parseRequest>;
  try {
    request = parseRequest(channel, payload);
  } catch (err) {
    return fail(toErrorData(err));
  }
  return engine.invoke(request.channel, request.input);
}
