import type { Channel, EventName, EventPayload, Input, Output } from './contract';
import { CHANNEL_NAMES, isEventName } from './contract';
import type { Envelope } from './envelope';
import { AppError, isAppErrorData } from './errors';
import { parseEvent, parseResponse } from './validate';

/**
 * What a transport must provide: send one request and get an envelope back, and subscribe to
 * events. The preload bridge, the browser host's HTTP+WebSocket client and the engine client all
 * implement it, so UI and CLI code is written once against `PhysStudioApi`.
 */
export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** The shape the preload exposes on `window.physstudio`: one raw function per channel. */
export type BridgeApi = {
  readonly invoke: { readonly [C in Channel]: (input: Input<C>) => Promise<Envelope<Output<C>>> };
  readonly on: (listener: (name: string, payload: unknown) => void) => () => void;
  readonly host: 'electron';
  /** The path on disk of a dropped file or folder (Electron's webUtils); pages never see paths otherwise. */
  readonly pathForFile: (file: unknown) => string;
};

export type PhysStudioApi = {
  readonly [C in Channel]: (input: Input<C>) => Promise<Output<C>>;
} & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Wraps a transport: unwraps envelopes into values or `AppError`s, validates responses and events. */
export function createApi(transport: Transport): PhysStudioApi {
  const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    methods[channel] = async (input: unknown) => {
      const envelope = await transport.invoke(channel, input);
      if (envelope && envelope.ok === true) return parseResponse(channel, envelope.value);
      if (envelope && envelope.ok === false && isAppErrorData(envelope.error)) throw AppError.from(envelope.error);
      throw new AppError('internal', `The ${channel} reply was not an envelope.`);
    };
  }
  const on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe((eventName, payload) => {
      if (eventName !== name || !isEventName(eventName)) return;
      const parsed = parseEvent(name, payload);
      if (parsed !== undefined) listener(parsed);
    });
  return Object.assign(methods, { on }) as unknown as PhysStudioApi;
}

/** Adapts the preload's bridge object to a transport. */
export function bridgeTransport(bridge: BridgeApi): Transport {
  return {
    invoke: (channel, input) => (bridge.invoke[channel] as (i: unknown) => Promise<Envelope<unknown>>)(input),
    subscribe: (listener) => bridge.on(listener),
  };
}
