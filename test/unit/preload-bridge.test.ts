import { describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../electron/common/ipc-channels';
import { buildBridge, type IpcRendererLike } from '../../electron/preload/bridge';
import { CHANNEL_NAMES } from '../../shared/contract';

function fakeIpc() {
  const calls: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      calls.push(args);
      return { ok: true, value: null };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  return { ipc, calls, listeners };
}

describe('preload bridge', () => {
  it('exposes one function per channel, each forwarding only its own channel name', async () => {
    const { ipc, calls } = fakeIpc();
    const bridge = buildBridge(ipc);
    expect(Object.keys(bridge.invoke).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) await (bridge.invoke[name] as (i: unknown) => Promise<unknown>)({ probe: name });
    expect(calls).toEqual(CHANNEL_NAMES.map((name) => [IPC_INVOKE, name, { probe: name }]));
  });

  it('is frozen so page scripts cannot swap its functions', () => {
    const bridge = buildBridge(fakeIpc().ipc);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.invoke)).toBe(true);
  });

  it('delivers events without the IPC event object and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = buildBridge(ipc);
    const got: unknown[] = [];
    const off = bridge.on((name, payload) => got.push([name, payload]));
    const [listener] = listeners.get(IPC_EVENT) ?? [];
    listener?.({ sender: 'secret' }, 'engine.status', { state: 'ready' });
    listener?.({}, 42, 'ignored');
    expect(got).toEqual([['engine.status', { state: 'ready' }]]);
    off();
    expect(listeners.get(IPC_EVENT)?.size).toBe(0);
  });

  it('tells the path of a dropped file, and an empty string (never an exception) when it cannot', () => {
    const bridge = buildBridge(fakeIpc().ipc, (file) => {
      if ((file as { name?: string }).name === 'pack') return '/home/me/pack';
      throw new Error('not a File');
    });
    expect(bridge.pathForFile({ name: 'pack' })).toBe('/home/me/pack');
    expect(bridge.pathForFile('nonsense')).toBe('');
  });
});
