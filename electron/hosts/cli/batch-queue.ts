import { Queue } from 'bullmq';
import type { BatchCase, BatchManifest } from '../../../shared/batch/schema';
import { AppError } from '../../../shared/contract';
import { readRecord } from '../../engine/batch/store';
import type { BatchProgress } from './batch-progress';
import { type QueuedCase, queueTarget } from './queue-connection';

/** Attempts per case before BullMQ moves it to its failed set, our dead-letter list. */
export const ATTEMPTS = 3;

const jobIdOf = (batchId: string, caseId: string) => `${batchId}--${caseId}`;

/**
 * Puts a batch's pending cases on the queue (one job per case, its id derived from the batch
 * and the case, so adding a case twice is a no-op) and waits until each case has a record in
 * the batch folder or the queue has given up on it. Workers (`physstudio worker`) do the work.
 */
export async function runOnQueue(
  url: string,
  out: string,
  manifest: BatchManifest,
  pending: BatchCase[],
  progress: BatchProgress,
): Promise<{ deadLetter: string[] }> {
  const target = queueTarget(url);
  const queue = new Queue<QueuedCase>(target.name, { connection: target.connection });
  const said = new Map<string, number>();
  const failing = (err: Error) => {
    if (Date.now() - (said.get(err.message) ?? 0) < 60_000) return;
    said.set(err.message, Date.now());
    progress.note(`queue: ${err.message}`);
  };
  queue.on('error', failing);
  try {
    await Promise.race([
      queue.waitUntilReady(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new AppError('timeout', `Redis at ${url} did not answer within 10 s.`, 'Is redis-server running there?')), 10_000).unref(),
      ),
    ]);
    for (const c of pending) {
      const id = jobIdOf(manifest.id, c.id);
      const existing = await queue.getJob(id);
      // A case the queue gave up on earlier is retried when the batch is run again.
      if (existing && (await existing.getState()) === 'failed') await existing.retry('failed');
      else if (!existing)
        await queue.add(
          'case',
          { out, manifest, caseId: c.id },
          { jobId: id, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { count: 10_000 }, removeOnFail: false },
        );
    }
    const waiting = new Set(pending.map((c) => c.id));
    const deadLetter: string[] = [];
    const reported = new Map<string, string>();
    while (waiting.size > 0) {
      for (const caseId of [...waiting]) {
        const record = await readRecord(out, caseId);
        if (record) {
          waiting.delete(caseId);
          progress.tick(caseId, record.status === 'ok');
          continue;
        }
        const job = await queue.getJob(jobIdOf(manifest.id, caseId));
        const state = job ? await job.getState() : 'missing';
        if (state === 'failed') {
          waiting.delete(caseId);
          deadLetter.push(caseId);
          progress.note(`dead letter: ${caseId} failed ${job?.attemptsMade ?? '?'} times: ${job?.failedReason ?? ''}`);
        } else if (state === 'active' && job) {
          // Each worker's progress is the job's own progress in BullMQ.
          const p = job.progress as { worker?: string; stage?: string } | number;
          const line = typeof p === 'object' && p?.stage ? `${caseId} on ${p.worker}: ${p.stage}` : '';
          if (line && reported.get(caseId) !== line) {
            reported.set(caseId, line);
            if (process.stderr.isTTY) progress.note(line);
          }
        }
      }
      if (waiting.size > 0) await new Promise((r) => setTimeout(r, 500));
    }
    return { deadLetter };
  } finally {
    await queue.close();
  }
}
