import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AppError } from '../../shared/contract';
import { diskError } from './disk-error';

/**
 * Kernel pseudo-filesystems. Nothing a user means to read or write lives there, and they
 * misbehave under ordinary file calls: a recursive mkdir under /proc/self spins forever, files
 * under /dev never end, and writes under /sys change the running system.
 */
const SYSTEM_ROOTS = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

function underSystemRoot(path: string): string | undefined {
  return SYSTEM_ROOTS.find((root) => path === root || path.startsWith(`${root}/`));
}

function isWindowsDevicePath(path: string): boolean {
  return process.platform === 'win32' && /^\\\\[.?]\\/.test(path);
}

/** The deepest part of `path` that exists, resolved through links; undefined when none can be read. */
async function existingAncestor(path: string): Promise<string | undefined> {
  let p = path;
  for (;;) {
    try {
      return await realpath(p);
    } catch {
      const up = dirname(p);
      if (up === p) return undefined;
      p = up;
    }
  }
}

/**
 * Checks a path a request names (a file to read, a folder to write): it must be a full path, and
 * neither it nor where its links lead may be inside a system pseudo-filesystem.
 */
export async function assertUsablePath(path: string, what: string): Promise<void> {
  if (!isAbsolute(path))
    throw new AppError('bad_request', `${what} must be a full path; “${path.slice(0, 200)}” is relative.`, 'Give a full path, e.g. /home/me/exports.');
  if (path.includes('\0')) throw new AppError('bad_request', `${what} contains a NUL character.`);
  const full = resolve(path);
  const refuse = (root: string) =>
    new AppError('bad_request', `${what} may not be inside ${root}: ${full.slice(0, 200)} is a system folder.`, 'Choose a folder in your home or data disk.');
  const direct = underSystemRoot(full);
  if (direct || isWindowsDevicePath(path)) throw refuse(direct ?? '\\\\.\\');
  const real = await existingAncestor(full);
  const linked = real && underSystemRoot(real);
  if (linked) throw refuse(linked);
}

/**
 * `mkdir -p` that cannot spin: each missing level is made on its own, so a folder that reports
 * "missing" after being made (as /proc does) fails once instead of looping inside Node's
 * recursive mkdir. Failures come back as the plain-words disk errors.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const full = resolve(dir);
  const missing: string[] = [];
  let p = full;
  for (;;) {
    const info = await stat(p).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw diskError(err, p);
    });
    if (info) {
      if (!info.isDirectory()) throw diskError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), p);
      break;
    }
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Made meanwhile by someone else: fine if it is a folder now.
      if (code === 'EEXIST' && (await lstat(level).catch(() => undefined))?.isDirectory()) continue;
      throw diskError(err, level);
    }
  }
}
