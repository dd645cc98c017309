import { resolve } from 'node:path';
import type { BatchOptions } from '../../../shared/batch/schema';
import type { createApi } from '../../../shared/contract';
import { formatDuration } from './batch-progress';

export interface CommandArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

interface Env {
  json: boolean;
  dataDir: string;
  usage: (message: string) => Error;
}

const str = (args: CommandArgs, flag: string) => {
  const v = args.flags.get(flag);
  return typeof v === 'string' ? v : undefined;
};

function whole(args: CommandArgs, env: Env, flag: string, lo: number, hi: number, integer = true): number | undefined {
  const v = str(args, flag);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < lo || n > hi)
    throw env.usage(`${flag} is ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`);
  return n;
}

/** `physstudio batch <cases> --out <dir> [...]` */
export async function batchCommand(args: CommandArgs, env: Env): Promise<number> {
  if (args.positional.length !== 1) throw env.usage('batch takes one cases file (JSONL) or folder of images');
  const out = str(args, '--out');
  if (!out) throw env.usage('batch needs --out <dir> (run the same command again to resume)');
  const tier = str(args, '--tier') ?? 'preview';
  if (tier !== 'preview' && tier !== 'render') throw env.usage('--tier is preview or render');
  const packId = str(args, '--pack') ?? null;
  if (tier === 'render' && !packId) throw env.usage('--tier render needs --pack ID (physstudio doctor lists the installed packs)');
  if (tier === 'preview' && packId) throw env.usage('--pack is for --tier render');
  const workers = whole(args, env, '--workers', 1, 64) ?? 1;
  const queue = str(args, '--queue');
  if (queue && args.flags.has('--workers')) throw env.usage('--workers is for one machine; with --queue, start `physstudio worker` on each machine');
  const seconds = whole(args, env, '--seconds', 0.1, 600, false);
  const fps = whole(args, env, '--fps', 1, 240);
  const size = whole(args, env, '--size', 16, 8192);
  const seed = whole(args, env, '--seed', 0, 2 ** 31 - 1);
  const options: BatchOptions = {
    tier,
    packId,
    refine: !args.flags.has('--no-refine'),
    settings: {
      ...(seconds !== undefined ? { seconds } : {}),
      ...(fps !== undefined ? { fps } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
  };
  const { runBatch } = await import('./batch');
  const outcome = await runBatch({
    cases: args.positional[0] as string,
    out,
    options,
    workers,
    dataDir: env.dataDir,
    ...(str(args, '--title') ? { title: str(args, '--title') as string } : {}),
    ...(queue ? { queue } : {}),
  });
  if (env.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
  else {
    const lines = [
      `Batch ${outcome.id}: ${outcome.ok} of ${outcome.total} cases made, ${outcome.failed} failed${outcome.deadLetter.length ? `, ${outcome.deadLetter.length} given up by the queue` : ''}.`,
      `  ${outcome.dir}`,
      ...(outcome.report ? [`Report: ${outcome.report.html}`, `        ${outcome.report.csv}`, `        ${outcome.report.json}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return outcome.failed > 0 || outcome.deadLetter.length > 0 ? 1 : 0;
}

/** `physstudio worker --queue redis://… [--workers N]` */
export async function workerCommand(args: CommandArgs, env: Env): Promise<number> {
  const queue = str(args, '--queue');
  if (!queue) throw env.usage('worker needs --queue redis://host:port');
  if (args.positional.length > 0) throw env.usage(`worker takes options only (got "${args.positional[0]}")`);
  const concurrency = whole(args, env, '--workers', 1, 64) ?? 1;
  const { runWorker } = await import('./worker');
  await runWorker(queue, env.dataDir, concurrency, (line) => process.stderr.write(`physstudio worker: ${line}\n`));
  return 0;
}

/** Engine work on a batch folder from the command line: the report, or a dataset. */
async function withOneEngine<T>(dataDir: string, work: (api: ReturnType<typeof createApi>) => Promise<T>): Promise<T> {
  const { startEngines } = await import('./batch-engines');
  const engines = await startEngines(dataDir, 1);
  try {
    return await work(engines.apis[0] as ReturnType<typeof createApi>);
  } finally {
    await engines.stop();
  }
}

/** `physstudio report <batch-dir>` */
export async function reportCommand(args: CommandArgs, env: Env): Promise<number> {
  if (args.positional.length !== 1) throw env.usage('report takes one batch folder');
  const dir = resolve(args.positional[0] as string);
  const files = await withOneEngine(env.dataDir, (api) => api['batches.writeReport']({ dir, jobId: `cli_${process.pid}` }));
  process.stdout.write(env.json ? `${JSON.stringify(files)}\n` : `${files.html}\n${files.csv}\n${files.json}\n`);
  return 0;
}

/** `physstudio dataset <batch-dir> --out <dir> [--margin N|none]` */
export async function datasetCommand(args: CommandArgs, env: Env): Promise<number> {
  if (args.positional.length !== 1) throw env.usage('dataset takes one batch folder');
  const out = str(args, '--out');
  if (!out) throw env.usage('dataset needs --out <dir> (a new folder)');
  const m = str(args, '--margin');
  const machineMargin = m === undefined || m === 'none' ? null : Number(m);
  if (machineMargin !== null && !(machineMargin >= 0 && machineMargin <= 100)) throw env.usage('--margin is a number of points from 0 to 100, or none');
  const started = Date.now();
  const result = await withOneEngine(env.dataDir, (api) =>
    api['batches.dataset']({ dir: resolve(args.positional[0] as string), out: resolve(out), machineMargin, jobId: `cli_${process.pid}` }),
  );
  process.stdout.write(
    env.json
      ? `${JSON.stringify(result)}\n`
      : `${result.rows} pairs (${result.person} judged by a person, ${result.machine} by the pixel scores) in ${result.dir}; ${result.left} case(s) left out · ${formatDuration((Date.now() - started) / 1000)}\n`,
  );
  return 0;
}
