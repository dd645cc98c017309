import { AppError } from '../../shared/contract';

/**
 * A failed write in plain words, for every file a run or an export writes: a full disk, or a
 * place PhysStudio may not write to (no permission, a read-only disk, or a path through a file
 * where a folder should be). Anything else keeps the system's own message.
 */
export function diskError(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('io', `The disk is full: ${path} could not be written.`, 'Free some space, or choose a smaller size or a shorter clip.');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError('io', `PhysStudio may not write to ${path}.`, 'Choose a folder you can write to.');
  // EEXIST: making a folder where a file already is.
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST')
    return new AppError(
      'io',
      `PhysStudio may not write to ${path}: ${code === 'EISDIR' ? 'a folder is in the way' : 'part of that path is a file, not a folder'}.`,
      'Choose a folder you can write to.',
    );
  return new AppError('io', `Writing ${path} failed: ${(err as Error).message}`);
}

/** Runs a write, turning its failure into `diskError`. */
export async function writing<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw diskError(err, path);
  }
}

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);

/**
 * The engine's last line for a file-system failure that no handler explained: a full disk or a
 * refused write is the user's to fix, not "a bug in PhysStudio". Other errors pass unchanged.
 */
export function asDiskError(err: unknown): unknown {
  const e = err as NodeJS.ErrnoException | undefined;
  if (err instanceof AppError || !e || typeof e.code !== 'string' || !DISK_CODES.has(e.code)) return err;
  return diskError(err, typeof e.path === 'string' ? e.path : 'a file');
}
