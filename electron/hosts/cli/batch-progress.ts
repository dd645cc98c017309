/**
 * The batch's progress line on stderr: a bar, cases done of all, the rate in cases per minute
 * (of cases made by this run, so a resumed batch does not count the earlier ones as instant)
 * and the time left at that rate. At a terminal the line is redrawn in place; in a log, one
 * line per finished case.
 */
export class BatchProgress {
  private done: number;
  private failed = 0;
  private madeHere = 0;
  private readonly started: number;
  private last = '';

  constructor(
    private readonly total: number,
    already: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.done = already;
    this.started = now();
  }

  line(width = 24): string {
    const fraction = this.total ? this.done / this.total : 1;
    const filled = Math.round(fraction * width);
    const minutes = (this.now() - this.started) / 60_000;
    const rate = this.madeHere > 0 && minutes > 0 ? this.madeHere / minutes : null;
    const left = this.total - this.done;
    const eta = rate ? formatDuration((left / rate) * 60) : '–';
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${Math.round(fraction * 100)}% · ${rate === null ? '–' : rate.toFixed(1)} cases/min · ${left === 0 ? 'done' : `${eta} left`}${this.failed ? ` · ${this.failed} failed` : ''}`;
  }

  start(): void {
    this.draw('');
  }

  /** A case finished here (done or failed). */
  tick(caseId: string, ok: boolean): void {
    this.done++;
    this.madeHere++;
    if (!ok) this.failed++;
    this.draw(`${ok ? 'done' : 'FAILED'} ${caseId}`);
  }

  note(text: string): void {
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${text}\n`);
    else this.stream.write(`${text}\n`);
    if (this.stream.isTTY && this.last) this.stream.write(this.last);
  }

  private draw(what: string): void {
    const line = this.line();
    if (this.stream.isTTY) {
      this.last = `\r\x1b[2K${line}`;
      this.stream.write(this.last);
    } else this.stream.write(`${line}${what ? ` · ${what}` : ''}\n`);
  }

  end(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
