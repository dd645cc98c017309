import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../../shared/contract';

const MAX_URL_PATH = 1024;

/**
 * Maps a URL path to a real file inside `root`, or throws. Rejects absolute paths, `..` segments
 * (also percent-encoded), NUL bytes, backslashes, and symlinks whose target lies outside `root`.
 * Serves the Electron `media:` and `app:` protocols and the browser host's `/media/` and static
 * routes, so there is one place where path traversal is stopped.
 */
export async function resolveInside(root: string, urlPath: string): Promise<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new AppError('bad_request', 'The path is not valid URL encoding.');
  }
  const rel = decoded.replace(/^\/+/, '');
  if (rel.length === 0 || rel.length > MAX_URL_PATH) throw new AppError('bad_request', 'The path is empty or too long.');
  if (rel.includes('\0') || rel.includes('\\')) throw new AppError('bad_request', 'The path has forbidden characters.');
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || decoded.startsWith('//')) {
    throw new AppError('bad_request', 'Absolute paths are not allowed.');
  }
  if (rel.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new AppError('bad_request', 'Paths may not contain "." or ".." segments.');
  }
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    throw new AppError('not_found', 'The folder to serve from does not exist yet.');
  }
  let real: string;
  try {
    real = await realpath(resolve(realRoot, rel));
  } catch {
    throw new AppError('not_found', `No file at ${rel}.`);
  }
  const inside = relative(realRoot, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new AppError('bad_request', 'The path leads outside the served folder.');
  }
  return real;
}

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function contentType(file: string): string {
  const dot = file.lastIndexOf('.');
  return TYPES[dot >= 0 ? file.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}
