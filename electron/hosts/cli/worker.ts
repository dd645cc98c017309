import { UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { BatchManifestSchema } from '../../../shared/batch/schema';
import { AppError } from '../../../shared/contract';
import { workerName } from '../../engine/batch/store';
import { dropOrphans, runCase } from './batch-case';
import { startEngines } from './batch-engines';
import { lockMs, type QueuedCase, queueTarget } from './queue-connection';

const QueuedCaseSchema = z.object({ out: z.string().min(1), manifest: BatchManifestSchema, caseId: z.string() });

/**
 * `physstudio worker --queue redis://…`: takes cases from the queue, makes each with an engine
 * on this machine and commits it into the batch folder named in the job (a folder every worker
 * and the producer can reach). A worker that dies mid-case loses its lock; BullMQ then hands
 * the case to another worker, and the atomic commit keeps it to one result.
 */
export async function runWorker(url: string, dataDir: string, concurrency: number, log: (line: string) => void): Promise<void> {
  const target = queueTarget(url);
  const engines = await startEngines(dataDir, concurrency);
  const free = [...engines.apis.keys()];
  const me = workerName();
  const worker = new Worker<QueuedCase>(
    target.name,
    async (job) => {
      const slot = free.pop();
      const api = slot === undefined ? undefined : engines.apis[slot];
      if (slot === undefined || !api) throw new AppError('internal', 'No engine is free for this case.');
      try {
        // A job someone else put on this queue is refused for good (no retries), not half-run.
        const data = QueuedCaseSchema.safeParse(job.data);
        if (!data.success) throw new UnrecoverableError(`Job ${job.id} is not a PhysStudio case (${data.error.issues[0]?.message ?? 'bad data'}).`);
        const c = data.data.manifest.cases.find((x) => x.id === data.data.caseId);
        if (!c) throw new UnrecoverableError(`Case ${data.data.caseId} is not in its batch.`);
        log(`taking case ${c.id} (attempt ${job.attemptsMade + 1})`);
        await job.updateProgress({ worker: me, stage: 'starting' });
        // A run this machine made for the case before dying is not the case's result: drop it.
        await dropOrphans(api, job.data.manifest.id, new Set(), c.id);
        const { record, committed } = await runCase(
          {
            api,
            out: job.data.out,
            manifest: job.data.manifest,
            jobId: `worker_${process.pid}_${slot}`,
            stage: (stage) => void job.updateProgress({ worker: me, stage }).catch(() => {}),
          },
          c,
        );
        log(`${committed ? 'committed' : 'already done'} case ${c.id}: ${record.status}`);
        return { caseId: c.id, status: record.status, worker: record.worker, committed };
      } finally {
        free.push(slot);
      }
    },
    { connection: target.connection, concurrency, lockDuration: lockMs(), stalledInterval: Math.max(1_000, Math.round(lockMs() / 2)), maxStalledCount: 2 },
  );
  // A lost Redis reports the same error on every reconnect attempt: say it once a minute, not hundreds of times.
  const said = new Map<string, number>();
  worker.on('error', (err) => {
    if (Date.now() - (said.get(err.message) ?? 0) < 60_000) return;
    said.set(err.message, Date.now());
    log(`queue: ${err.message}`);
  });
  worker.on('failed', (job, err) => log(`case ${job?.data.caseId ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
  log(`worker ${me} on ${target.name} at ${target.connection.host}:${target.connection.port}, ${concurrency} engine(s)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('stopping: finishing the current case(s)…');
  await worker.close();
  await engines.stop();
}
