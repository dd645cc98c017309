import { type Envelope, fail, type Transport } from '../../shared/contract';
import { originOf } from '../common/origin';
import { hostInvoke } from './host-invoke';

export { IPC_EVENT, IPC_INVOKE } from '../common/ipc-channels';

export interface IpcSenderInfo {
  /** URL of the frame that sent the message (`event.senderFrame.url`). */
  frameUrl: string | undefined;
  /** Whether the frame is the top frame of one of our windows. */
  isMainFrame: boolean;
}

/** Only our own top-level renderer, loaded from the app: protocol, may talk to the engine. */
export function isTrustedSender(sender: IpcSenderInfo, appOrigin: string): boolean {
  return sender.isMainFrame && originOf(sender.frameUrl) === appOrigin;
}

/**
 * The Electron IPC adapter, free of Electron imports so it can be unit-tested: main wires it to
 * `ipcMain.handle(IPC_INVOKE, …)`.
 */
export function createIpcInvokeHandler(engine: Transport, appOrigin: string) {
  return async (sender: IpcSenderInfo, channel: unknown, payload: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(sender, appOrigin)) {
      return fail({ code: 'forbidden_origin', message: 'This frame may not use the PhysStudio API.' });
    }
    return hostInvoke(engine, channel, payload);
  };
}
