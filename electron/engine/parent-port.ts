import type { EngineToHost, HostToEngine } from '../common/engine-protocol';

export interface ParentPort {
  send(message: EngineToHost): void;
  onMessage(listener: (message: HostToEngine) => void): void;
  onDisconnect(listener: () => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * The engine runs as an Electron utilityProcess (messages on `process.parentPort`) in the desktop
 * app, and as a forked Node child (messages on `process.send`) in the browser host and the CLI.
 */
export function connectParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      onMessage: (listener) => electronPort.on('message', (e) => listener(e.data as HostToEngine)),
      // A utilityProcess is killed with its parent; nothing to watch.
      onDisconnect: () => {},
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (m) => process.send?.(m),
      onMessage: (listener) => process.on('message', (m) => listener(m as HostToEngine)),
      onDisconnect: (listener) => process.on('disconnect', listener),
    };
  }
  throw new Error('The PhysStudio engine must be started by a PhysStudio host (no parent channel found).');
}
