import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { ExecutionProvider } from '../../../shared/models/manifest';
import type { FoundPack } from '../models/discovery';
import type { Ort } from '../ort';
import { type OpenedSession, openSession, providerOrder } from '../ort-session';

/**
 * A pack's ONNX sessions, created on first use and released on demand. All graphs run on the
 * provider the first one settled on, so one run never splits across devices.
 */
export class PackSessions {
  private readonly open = new Map<string, OpenedSession>();
  provider: ExecutionProvider | null = null;
  fallbacks: string[] = [];

  constructor(
    private readonly ort: Ort,
    private readonly pack: FoundPack,
    private readonly forced: ExecutionProvider | null,
  ) {}

  has(role: string): boolean {
    return this.pack.manifest.graphs.some((g) => g.role === role);
  }

  async get(role: string): Promise<OpenedSession['session']> {
    const cached = this.open.get(role);
    if (cached) return cached.session;
    const graph = this.pack.manifest.graphs.find((g) => g.role === role);
    if (!graph) throw new AppError('unsupported', `Model pack "${this.pack.manifest.id}" has no ${role} graph.`);
    const order = this.provider ? [this.provider] : providerOrder(this.pack.manifest.providers.preferred, this.forced);
    const opened = await openSession(this.ort, join(this.pack.folder, graph.file), order, `The ${role} of "${this.pack.manifest.id}"`);
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
