import { AppError } from '../../../shared/contract';

/** The BullMQ queue every PhysStudio producer and worker on a Redis server shares (override: ?queue=NAME in the URL). */
export const DEFAULT_QUEUE = 'physstudio-cases';

export interface QueueTarget {
  name: string;
  connection: { host: string; port: number; username?: string; password?: string; db?: number; maxRetriesPerRequest: null; connectTimeout: number };
}

/**
 * Parses `redis://[user:password@]host[:port][/db][?queue=NAME]`. Retries, the dead-letter list
 * and the progress of each job are BullMQ's; this only says where its Redis is.
 */
export function queueTarget(url: string): QueueTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('bad_request', `--queue ${url} is not a URL.`, 'Give redis://host:port, e.g. redis://127.0.0.1:6379.');
  }
  if (u.protocol !== 'redis:') throw new AppError('bad_request', `--queue must be a redis:// URL (got ${u.protocol}).`);
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d{1,2}$/.test(db)) throw new AppError('bad_request', `--queue: "${db}" is not a Redis database number.`);
  const name = u.searchParams.get('queue') ?? DEFAULT_QUEUE;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new AppError('bad_request', '--queue: the queue name is letters, digits, "_" and "-".');
  return {
    name,
    connection: {
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 6379,
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      // BullMQ's workers block on Redis; ioredis must not give up on a slow command.
      maxRetriesPerRequest: null,
      connectTimeout: 10_000,
    },
  };
}

/** How long a worker holds a case before the queue presumes it dead and gives it to another (ms). */
export function lockMs(): number {
  const v = Number(process.env.PHYSSTUDIO_QUEUE_LOCK_MS);
  return Number.isFinite(v) && v >= 1_000 ? v : 60_000;
}

/** What a queued case carries: enough for a worker anywhere to make it and commit it into the shared batch folder. */
export interface QueuedCase {
  out: string;
  manifest: import('../../../shared/batch/schema').BatchManifest;
  caseId: string;
}
