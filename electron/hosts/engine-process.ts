import type { EngineToHost, HostToEngine } from '../common/engine-protocol';

/** A running engine process, whatever started it (Electron utilityProcess or Node fork). */
export interface EngineProcess {
  readonly pid: number | undefined;
  send(message: HostToEngine): void;
  onMessage(listener: (message: EngineToHost) => void): void;
  /** Fires once when the process has gone, with a human-readable reason. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
  /** The last lines the engine wrote to stderr, for crash reports. */
  recentStderr(): string;
}

export type SpawnEngine = () => EngineProcess;

/** Keeps the tail of a stream so a crash can be explained without logging everything. */
export class TailBuffer {
  private text = '';
  constructor(private readonly max = 4000) {}
  push(chunk: string | Buffer): void {
    this.text = (this.text + chunk.toString()).slice(-this.max);
  }
  toString(): string {
    return this.text;
  }
}
