import { type BridgeApi, bridgeTransport, createApi, type PhysStudioApi } from '../../../shared/contract';
import { takeToken, webTransport } from './web-transport';

declare global {
  interface Window {
    physstudio?: BridgeApi;
  }
}

export type ApiHost = 'electron' | 'browser';

/**
 * The renderer's only way to reach the app: the preload bridge under Electron, the loopback
 * HTTP+WebSocket host in a browser. Both speak the same contract.
 */
function connect(): { api: PhysStudioApi; host: ApiHost } | { error: string } {
  if (window.physstudio) return { api: createApi(bridgeTransport(window.physstudio)), host: 'electron' };
  const token = takeToken();
  if (!token) return { error: 'This page was opened without its session token. Open the URL that `npm start` printed.' };
  return { api: createApi(webTransport(token)), host: 'browser' };
}

export const connection = connect();
