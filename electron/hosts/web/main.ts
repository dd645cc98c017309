import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defaultDataDir } from '../../common/paths';
import { EngineClient } from '../engine-client';
import { appLayout, assertBuilt } from '../layout';
import { nodeEngineSpawner } from '../spawn-node';
import { startWebHost } from './server';

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
  const layout = appLayout();
  assertBuilt(layout);
  const dataDir = argValue('--data-dir') ?? defaultDataDir();
  const engine = new EngineClient({
    spawn: nodeEngineSpawner({ enginePath: layout.enginePath, resourcesDir: layout.resourcesDir, dataDir, echoStderr: process.argv.includes('--verbose') }),
  });
  const port = Number(argValue('--port') ?? 0);
  const [host] = await Promise.all([
    startWebHost({ engine, rendererDir: layout.rendererDir, libraryDir: join(dataDir, 'library'), port: Number.isInteger(port) ? port : 0 }),
    engine.start(),
  ]);
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
