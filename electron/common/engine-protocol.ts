import type { Envelope } from '../../shared/contract';

/** Messages between a host (parent) and the engine process. Internal to the electron layer. */
export type HostToEngine = { t: 'req'; id: number; channel: string; payload: unknown } | { t: 'shutdown' };

export type EngineToHost = { t: 'ready'; pid: number } | { t: 'res'; id: number; envelope: Envelope<unknown> } | { t: 'event'; name: string; payload: unknown };

/** How the engine was started; reported by `doctor`. Passed in the environment. */
export const ENGINE_HOST_ENV = 'PHYSSTUDIO_ENGINE_HOST';
