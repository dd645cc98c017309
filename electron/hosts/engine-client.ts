import { type Channel, channels, type EngineStatus, type Envelope, fail, isChannel, ok, type Transport } from '../../shared/contract';
import type { EngineToHost } from '../common/engine-protocol';
import type { EngineProcess, SpawnEngine } from './engine-process';

interface Pending {
  channel: Channel;
  resolve: (envelope: Envelope<unknown>) => void;
  timer: NodeJS.Timeout;
}

export interface EngineClientOptions {
  spawn: SpawnEngine;
  /** How long a fresh engine may take to say it is ready. */
  startTimeoutMs?: number;
  /** Restarts allowed inside `restartWindowMs` before the client pauses. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /**
   * How long to wait, after too many crashes in a row, before trying once more (default 30 s).
   * `null` never tries again by itself (the CLI, which runs one command and reports the crash).
   */
  cooldownMs?: number | null;
}

/**
 * Owns the engine process for a host: correlates requests and replies, applies each channel's
 * time limit, fans out events, and restarts the engine when it dies, telling the UI through
 * `engine.status`. Every host (Electron, browser, CLI) uses this one class.
 */
export class EngineClient implements Transport {
  private proc: EngineProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();
  private nextId = 1;
  private restarts: number[] = [];
  private totalRestarts = 0;
  private stopped = false;
  /** Set while paused after too many crashes: why, and when the next try is due. */
  private gaveUp: string | undefined;
  private cooldown: NodeJS.Timeout | undefined;
  /** The pending retry after a crash, if any. */
  private backoff: NodeJS.Timeout | undefined;
  status: EngineStatus = { state: 'stopped', pid: null, restarts: 0 };

  constructor(private readonly options: EngineClientOptions) {}

  start(): Promise<void> {
    this.stopped = false;
    if (!this.ready) this.ready = this.launch();
    return this.ready;
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    this.emit('engine.status', status);
  }

  private emit(name: string, payload: unknown): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  private launch(): Promise<void> {
    this.setStatus({ state: 'starting', pid: null, restarts: this.totalRestarts });
    const proc = this.options.spawn();
    this.proc = proc;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the engine did not start within ${this.options.startTimeoutMs ?? 20_000} ms`));
        proc.kill();
      }, this.options.startTimeoutMs ?? 20_000);
      proc.onMessage((message: EngineToHost) => {
        if (message.t === 'ready') {
          clearTimeout(timer);
          this.setStatus({ state: 'ready', pid: message.pid, restarts: this.totalRestarts });
          resolve();
        } else if (message.t === 'res') {
          const pending = this.pending.get(message.id);
          if (!pending) return;
          this.pending.delete(message.id);
          clearTimeout(pending.timer);
          pending.resolve(message.envelope);
        } else if (message.t === 'event') {
          this.emit(message.name, message.payload);
        }
      });
      proc.onExit((reason) => {
        clearTimeout(timer);
        if (this.proc !== proc) return;
        this.proc = undefined;
        this.ready = undefined;
        this.failPending(reason, proc.recentStderr());
        if (this.stopped) {
          this.setStatus({ state: 'stopped', pid: null, restarts: this.totalRestarts });
          return;
        }
        reject(new Error(`the engine exited during start-up (${reason})`));
        this.setStatus({ state: 'crashed', pid: null, restarts: this.totalRestarts, reason: `The engine stopped (${reason}).` });
        this.scheduleRestart();
      });
    });
  }

  private failPending(reason: string, stderr: string): void {
    const lastLine = stderr.trim().split('\n').filter(Boolean).pop();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve(
        fail({
          code: 'engine_crashed',
          message: `The engine stopped unexpectedly (${reason}) while running ${pending.channel}.`,
          hint: 'The engine restarts by itself; run the step again. If it keeps happening, run `physstudio doctor`.',
          ...(lastLine ? { details: [lastLine.slice(0, 500)] } : {}),
        }),
      );
    }
  }

  private scheduleRestart(): void {
    const now = Date.now();
    const windowMs = this.options.restartWindowMs ?? 60_000;
    this.restarts = this.restarts.filter((t) => now - t < windowMs);
    if (this.restarts.length >= (this.options.maxRestarts ?? 5)) {
      const cooldownMs = this.options.cooldownMs === undefined ? 30_000 : this.options.cooldownMs;
      const crashes = `The engine crashed ${this.restarts.length + 1} times in ${Math.round(windowMs / 1000)} s`;
      this.gaveUp =
        cooldownMs === null
          ? `${crashes} and was not restarted.`
          : `${crashes}; it starts again in ${Math.round(cooldownMs / 1000)} s, or when you restart it.`;
      if (this.backoff) clearTimeout(this.backoff);
      this.backoff = undefined;
      this.setStatus({ state: 'stopped', pid: null, restarts: this.totalRestarts, reason: this.gaveUp });
      // A crash loop is usually a bad file or a driver; pausing keeps it from eating the machine,
      // and trying again afterwards means a passing cause does not need the whole app restarted.
      if (cooldownMs !== null) {
        this.cooldown = setTimeout(() => {
          this.cooldown = undefined;
          if (!this.stopped) void this.restart().catch(() => {});
        }, cooldownMs);
        this.cooldown.unref();
      }
      return;
    }
    this.restarts.push(now);
    this.totalRestarts += 1;
    const delay = Math.min(2_000, 100 * 2 ** (this.restarts.length - 1));
    // A pause (gaveUp) or a restart on request that happens meanwhile wins over this retry.
    if (this.backoff) clearTimeout(this.backoff);
    this.backoff = setTimeout(() => {
      this.backoff = undefined;
      if (!this.stopped && !this.ready && !this.gaveUp) this.start().catch(() => {});
    }, delay);
    this.backoff.unref();
  }

  /**
   * Starts a fresh engine now, whatever state the old one is in (the UI's "Restart engine"):
   * running requests fail as crashed, and the crash count starts again.
   */
  async restart(): Promise<EngineStatus> {
    if (this.cooldown) clearTimeout(this.cooldown);
    if (this.backoff) clearTimeout(this.backoff);
    this.cooldown = undefined;
    this.backoff = undefined;
    this.gaveUp = undefined;
    this.restarts = [];
    this.stopped = false;
    const proc = this.proc;
    if (proc) {
      // Detach first so its exit is not counted as a crash.
      this.proc = undefined;
      this.ready = undefined;
      this.failPending('restarted on request', '');
      proc.kill();
    }
    this.totalRestarts += 1;
    await this.start();
    return this.status;
  }

  async invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>> {
    // Restarting is the host's job (a dead engine cannot restart itself), so it never reaches the engine.
    if (channel === 'engine.restart') {
      try {
        return ok(await this.restart());
      } catch (err) {
        return fail({
          code: 'engine_unavailable',
          message: `The engine did not start: ${(err as Error).message}.`,
          hint: 'Run `physstudio doctor` to see why.',
        });
      }
    }
    if (this.gaveUp) return fail({ code: 'engine_unavailable', message: this.gaveUp, hint: 'Use “Restart engine” in the status bar to try now.' });
    // A request that arrives while the engine is being replaced waits for the new one (one retry).
    for (let attempt = 0; attempt < 2 && !(this.proc && this.status.state === 'ready'); attempt++) {
      try {
        await this.start();
      } catch (err) {
        if (attempt === 1 || this.gaveUp) {
          return fail({
            code: 'engine_unavailable',
            message: `The engine is not running: ${(err as Error).message}.`,
            hint: 'Try again in a moment; if it persists, run `physstudio doctor`.',
          });
        }
      }
    }
    const proc = this.proc;
    if (!proc) return fail({ code: 'engine_unavailable', message: 'The engine is restarting.', hint: 'Try again in a moment.' });
    const id = this.nextId++;
    // The engine answers unknown channels itself (bad_request); give them a short limit.
    const timeoutMs = isChannel(channel) ? channels[channel].timeoutMs : 10_000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(
          fail({
            code: 'timeout',
            message: `${channel} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
            hint: 'The engine may be overloaded; try again.',
          }),
        );
      }, timeoutMs);
      this.pending.set(id, { channel, resolve, timer });
      try {
        proc.send({ t: 'req', id, channel, payload: input });
      } catch (err) {
        // Serialising the request failed (hosts bound its size and depth; this is the last guard).
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(fail({ code: 'bad_request', message: `The ${channel} request could not be sent to the engine: ${(err as Error).message}.` }));
      }
    });
  }

  subscribe(listener: (name: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.cooldown) clearTimeout(this.cooldown);
    if (this.backoff) clearTimeout(this.backoff);
    this.cooldown = undefined;
    this.backoff = undefined;
    const proc = this.proc;
    if (!proc) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        proc.kill();
        resolve();
      }, 2_000);
      proc.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      proc.send({ t: 'shutdown' });
    });
  }
}
