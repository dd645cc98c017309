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

/**
 * URL of a library file (clips, posters, frames): the `media:` protocol under Electron, the
 * token-guarded `/media/` route in a browser. Both refuse anything outside the library.
 */
export function mediaUrl(path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  if (window.physstudio) return `media://library/${encoded}`;
  return `/media/${encoded}?token=${encodeURIComponent(takeToken() ?? '')}`;
}

/** Where a dropped file or folder is on disk: known under Electron; a browser never tells a page. */
export function pathOnDisk(file: File): string | null {
  return window.physstudio?.pathForFile(file) || null;
}
