import type { WebPreferences } from 'electron';
import { originOf } from '../common/origin';

/** The renderer is served from this origin (see protocols.ts). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://physstudio';
export const MEDIA_SCHEME = 'media';

/** Hardened settings for every window: no Node in the page, isolated and sandboxed. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Links the user clicks may open in the system browser only when they are plain web URLs. */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.hostname.length > 0;
}

/** Permissions the app actually uses; every other request (camera, geolocation, …) is denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && originOf(requestingUrl) === APP_ORIGIN;
}
