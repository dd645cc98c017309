import { AppError } from '../../../shared/contract';

/**
 * One heavy run holds the GPU at a time; others wait their turn in order. Two video models at
 * once would each get half the device and both might run out of memory.
 */
export class GpuQueue {
  private held = false;
  private readonly waiting: Array<{ grant: () => void; onWait: (ahead: number) => void }> = [];

  get busy(): boolean {
    return this.held;
  }

  /** The GPU at once if it is free, else null: for changes that must not wait behind a long render. */
  tryAcquire(): (() => void) | null {
    if (this.held) return null;
    this.held = true;
    return this.releaser();
  }

  /**
   * Resolves with a release function once the GPU is this caller's. `onWait` hears the place in
   * the queue (1 = next) while waiting; a cancel leaves the queue without taking a turn.
   */
  async acquire(signal: AbortSignal, onWait: (ahead: number) => void = () => {}): Promise<() => void> {
    signal.throwIfAborted();
    if (!this.held) {
      this.held = true;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const entry = { grant: () => resolve(), onWait };
      this.waiting.push(entry);
      onWait(this.waiting.length);
      signal.addEventListener(
        'abort',
        () => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) {
            this.waiting.splice(i, 1);
            this.tellPlaces();
            reject(new AppError('cancelled', 'The render was cancelled while it waited for the GPU.'));
          }
        },
        { once: true },
      );
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.held = false;
      this.tellPlaces();
    };
  }

  private tellPlaces(): void {
    this.waiting.forEach((w, i) => {
      w.onWait(i + 1);
    });
  }
}
