import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, requireBuild } from './engine';

export interface HostProcess {
  base: string;
  port: number;
  token: string;
  process: ChildProcess;
  /** Everything the host printed, for failure messages. */
  output(): string;
  invoke(
    channel: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>;
  stop(): Promise<void>;
}

/** Starts `node dist/web/server.cjs` as `npm run web` does, in its own process, so a crash of it is seen, not shared. */
export async function startHostProcess(dataDir: string): Promise<HostProcess> {
  requireBuild();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'web', 'server.cjs'), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser host did not start: ${out}`)), 30_000);
    const look = () => {
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    };
    child.stdout?.on('data', look);
    child.on('exit', (code) => reject(new Error(`the browser host exited with ${code}: ${out}`)));
  });
  const base = url.origin;
  const token = url.searchParams.get('token') ?? '';
  return {
    base,
    port: Number(url.port),
    token,
    process: child,
    output: () => out,
    invoke: async (channel, body, headers = {}) => {
      const res = await fetch(`${base}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-physstudio-token': token, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      });
    },
  };
}

/** Polls `cond` until it holds; fails with `what` after `ms`. Generous by default: CI machines are busy. */
export async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
