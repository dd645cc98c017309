import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseRecordSchema } from '../../shared/batch/schema';
import { caseFolders, casesFile, cliSpawn, exited, libraryRuns, SMALL, waitFor } from '../helpers/batch';
import { requireBuild, tempDataDir } from '../helpers/engine';
import { REDIS_SERVER, type RedisServer, startRedis } from '../helpers/redis';

describe.skipIf(!REDIS_SERVER)('batch on a BullMQ queue (real redis-server)', () => {
  requireBuild();
  let redis: RedisServer | undefined;
  const children: Array<ReturnType<typeof cliSpawn>> = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await redis?.stop();
  });

  it('two workers; one killed mid-case, whose case is retried by the other and completed once', { timeout: 900_000 }, async () => {
    redis = await startRedis();
    const url = `${redis.url}?queue=test-${process.pid}`;
    // A short lock so the dead worker's case is handed on in seconds rather than a minute.
    const env = { PHYSSTUDIO_QUEUE_LOCK_MS: '4000' };
    const [dataA, dataB] = [tempDataDir(), tempDataDir()];
    const a = cliSpawn(['worker', '--queue', url, '--data-dir', dataA], env);
    const b = cliSpawn(['worker', '--queue', url, '--data-dir', dataB], env);
    children.push(a, b);
    await waitFor('both workers', () => /on test-/.test(a.output()) && /on test-/.test(b.output()), 60_000);

    const out = join(mkdtempSync(join(tmpdir(), 'ps-queue-')), 'out');
    const producer = cliSpawn(['batch', casesFile(6), '--out', out, ...SMALL, '--queue', url, '--json', '--data-dir', tempDataDir()]);
    children.push(producer);
    await waitFor('worker A to take a case', () => /taking case (\S+)/.test(a.output()));
    a.kill('SIGKILL');
    await exited(a);
    const killedCase = /taking case (\S+)/.exec(a.output())?.[1] as string;
    expect(a.output()).not.toMatch(new RegExp(`committed case ${killedCase}`));

    const code = await exited(producer);
    expect(code, producer.output()).toBe(0);
    const outcome = JSON.parse(
      producer
        .output()
        .split('\n')
        .find((l) => l.startsWith('{')) as string,
    ) as { total: number; ok: number; failed: number; deadLetter: string[] };
    expect(outcome).toMatchObject({ total: 6, ok: 6, failed: 0, deadLetter: [] });

    // Every case exactly once; the killed worker's case was made by the other worker.
    const folders = caseFolders(out).sort();
    expect(folders).toHaveLength(6);
    const records = folders.map((id) => CaseRecordSchema.parse(JSON.parse(readFileSync(join(out, 'cases', id, 'case.json'), 'utf8'))));
    const retried = records.find((r) => r.id === killedCase);
    expect(retried?.worker.endsWith(`:${b.pid}`)).toBe(true);
    expect(b.output()).toMatch(new RegExp(`taking case ${killedCase} `));
    expect((b.output().match(new RegExp(`committed case ${killedCase}:`, 'g')) ?? []).length).toBe(1);
    // B's library holds exactly the runs B committed.
    const byB = records.filter((r) => r.worker.endsWith(`:${b.pid}`)).map((r) => r.runId);
    expect(libraryRuns(dataB).sort()).toEqual(byB.sort());

    // BullMQ's own view: all six completed, none failed; the retried one completed by B.
    const queue = new Queue(`test-${process.pid}`, { connection: { host: '127.0.0.1', port: Number(new URL(redis.url).port) } });
    try {
      expect(await queue.getJobCounts('completed', 'failed', 'active', 'wait')).toEqual({ completed: 6, failed: 0, active: 0, wait: 0 });
      const job = (await queue.getJobs(['completed'])).find((j) => j.data.caseId === killedCase);
      expect(job?.returnvalue).toMatchObject({ caseId: killedCase, committed: true });
      expect(String((job?.returnvalue as { worker?: string } | undefined)?.worker).endsWith(`:${b.pid}`)).toBe(true);
    } finally {
      await queue.close();
    }
    b.kill('SIGTERM');
    expect(await exited(b)).toBe(0);
  });
});
