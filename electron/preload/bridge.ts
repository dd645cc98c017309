import type { BridgeApi } from '../../shared/contract/api';
import { CHANNEL_NAMES } from '../../shared/contract/channel-names';
import { IPC_EVENT, IPC_INVOKE } from '../common/ipc-channels';

/** The subset of Electron's ipcRenderer the bridge uses; raw ipcRenderer never reaches the page. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the one object the preload exposes: a function per contract channel, one event hook,
 * and the dropped-file path lookup (so a pack folder can be dropped onto the models manager).
 */
export function buildBridge(ipc: IpcRendererLike, pathForFile: (file: unknown) => string = () => ''): BridgeApi {
  const invoke = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => ipc.invoke(IPC_INVOKE, channel, input)]));
  return Object.freeze({
    host: 'electron' as const,
    pathForFile: (file: unknown) => {
      try {
        return pathForFile(file);
      } catch {
        return '';
      }
    },
    invoke: Object.freeze(invoke) as unknown as BridgeApi['invoke'],
    on: (listener: (name: string, payload: unknown) => void) => {
      const wrapped = (_event: unknown, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(IPC_EVENT, wrapped as (event: unknown, ...args: unknown[]) => void);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped as (event: unknown, ...args: unknown[]) => void);
      };
    },
  });
}
