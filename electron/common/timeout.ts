import { AppError } from '../../shared/contract';

/** Bounds any external call. The underlying work may continue, but the caller moves on. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('timeout', `${what} did not finish within ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
