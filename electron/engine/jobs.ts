import { AppError, type JobProgress } from '../../shared/contract';

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Reports progress; calls are throttled so a tight loop cannot flood the UI. */
  progress(stage: string, fraction: number | null, message?: string): void;
}

const PROGRESS_INTERVAL_MS = 80;

/** Running jobs by id, so `jobs.cancel` can reach them and progress events carry their identity. */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (progress: JobProgress) => void) {}

  async run<T>(jobId: string, channel: string, label: string, work: (ctx: JobContext) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new AppError('bad_request', `A job with id ${jobId} is already running.`);
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let last = 0;
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (stage, fraction, message) => {
        const now = performance.now();
        if (now - last < PROGRESS_INTERVAL_MS && fraction !== 1) return;
        last = now;
        const event: JobProgress = { jobId, channel, label, stage, fraction: fraction === null ? null : Math.max(0, Math.min(1, fraction)) };
        if (message !== undefined) event.message = message.slice(0, 500);
        this.emit(event);
      },
    };
    this.emit({ jobId, channel, label, stage: 'starting', fraction: 0 });
    try {
      return await work(ctx);
    } catch (err) {
      // A step that stops on the signal (`signal.throwIfAborted()`, an aborted stream) throws a bare
      // AbortError; once the job was cancelled, that is a cancel, never an internal error.
      if (controller.signal.aborted && !(err instanceof AppError)) throw new AppError('cancelled', `${label} was cancelled.`);
      throw err;
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  get size(): number {
    return this.running.size;
  }
}
