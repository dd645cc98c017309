import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { toErrorData } from '../../shared/contract';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { contentType, resolveInside } from '../hosts/safe-path';
import { APP_SCHEME, MEDIA_SCHEME } from './security';

/** Must run before `app.ready`: both schemes behave like https for fetch, CSP and media. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

// The renderer fetches library files too (raw frames to encode, clips to play as blobs).
const CSP = contentSecurityPolicy({ connect: [`${MEDIA_SCHEME}:`], media: [`${MEDIA_SCHEME}:`] });

function refuse(err: unknown): Response {
  const error = toErrorData(err);
  return new Response(error.message, { status: error.code === 'not_found' ? 404 : 400, headers: { 'content-type': 'text/plain' } });
}

/** `app://physstudio/…` serves the built renderer; `media://library/…` serves library files. */
export function handleProtocols(rendererDir: string, libraryDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      const path = new URL(request.url).pathname;
      const file = await resolveInside(rendererDir, path === '/' ? 'index.html' : path);
      return new Response(await readFile(file), {
        headers: { 'content-type': contentType(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
      });
    } catch (err) {
      return refuse(err);
    }
  });
  protocol.handle(MEDIA_SCHEME, async (request) => {
    try {
      const file = await resolveInside(libraryDir, new URL(request.url).pathname);
      // net.fetch streams the file and honours Range requests, which video seeking needs.
      return net.fetch(pathToFileURL(file).toString());
    } catch (err) {
      return refuse(err);
    }
  });
}
