import { resolve } from 'node:path';
import { AppError, createApi } from '../../../shared/contract';
import { PREVIEW_LIMITS } from '../../../shared/run/schema';
import { defaultDataDir } from '../../common/paths';
import { EngineClient } from '../engine-client';
import { appLayout, assertBuilt } from '../layout';
import { nodeEngineSpawner } from '../spawn-node';
import { formatDoctor, formatPerception, formatRefinement } from './format';

const USAGE = `Usage: physstudio <command> [options]

Commands:
  doctor [--json]   versions, execution providers that load, GPUs, model packs
  refine "<prompt>" [--target NAME] [--backend builtin|llm] [--alternatives] [--seed N] [--json]
                    the physics-refined prompt with its reasoning
  perceive <image> [--prompt "..."] [--seconds N] [--json]
                    the scene the physics encoder perceives, with predicted interactions
  generate [--image <file>] --prompt "..." --out <dir> [--seconds 1-10] [--fps 12-30] [--size 64-1024] [--seed N] [--json]
           [--tier preview|render] [--pack ID] [--steps N] [--guidance G] [--frames N] [--strength S|none] [--negative "..."]
                    baseline and physics-conditioned clips, the side-by-side composite and the sidecar;
                    --tier render uses a video model pack (see doctor) on the best execution provider
  evaluate <frames dir> [--prompt "..."] [--image <first frame>] [--fps N] [--json]
                    judges any clip from its pixels (PNG or JPEG frames, in name order): the physics
                    score, plausible or not, and each check with its reason
  batch <cases.jsonl|folder> --out <dir> [--tier preview|render] [--pack ID] [--workers N] [--no-refine]
        [--seconds N] [--fps N] [--size PX] [--seed N] [--title "..."] [--queue redis://host:port] [--json]
                    every case through generate, N at once; resumable (run it again); report.html/.csv/.json
  worker --queue redis://host:port [--workers N]
                    makes cases from a batch queue on this machine (see docs/batch.md)
  report <batch-dir> [--json]        writes the batch's report again
  dataset <batch-dir> --out <dir> [--margin N|none] [--json]
                    judged pairs as a preference dataset for DPO (docs/preference-dataset.md)

Options:
  --json            print exactly one JSON document on stdout
  --data-dir DIR    use DIR for settings, library and caches
  -h, --help        show this help`;

/** A usage or input error: one line on stderr, exit code 2. */
class UsageError extends Error {}

async function withEngine<T>(dataDir: string, work: (api: ReturnType<typeof createApi>) => Promise<T>): Promise<T> {
  const layout = appLayout();
  assertBuilt(layout);
  const engine = new EngineClient({
    spawn: nodeEngineSpawner({ enginePath: layout.enginePath, resourcesDir: layout.resourcesDir, dataDir }),
    maxRestarts: 0,
    cooldownMs: null,
  });
  try {
    return await work(createApi(engine));
  } finally {
    await engine.stop();
  }
}

interface Args {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set([
  '--data-dir',
  '--target',
  '--backend',
  '--seed',
  '--prompt',
  '--seconds',
  '--image',
  '--out',
  '--fps',
  '--size',
  '--tier',
  '--pack',
  '--steps',
  '--guidance',
  '--frames',
  '--strength',
  '--negative',
  '--workers',
  '--queue',
  '--title',
  '--margin',
]);
const BOOLEAN_FLAGS = new Set(['--json', '--alternatives', '--no-refine']);

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (VALUE_FLAGS.has(arg)) {
      const value = rest[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, value);
    } else if (BOOLEAN_FLAGS.has(arg)) flags.set(arg, true);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { command, positional, flags };
}

const str = (args: Args, flag: string) => {
  const v = args.flags.get(flag);
  return typeof v === 'string' ? v : undefined;
};

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const args = parseArgs(argv);
  const json = args.flags.has('--json');
  const dataDir = str(args, '--data-dir') ?? defaultDataDir();

  switch (args.command) {
    case 'doctor': {
      if (args.positional.length > 0) throw new UsageError(`doctor takes no arguments (got "${args.positional[0]}")`);
      const report = await withEngine(dataDir, (api) => api['system.doctor']({}));
      process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatDoctor(report)}\n`);
      return report.activeProvider ? 0 : 1;
    }
    case 'refine': {
      if (args.positional.length !== 1) throw new UsageError('refine takes one prompt in quotes');
      const backend = str(args, '--backend');
      if (backend !== undefined && backend !== 'builtin' && backend !== 'llm') throw new UsageError('--backend is builtin or llm');
      const seed = str(args, '--seed');
      if (seed !== undefined && !/^\d{1,9}$/.test(seed)) throw new UsageError('--seed is a whole number');
      const target = str(args, '--target');
      const refinement = await withEngine(dataDir, (api) =>
        api['prompt.refine']({
          prompt: args.positional[0] as string,
          ...(target ? { target } : {}),
          ...(backend ? { backend } : {}),
          ...(seed ? { seed: Number(seed) } : {}),
          alternatives: args.flags.has('--alternatives'),
          jobId: `cli_${process.pid}`,
        }),
      );
      process.stdout.write(json ? `${JSON.stringify(refinement)}\n` : `${formatRefinement(refinement)}\n`);
      return 0;
    }
    case 'perceive': {
      if (args.positional.length !== 1) throw new UsageError('perceive takes one image path');
      const seconds = str(args, '--seconds');
      if (seconds !== undefined && !(Number(seconds) >= 1 && Number(seconds) <= 10)) throw new UsageError('--seconds is between 1 and 10');
      const prompt = str(args, '--prompt');
      const perception = await withEngine(dataDir, (api) =>
        api['scene.perceive']({
          image: resolve(args.positional[0] as string),
          ...(prompt ? { prompt } : {}),
          ...(seconds ? { seconds: Number(seconds) } : {}),
          jobId: `cli_${process.pid}`,
        }),
      );
      process.stdout.write(json ? `${JSON.stringify(perception.scene)}\n` : `${formatPerception(perception)}\n`);
      return 0;
    }
    case 'generate': {
      if (args.positional.length > 0) throw new UsageError(`generate takes options only (got "${args.positional[0]}")`);
      const image = str(args, '--image');
      const out = str(args, '--out');
      if (!image && !str(args, '--prompt')?.trim()) throw new UsageError('generate needs --image <file>, --prompt "...", or both');
      if (!out) throw new UsageError('generate needs --out <dir>');
      const tier = str(args, '--tier') ?? 'preview';
      if (tier !== 'preview' && tier !== 'render') throw new UsageError('--tier is preview or render');
      const renderOnly = ['--pack', '--steps', '--guidance', '--frames', '--strength', '--negative'].find((f) => args.flags.has(f));
      if (tier === 'preview' && renderOnly) throw new UsageError(`${renderOnly} is for --tier render`);
      if (tier === 'render' && !str(args, '--pack')) throw new UsageError('--tier render needs --pack ID (physstudio doctor lists the installed packs)');
      const number = (flag: string, lo: number, hi: number, integer: boolean) => {
        const v = str(args, flag);
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < lo || n > hi)
          throw new UsageError(`${flag} is ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`);
        return n;
      };
      // The preview tier's own limits (the same ones the app's Render tab and the engine apply), so a
      // value the engine would only cap is refused here, naming the range.
      const L = PREVIEW_LIMITS;
      const previewSize = tier === 'preview' ? ([L.minSide, L.maxSide] as const) : ([16, 4096] as const);
      const settings = {
        ...(str(args, '--seconds') ? { seconds: number('--seconds', L.seconds.min, L.seconds.max, false) as number } : {}),
        ...(str(args, '--fps') ? { fps: number('--fps', L.fps.min, L.fps.max, true) as number } : {}),
        ...(str(args, '--size') ? { size: number('--size', previewSize[0], previewSize[1], true) as number } : {}),
        ...(str(args, '--seed') ? { seed: number('--seed', 0, 2 ** 31 - 1, true) as number } : {}),
      };
      const strength = str(args, '--strength');
      if (strength !== undefined && strength !== 'none' && !(Number(strength) > 0 && Number(strength) <= 1))
        throw new UsageError('--strength is a number in (0, 1], or none');
      const render =
        tier === 'render'
          ? {
              packId: str(args, '--pack') as string,
              ...(str(args, '--steps') ? { steps: number('--steps', 1, 200, true) as number } : {}),
              ...(str(args, '--guidance') ? { guidance: number('--guidance', 0, 50, false) as number } : {}),
              ...(str(args, '--frames') ? { frames: number('--frames', 1, 1024, true) as number } : {}),
              ...(str(args, '--size') ? { size: number('--size', 16, 4096, true) as number } : {}),
              ...(strength !== undefined ? { initStrength: strength === 'none' ? null : Number(strength) } : {}),
              ...(str(args, '--negative') !== undefined ? { negativePrompt: str(args, '--negative') as string } : {}),
            }
          : undefined;
      const { generateFromCli, formatRun } = await import('./generate');
      const outcome = await withEngine(dataDir, (api) =>
        generateFromCli(api, {
          image: image ?? null,
          prompt: str(args, '--prompt') ?? '',
          out,
          settings,
          ...(render ? { render } : {}),
          log: (line) => !json && process.stderr.isTTY && process.stderr.write(`${line}\n`),
        }),
      );
      // stdout holds exactly the one JSON document; what the user should still know goes to stderr.
      if (json) for (const n of outcome.notices) process.stderr.write(`physstudio: note: ${n}\n`);
      process.stdout.write(json ? `${JSON.stringify(outcome.run)}\n` : `${formatRun(outcome.run, outcome.files, outcome.notices)}\n`);
      return 0;
    }
    case 'evaluate': {
      if (args.positional.length !== 1) throw new UsageError('evaluate takes one folder of frames');
      const fps = Number(str(args, '--fps') ?? 24);
      if (!(fps >= 1 && fps <= 240)) throw new UsageError('--fps is a number from 1 to 240');
      const { evaluateFromCli, formatEvaluation } = await import('./evaluate');
      const { evaluation } = await withEngine(dataDir, (api) =>
        evaluateFromCli(api, { frames: args.positional[0] as string, image: str(args, '--image'), prompt: str(args, '--prompt') ?? '', fps }),
      );
      process.stdout.write(json ? `${JSON.stringify(evaluation)}\n` : `${formatEvaluation(evaluation)}\n`);
      return 0;
    }
    case 'batch':
    case 'worker':
    case 'report':
    case 'dataset': {
      const commands = await import('./batch-command');
      const run = { batch: commands.batchCommand, worker: commands.workerCommand, report: commands.reportCommand, dataset: commands.datasetCommand }[
        args.command
      ];
      return run(args, { json, dataDir, usage: (message) => new UsageError(message) });
    }
    default:
      throw new UsageError(`unknown command "${args.command}" (try --help)`);
  }
}

// exitCode, not exit(): exit() ends the process before a slow reader has drained stdout's pipe,
// which cut large --json documents short. The engine is stopped by then, so nothing keeps us alive.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const reason = err instanceof AppError ? `${err.message}${err.hint ? ` ${err.hint}` : ''}` : (err as Error).message;
    process.stderr.write(`physstudio: ${reason.replace(/\s+/g, ' ')}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
