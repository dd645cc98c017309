import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES, ROOT } from './engine';

export const BIN = join(ROOT, 'bin', 'physstudio.cjs');
/** Small and short, so a busy 2-core machine gets through 20 cases quickly. */
export const SMALL = ['--size', '128', '--seconds', '1', '--fps', '12'];

const SAMPLES = JSON.parse(readFileSync(join(RESOURCES, 'samples', 'samples.json'), 'utf8')) as Array<{ id: string; image: string; prompt: string }>;

/** A JSONL cases file: the bundled samples, over and over with different seeds. */
export function casesFile(count: number, extra: object[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-cases-'));
  const lines = Array.from({ length: count }, (_, i) => {
    const s = SAMPLES[i % SAMPLES.length] as (typeof SAMPLES)[number];
    return JSON.stringify({ id: `c${String(i + 1).padStart(2, '0')}-${s.id}`, image: join(RESOURCES, 'samples', s.image), prompt: s.prompt, seed: 100 + i });
  });
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, `${[...lines, ...extra.map((e) => JSON.stringify(e))].join('\n')}\n`);
  return file;
}

export function cliSync(args: string[], timeout = 600_000) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout });
}

export function cliSpawn(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return Object.assign(child, { output: () => text });
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** Committed case folders of a batch (hidden partial folders excluded). */
export const caseFolders = (out: string) => readdirSync(join(out, 'cases')).filter((n) => !n.startsWith('.'));
export const libraryRuns = (dataDir: string) => readdirSync(join(dataDir, 'library', 'runs')).filter((n) => !n.startsWith('.'));
