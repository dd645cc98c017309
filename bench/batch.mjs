// Batch throughput on the real path (`physstudio batch`, built CLI, real engines):
//   - cases per minute with 1 and with 2 local engine processes, and the scaling ratio;
//   - the queue's overhead per case: the same batch through BullMQ on a local redis-server with
//     one `physstudio worker`, against one local engine; and BullMQ's bare round trip per job.
// Runnable alone: `node bench/batch.mjs [cases]` (after `npm run build`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = ['--size', '256', '--seconds', '2', '--fps', '12'];

function casesFile(root, count) {
  const samples = JSON.parse(readFileSync(join(root, 'resources', 'samples', 'samples.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-cases-'));
  const lines = Array.from({ length: count }, (_, i) => {
    const s = samples[i % samples.length];
    return JSON.stringify({ id: `b${i}`, image: join(root, 'resources', 'samples', s.image), prompt: s.prompt, seed: i });
  });
  writeFileSync(join(dir, 'cases.jsonl'), `${lines.join('\n')}\n`);
  return join(dir, 'cases.jsonl');
}

function timed(root, args) {
  const out = join(mkdtempSync(join(tmpdir(), 'ps-bench-batch-')), 'out');
  const data = mkdtempSync(join(tmpdir(), 'ps-bench-data-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'physstudio.cjs'), 'batch', ...args, '--out', out, ...SIZE, '--data-dir', data, '--json'], {
    encoding: 'utf8',
    timeout: 1_800_000,
  });
  const ms = performance.now() - t0;
  rmSync(dirname(out), { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`batch failed: ${r.stderr.slice(-500)}`);
  return ms;
}

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function withRedis(work) {
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (!bin) return null;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-redis-'));
  const redis = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve) => redis.stdout.on('data', (c) => /Ready to accept/.test(c.toString()) && resolve()));
  try {
    return await work(`redis://127.0.0.1:${port}`, port);
  } finally {
    redis.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BullMQ's own cost per job: add, a worker takes it, completes it, the producer sees it done (no work in between). */
async function bareRoundTrip(root, port, jobs = 200) {
  const { createRequire } = await import('node:module');
  const { Queue, Worker, QueueEvents } = createRequire(join(root, 'package.json'))('bullmq');
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  const name = `bare-${process.pid}`;
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  const worker = new Worker(name, async () => 'ok', { connection });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  const t0 = performance.now();
  for (let i = 0; i < jobs; i++) {
    const job = await queue.add('x', { i });
    await job.waitUntilFinished(events);
  }
  const ms = (performance.now() - t0) / jobs;
  await Promise.all([worker.close(), events.close()]);
  await queue.obliterate({ force: true });
  await queue.close();
  return ms;
}

export async function benchBatch(root, count = 8) {
  const cases = casesFile(root, count);
  const perMin = (ms) => (count / ms) * 60_000;
  const one = timed(root, [cases, '--workers', '1']);
  const two = timed(root, [cases, '--workers', '2']);
  console.log(`batch, ${count} cases (256 px, 2 s @12 fps, refine on), 1 engine:  ${(one / 1000).toFixed(1)} s  → ${perMin(one).toFixed(1)} cases/min`);
  console.log(`batch, ${count} cases, 2 engines:                                ${(two / 1000).toFixed(1)} s  → ${perMin(two).toFixed(1)} cases/min`);
  console.log(`scaling 1 → 2 engines: ×${(one / two).toFixed(2)}`);
  const queue = await withRedis(async (url, port) => {
    const data = mkdtempSync(join(tmpdir(), 'ps-bench-worker-'));
    const worker = spawn(
      process.execPath,
      [join(root, 'bin', 'physstudio.cjs'), 'worker', '--queue', `${url}?queue=bench-${process.pid}`, '--data-dir', data],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise((resolve) => worker.stderr.on('data', (c) => / on bench-/.test(c.toString()) && resolve()));
    try {
      const viaQueue = timed(root, [cases, '--queue', `${url}?queue=bench-${process.pid}`]);
      return { viaQueue, bare: await bareRoundTrip(root, port) };
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
      rmSync(data, { recursive: true, force: true });
    }
  });
  if (!queue) console.log('queue overhead: skipped (no redis-server)');
  else {
    console.log(
      `batch, ${count} cases, BullMQ queue + 1 worker (same machine):  ${(queue.viaQueue / 1000).toFixed(1)} s  → ${perMin(queue.viaQueue).toFixed(1)} cases/min`,
    );
    console.log(
      `queue overhead per case: ${((queue.viaQueue - one) / count).toFixed(0)} ms against 1 local engine (includes polling at 0.5 s); BullMQ bare round trip ${queue.bare.toFixed(2)} ms/job`,
    );
  }
  rmSync(dirname(cases), { recursive: true, force: true });
  return { one, two, ratio: one / two, queue };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  await benchBatch(root, Number(process.argv[2] ?? 8));
}
