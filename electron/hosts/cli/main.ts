import { AppError, createApi } from '../../../shared/contract';
import { defaultDataDir } from '../../common/paths';
import { EngineClient } from '../engine-client';
import { appLayout, assertBuilt } from '../layout';
import { nodeEngineSpawner } from '../spawn-node';
import { formatDoctor } from './format';

const USAGE = `Usage: physstudio <command> [options]

Commands:
  doctor [--json]   versions, execution providers that load, GPUs, model packs

Options:
  --json            print exactly one JSON document on stdout
  --data-dir DIR    use DIR for settings, library and caches
  -h, --help        show this help`;

/** A usage or input error: one line on stderr, exit code 2. */
class UsageError extends Error {}

async function withEngine<T>(dataDir: string, work: (api: ReturnType<typeof createApi>) => Promise<T>): Promise<T> {
  const layout = appLayout();
  assertBuilt(layout);
  const engine = new EngineClient({ spawn: nodeEngineSpawner({ enginePath: layout.enginePath, resourcesDir: layout.resourcesDir, dataDir }), maxRestarts: 0 });
  try {
    return await work(createApi(engine));
  } finally {
    await engine.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const dataDirIndex = rest.indexOf('--data-dir');
  const dataDir = dataDirIndex >= 0 ? rest[dataDirIndex + 1] : defaultDataDir();
  if (!dataDir) throw new UsageError('--data-dir needs a folder');
  const known = new Set(['--json', '--data-dir', dataDirIndex >= 0 ? rest[dataDirIndex + 1] : '']);
  const unknown = rest.find((a) => !known.has(a));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);

  switch (command) {
    case 'doctor': {
      const report = await withEngine(dataDir, (api) => api['system.doctor']({}));
      process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatDoctor(report)}\n`);
      return report.activeProvider ? 0 : 1;
    }
    default:
      throw new UsageError(`unknown command "${command}" (try --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const reason = err instanceof AppError ? `${err.message}${err.hint ? ` ${err.hint}` : ''}` : (err as Error).message;
    process.stderr.write(`physstudio: ${reason.replace(/\s+/g, ' ')}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
