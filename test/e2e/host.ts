import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { ROOT, tempDataDir } from '../helpers/engine';

export interface BrowserHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts `node dist/web/server.cjs` exactly as `npm run web` does, with its own data folder. */
export async function startBrowserHost(settings?: Record<string, unknown>): Promise<BrowserHost> {
  const dataDir = tempDataDir(settings);
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'web', 'server.cjs'), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser host did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`browser host exited with ${code}: ${out}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir, process: child };
}

export async function stopBrowserHost(host: BrowserHost): Promise<void> {
  if (host.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    host.process.once('exit', () => resolve());
    host.process.kill('SIGTERM');
    setTimeout(() => host.process.kill('SIGKILL'), 3_000).unref();
  });
}

/** Asks the host which engine process serves it, through the public API with the token. */
export async function enginePid(host: BrowserHost): Promise<number> {
  const res = await fetch(`${host.origin}/api/invoke/system.ping`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-physstudio-token': host.token },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; value: { pid: number } };
  if (!body.ok) throw new Error('ping failed');
  return body.value.pid;
}

export const test = base.extend<{ host: BrowserHost }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
  host: async ({}, use) => {
    const host = await startBrowserHost();
    await use(host);
    await stopBrowserHost(host);
  },
});
export { expect } from '@playwright/test';

/** Calls one channel of the public API with the host's token, as the app does. */
export async function invoke<T>(host: BrowserHost, channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-physstudio-token': host.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel} failed: ${body.error?.message}`);
  return body.value;
}
