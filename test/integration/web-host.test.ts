import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineClient } from '../../electron/hosts/engine-client';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { ROOT, realEngine, tempDataDir } from '../helpers/engine';

let host: WebHost;
let engine: EngineClient;
let base: string;

beforeAll(async () => {
  const dataDir = tempDataDir();
  mkdirSync(join(dataDir, 'library', 'runs'), { recursive: true });
  writeFileSync(join(dataDir, 'library', 'runs', 'poster.png'), 'png-bytes');
  writeFileSync(join(dataDir, 'outside.txt'), 'secret');
  engine = realEngine(dataDir);
  host = await startWebHost({ engine, rendererDir: join(ROOT, 'dist', 'renderer'), libraryDir: join(dataDir, 'library') });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host?.close();
  await engine?.stop();
});

const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser host', () => {
  it('binds to loopback on a free port and prints a tokened URL', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the same contract as the other hosts', async () => {
    const res = await invoke('system.ping', {}, { 'x-physstudio-token': host.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { pid: number } };
    expect(body.ok).toBe(true);
    expect(body.value.pid).toBe(engine.pid);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [{}, { 'x-physstudio-token': 'guess' }, { 'x-physstudio-token': `${host.token}x` }];
    for (const headers of attempts) {
      const res = await invoke('system.ping', {}, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a request from another origin even with the token', async () => {
    const res = await invoke('system.ping', {}, { 'x-physstudio-token': host.token, origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
    const sameOrigin = await invoke('system.ping', {}, { 'x-physstudio-token': host.token, origin: base });
    expect(sameOrigin.status).toBe(200);
  });

  it('answers malformed bodies with typed errors', async () => {
    const t = { 'x-physstudio-token': host.token };
    expect(await (await invoke('system.ping', '{not json', t)).json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(await (await invoke('models.verify', { packId: 5 }, t)).json()).toMatchObject({ error: { code: 'bad_request' } });
    const huge = await invoke('models.verify', { packId: 'x'.repeat(10 * 1024 * 1024), jobId: 'j' }, t);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await invoke('system.ping', {}, t)).status).toBe(200);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
  });

  it('serves library media only with the token and only from inside the library', async () => {
    expect((await fetch(`${base}/media/runs/poster.png`)).status).toBe(401);
    const ok = await fetch(`${base}/media/runs/poster.png?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    for (const bad of ['/media/..%2Foutside.txt', '/media/runs%2F..%2F..%2Foutside.txt', '/media/%2Fetc%2Fpasswd']) {
      const res = await fetch(`${base}${bad}?token=${host.token}`);
      expect([400, 404], bad).toContain(res.status);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('streams events over a WebSocket that needs the token and our origin', async () => {
    const open = (url: string, origin?: string) =>
      new Promise<{ opened: boolean; first?: unknown }>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('message', (data) => {
          resolve({ opened: true, first: JSON.parse(String(data)) });
          ws.close();
        });
        ws.on('error', () => resolve({ opened: false }));
      });
    const wsBase = `ws://127.0.0.1:${host.port}/api/events`;
    expect((await open(wsBase)).opened).toBe(false);
    expect((await open(`${wsBase}?token=${host.token}`, 'http://evil.example')).opened).toBe(false);
    const good = await open(`${wsBase}?token=${host.token}`, base);
    expect(good).toMatchObject({ opened: true, first: { name: 'engine.status', payload: { state: 'ready' } } });
  });

  it('imports a multi-megabyte image through the contract and stores it in the library', async () => {
    const { default: sharp } = await import('sharp');
    // Random pixels do not compress, so the PNG is several megabytes.
    const noise = randomBytes(1400 * 1000 * 3);
    const png = await sharp(noise, { raw: { width: 1400, height: 1000, channels: 3 } })
      .png()
      .toBuffer();
    expect(png.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await invoke('inputs.import', { name: 'noise.png', dataBase64: png.toString('base64') }, { 'x-physstudio-token': host.token });
    const body = (await res.json()) as { ok: boolean; value: { path: string; width: number; bytes: number } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ width: 1400, bytes: png.length });
    expect(body.value.path).toContain(join('library', 'inputs'));
    expect(existsSync(body.value.path)).toBe(true);
  });
});
