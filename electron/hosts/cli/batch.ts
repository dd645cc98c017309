import { basename, resolve } from 'node:path';
import type { BatchOptions, CaseRecord } from '../../../shared/batch/schema';
import { AppError } from '../../../shared/contract';
import { readCases } from '../../engine/batch/cases';
import { lockBatch, openBatch, readRecords, sweepPartials } from '../../engine/batch/store';
import { dropOrphans, runCase } from './batch-case';
import { startEngines } from './batch-engines';
import { BatchProgress } from './batch-progress';

export interface BatchArgs {
  cases: string;
  out: string;
  options: BatchOptions;
  workers: number;
  dataDir: string;
  title?: string;
  /** redis://… : the cases go on a BullMQ queue for `physstudio worker`s instead of local engines. */
  queue?: string;
}

export interface BatchOutcome {
  id: string;
  dir: string;
  total: number;
  ok: number;
  failed: number;
  /** Cases the queue gave up on (its dead-letter list); they have no record and run again on resume. */
  deadLetter: string[];
  report: { html: string; csv: string; json: string } | null;
}

/**
 * `physstudio batch`: every case of a JSONL file or folder, each through the same path as
 * `physstudio generate`, on N local engine processes or on a queue of workers. Safe to kill:
 * run the same command again and it continues where it stopped.
 */
export async function runBatch(args: BatchArgs): Promise<BatchOutcome> {
  const out = resolve(args.out);
  const cases = await readCases(args.cases);
  const unlock = await lockBatch(out);
  try {
    const { manifest, resumed } = await openBatch(out, resolve(args.cases), cases, args.options, args.title ?? basename(resolve(args.cases)));
    const swept = await sweepPartials(out);
    const records = await readRecords(out);
    const done = new Set(records.map((r) => r.id));
    const pending = manifest.cases.filter((c) => !done.has(c.id));
    const progress = new BatchProgress(manifest.cases.length, done.size);
    // Ctrl-C: whole cases are kept and the rest discarded on resume; say how to go on.
    const interrupted = () => {
      progress.end();
      process.stderr.write(`physstudio: stopped; ${out} keeps every finished case. Run the same command again to go on.\n`);
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    if (resumed)
      progress.note(
        `Resuming batch ${manifest.id}: ${done.size} of ${manifest.cases.length} cases already done${swept ? `, ${swept} unfinished case(s) discarded` : ''}.`,
      );
    // Local engines make the cases; with a queue, one engine here still keeps the library's record and writes the report.
    const engines = await startEngines(args.dataDir, args.queue ? 1 : Math.max(1, Math.min(args.workers, pending.length || 1)));
    const finished: CaseRecord[] = [...records];
    let deadLetter: string[] = [];
    try {
      const api = engines.apis[0];
      if (!api) throw new AppError('internal', 'No engine started.');
      await api['batches.record']({ id: manifest.id, title: manifest.title, dir: out, createdAt: manifest.createdAt });
      const orphans = await dropOrphans(api, manifest.id, new Set(records.map((r) => r.runId).filter((id): id is string => !!id)));
      if (orphans) progress.note(`Removed ${orphans} run(s) of unfinished cases from the library.`);
      progress.start();
      if (args.queue) {
        const { runOnQueue } = await import('./batch-queue');
        deadLetter = (await runOnQueue(args.queue, out, manifest, pending, progress)).deadLetter;
        finished.splice(0, finished.length, ...(await readRecords(out)));
      } else {
        let next = 0;
        await Promise.all(
          engines.apis.map(async (engineApi, w) => {
            for (let c = pending[next++]; c; c = pending[next++]) {
              const { record } = await runCase({ api: engineApi, out, manifest, jobId: `batch_${process.pid}_${w}` }, c);
              finished.push(record);
              progress.tick(c.id, record.status === 'ok');
            }
          }),
        );
      }
      progress.end();
      const report = await api['batches.writeReport']({ dir: out, jobId: `batch_${process.pid}_report` });
      const ok = finished.filter((r) => r.status === 'ok').length;
      return {
        id: manifest.id,
        dir: out,
        total: manifest.cases.length,
        ok,
        failed: finished.length - ok,
        deadLetter,
        report,
      };
    } finally {
      process.off('SIGINT', interrupted);
      await engines.stop();
    }
  } finally {
    await unlock();
  }
}
