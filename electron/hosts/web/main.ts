import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defaultDataDir } from '../../common/paths';
import { EngineClient } from '../engine-client';
import { appLayout, assertBuilt } from '../layout';
import { nodeEngineSpawner } from '../spawn-node';
import { startWebHost } from './server';

const USAGE = `Usage: node dist/web/server.cjs [options]   (npm run web builds first, then opens a browser)

Serves the PhysStudio UI and API on 127.0.0.1 with a per-start token, backed by the real engine.

Options:
  --port N          listen on port N (default: a free port)
  --data-dir DIR    use DIR for settings, library and caches
  --open            open the printed URL in the default browser
  --verbose         echo the engine's stderr
  -h, --help        show this help`;

const KNOWN = new Set(['--port', '--data-dir', '--open', '--verbose']);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stdout.write('Could not open a browser; open the URL above yourself.\n'));
    child.unref();
  } catch {
    // opening a browser is a convenience; the URL is already printed
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = args.find((a, i) => a.startsWith('-') && !KNOWN.has(a) && !['--port', '--data-dir'].includes(args[i - 1] ?? ''));
  if (unknown) throw new Error(`unknown option ${unknown} (try --help)`);
  const port = Number(argValue('--port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port is a whole number from 0 to 65535');
  const layout = appLayout();
  assertBuilt(layout);
  const dataDir = argValue('--data-dir') ?? defaultDataDir();
  const engine = new EngineClient({
    spawn: nodeEngineSpawner({ enginePath: layout.enginePath, resourcesDir: layout.resourcesDir, dataDir, echoStderr: process.argv.includes('--verbose') }),
  });
  const [host] = await Promise.all([startWebHost({ engine, rendererDir: layout.rendererDir, libraryDir: join(dataDir, 'library'), port }), engine.start()]);
  process.stdout.write(`PhysStudio is running at ${host.url}\nPress Ctrl+C to stop.\n`);
  if (process.argv.includes('--open')) openInBrowser(host.url);

  const shutdown = async () => {
    await Promise.allSettled([host.close(), engine.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: Error) => {
  process.stderr.write(`physstudio web: ${err.message}\n`);
  process.exit(1);
});
