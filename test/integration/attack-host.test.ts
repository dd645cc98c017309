import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost } from '../../electron/hosts/web/server';
import { ERROR_CODES, type ErrorCode, fail, type Transport } from '../../shared/contract';
import { RESOURCES, ROOT, tempDataDir } from '../helpers/engine';
import { type HostProcess, startHostProcess, waitUntil } from '../helpers/host-process';
import { sparsePack } from '../helpers/sparse-pack';

/**
 * Attacks on the browser host, run against `dist/web/server.cjs` in its own process so that
 * anything that kills it is seen. Loopback only; every wait is bounded.
 */
let host: HostProcess;
let dataDir: string;
const pack = sparsePack(8 * 1024 ** 3);

beforeAll(async () => {
  dataDir = tempDataDir({ modelFolders: [pack.modelsDir] });
  host = await startHostProcess(dataDir);
});
afterAll(async () => {
  await host?.stop();
});

const alive = async () => {
  expect(host.process.exitCode, host.output()).toBeNull();
  const ping = await host.invoke('system.ping', {});
  expect(ping.status).toBe(200);
  return (ping.body.value as { pid: number }).pid;
};

/** Opens /api/events by hand, so frames the `ws` client would never send can be written raw. */
async function rawSocket(): Promise<ReturnType<typeof connect>> {
  const socket = connect(host.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    [
      `GET /api/events?token=${host.token} HTTP/1.1`,
      `Host: 127.0.0.1:${host.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  const [head] = (await once(socket, 'data')) as [Buffer];
  expect(head.toString()).toMatch(/^HTTP\/1\.1 101/);
  return socket;
}

const closed = (socket: ReturnType<typeof connect>) => new Promise<void>((resolve) => socket.on('close', () => resolve()).resume());

describe('attack: browser host', () => {
  it('survives hostile WebSocket frames: unmasked, oversized, a reserved opcode', async () => {
    const unmasked = await rawSocket();
    unmasked.write(Buffer.from([0x81, 0x05, ...Buffer.from('hello')]));
    await closed(unmasked);

    const reserved = await rawSocket();
    // FIN + opcode 0x3 (reserved), masked, empty.
    reserved.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    await closed(reserved);

    const big = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    await once(big, 'open');
    big.send('x'.repeat(100 * 1024));
    const [code] = (await once(big, 'close')) as [number];
    expect(code).toBe(1009);

    await alive();
    // Other pages keep their events.
    const fresh = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    const [first] = (await once(fresh, 'message')) as [Buffer];
    expect(JSON.parse(first.toString())).toMatchObject({ name: 'engine.status', payload: { state: 'ready' } });
    fresh.close();
  });

  it('refuses a request nested 5,000 levels deep with a typed 400, and keeps serving', async () => {
    const deep = `{"sidecar":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)},"jobId":"deep"}`;
    const res = await host.invoke('runs.reproduce', deep);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request' });
    expect(res.body.error?.message).toMatch(/nests deeper than 64 levels/);
    const arrays = await host.invoke('prompt.refine', { prompt: 'a ball', jobId: 'deep2', scene: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) });
    expect(arrays.status).toBe(400);
    await alive();
  });

  it('answers a chunked body over the limit with the typed 413, not a reset', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/invoke/system.ping',
          headers: { 'content-type': 'application/json', 'x-physstudio-token': host.token, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        // 4 MiB at most: far over the 512 KiB limit, and bounded if the host never answers.
        while (sent < 4 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    await alive();
  });

  it('lets a page export only into the run’s own folder', async () => {
    for (const dir of ['/tmp/anywhere', '/proc/self/x', 'relative/dir']) {
      const res = await host.invoke('runs.export', { runId: 'run_x', format: 'sidecar', which: 'physics', dir, jobId: 'exp' });
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toMatch(/cannot choose a folder/);
    }
  });

  it('sends each error the engine raises with its own HTTP status', async () => {
    // unsupported: a TIFF decodes but is not a format the app takes.
    const tiff = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } })
      .tiff()
      .toBuffer();
    const unsupported = await host.invoke('inputs.import', { name: 'x.tiff', dataBase64: tiff.toString('base64') });
    expect([unsupported.status, unsupported.body.error?.code]).toEqual([422, 'unsupported']);

    // not_found from the engine.
    const missing = await host.invoke('runs.get', { id: 'run_nope' });
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'not_found']);

    // io: the library's inputs folder is a file.
    mkdirSync(join(dataDir, 'library'), { recursive: true });
    writeFileSync(join(dataDir, 'library', 'inputs'), 'not a folder');
    const png = readFileSync(join(RESOURCES, 'samples', 'ball-off-table.png'));
    const io = await host.invoke('inputs.import', { name: 'ball.png', dataBase64: png.toString('base64') });
    expect([io.status, io.body.error?.code]).toEqual([500, 'io']);

    // cancelled: a verify of an 8 GB sparse pack, cancelled while it hashes.
    const verify = host.invoke('models.verify', { packId: pack.id, jobId: 'v1', force: true });
    await waitUntil(() => lastCancel('v1'), 'the verify job to start and be cancelled');
    const cancelled = await verify;
    expect([cancelled.status, cancelled.body.error?.code]).toEqual([409, 'cancelled']);

    // engine_crashed: the engine is killed in the middle of a job.
    const pid = await alive();
    const crashing = host.invoke('models.verify', { packId: pack.id, jobId: 'v2', force: true });
    await new Promise((r) => setTimeout(r, 300));
    process.kill(pid, 'SIGKILL');
    const crashed = await crashing;
    expect([crashed.status, crashed.body.error?.code]).toEqual([502, 'engine_crashed']);
    await waitUntil(async () => (await host.invoke('system.ping', {})).status === 200, 'the engine to restart');

    // timeout: the engine is frozen past system.ping's 5 s limit.
    const frozen = await alive();
    process.kill(frozen, 'SIGSTOP');
    try {
      const late = await host.invoke('system.ping', {});
      expect([late.status, late.body.error?.code]).toEqual([504, 'timeout']);
    } finally {
      process.kill(frozen, 'SIGCONT');
    }
  });

  it('recovers from a crash loop: 503 while paused, and Restart engine starts a fresh one', async () => {
    // The host restarts a crashed engine at once, up to 5 times a minute (the previous test's
    // crash counts too); the kill after that leaves it paused.
    let paused: Awaited<ReturnType<HostProcess['invoke']>> | undefined;
    for (let kills = 1; kills <= 6 && !paused; kills++) {
      const pid = await pidWhenReady();
      process.kill(pid, 'SIGKILL');
      await waitUntil(async () => {
        const r = await host.invoke('system.ping', {});
        // 502 is the request that met the dying engine; wait for a new engine or the pause.
        if (r.status === 503) paused = r;
        return r.status === 503 || (r.status === 200 && (r.body.value as { pid: number }).pid !== pid);
      }, `engine ${pid} to be gone`);
    }
    expect(paused, 'the host never paused restarts').toBeDefined();
    expect(paused?.body.error).toMatchObject({ code: 'engine_unavailable' });
    expect(paused?.body.error?.message).toMatch(/crashed \d+ times in 60 s; it starts again in 30 s/);
    const restarted = await host.invoke('engine.restart', {});
    expect(restarted.status).toBe(200);
    expect(restarted.body.value).toMatchObject({ state: 'ready' });
    await alive();
  });
});

/** Whether a cancel for `jobId` reached a running job (the engine answers false until it starts). */
async function lastCancel(jobId: string): Promise<boolean> {
  const r = await host.invoke('jobs.cancel', { jobId });
  return (r.body.value as { cancelled: boolean } | undefined)?.cancelled === true;
}

/** The engine's pid once it serves again (a restart may still be under way). */
async function pidWhenReady(): Promise<number> {
  let pid = 0;
  await waitUntil(async () => {
    const r = await host.invoke('system.ping', {});
    if (r.status === 200) pid = (r.body.value as { pid: number }).pid;
    return r.status === 200;
  }, 'the engine to serve');
  return pid;
}

describe('attack: HTTP status of every error code', () => {
  // Written out here, not imported, so a wrong table in the code fails this test.
  const expected: Record<ErrorCode, number> = {
    bad_request: 400,
    unauthorized: 401,
    forbidden_origin: 403,
    not_found: 404,
    cancelled: 409,
    payload_too_large: 413,
    unsupported: 422,
    integrity: 422,
    internal: 500,
    io: 500,
    engine_crashed: 502,
    engine_unavailable: 503,
    timeout: 504,
  };

  it('never answers a failure with 200', async () => {
    let next: ErrorCode = 'internal';
    const engine: Transport = { invoke: async () => fail({ code: next, message: `a ${next} failure` }), subscribe: () => () => {} };
    const web = await startWebHost({ engine, rendererDir: join(ROOT, 'dist', 'renderer'), libraryDir: tempDataDir() });
    try {
      expect(Object.keys(expected).sort()).toEqual([...ERROR_CODES].sort());
      for (const code of ERROR_CODES) {
        next = code;
        const res = await fetch(`http://127.0.0.1:${web.port}/api/invoke/system.ping`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-physstudio-token': web.token },
          body: '{}',
        });
        expect([code, res.status]).toEqual([code, expected[code]]);
        expect(await res.json()).toMatchObject({ ok: false, error: { code } });
      }
    } finally {
      await web.close();
    }
  });
});
