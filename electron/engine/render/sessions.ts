import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { ExecutionProvider } from '../../../shared/models/manifest';
import type { FoundPack } from '../models/discovery';
import type { Ort } from '../ort';
import { type OpenedSession, openSession, providerOrder, type Session } from '../ort-session';
import { checkGraph } from './graph-check';

/**
 * A pack's ONNX sessions, created on first use and kept between renders (loading a real model
 * takes seconds), released one by one when memory is tight, or all together when idle. All graphs
 * run on the provider the first one settled on, so one run never splits across devices.
 */
export class PackSessions {
  private readonly open = new Map<string, OpenedSession>();
  provider: ExecutionProvider | null = null;
  fallbacks: string[] = [];
  /** Sessions created so far: reuse across renders shows as this not growing. */
  created = 0;

  constructor(
    private readonly ort: Ort,
    readonly pack: FoundPack,
    private readonly forced: ExecutionProvider | null,
    readonly key: string,
  ) {}

  has(role: string): boolean {
    return this.pack.manifest.graphs.some((g) => g.role === role);
  }

  /** Roles with a live session, for tests and the memory policy. */
  loaded(): string[] {
    return [...this.open.keys()];
  }

  async get(role: string): Promise<Session> {
    const cached = this.open.get(role);
    if (cached) return cached.session;
    const graph = this.pack.manifest.graphs.find((g) => g.role === role);
    if (!graph) throw new AppError('unsupported', `Model pack "${this.pack.manifest.id}" has no ${role} graph.`);
    const order = this.provider ? [this.provider] : providerOrder(this.pack.manifest.providers.preferred, this.forced);
    const opened = await openSession(this.ort, join(this.pack.folder, graph.file), order, `The ${role} of "${this.pack.manifest.id}"`);
    try {
      checkGraph(graph, opened.session);
    } catch (err) {
      await opened.session.release();
      throw err;
    }
    this.created++;
    if (!this.provider) {
      this.provider = opened.provider;
      this.fallbacks = opened.fallbacks;
    }
    this.open.set(role, opened);
    return opened.session;
  }

  async release(role: string): Promise<void> {
    const opened = this.open.get(role);
    this.open.delete(role);
    await opened?.session.release();
  }

  async releaseAll(): Promise<void> {
    for (const role of [...this.open.keys()]) await this.release(role);
  }
}

/** One pack's sessions at a time: rendering with another pack (or provider) frees the previous one's memory first. */
let current: PackSessions | null = null;
let idle: NodeJS.Timeout | undefined;

export async function sessionsFor(ort: Ort, pack: FoundPack, forced: ExecutionProvider | null): Promise<PackSessions> {
  clearTimeout(idle);
  const key = `${pack.folder}@${pack.manifest.version}|${forced ?? 'auto'}`;
  if (current?.key === key) return current;
  await current?.releaseAll();
  current = new PackSessions(ort, pack, forced, key);
  return current;
}

/** Sessions hold GPU and host memory; a few idle minutes give it back to the rest of the machine. */
export function releaseWhenIdle(ms = 5 * 60_000): void {
  clearTimeout(idle);
  idle = setTimeout(() => void releaseAllSessions(), ms);
  idle.unref();
}

export async function releaseAllSessions(): Promise<void> {
  clearTimeout(idle);
  const was = current;
  current = null;
  await was?.releaseAll();
}

/** The pack sessions held now, if any: what the memory policy and its tests look at. */
export function heldSessions(): PackSessions | null {
  return current;
}
