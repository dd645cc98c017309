import { describe, expect, it } from 'vitest';
import type { EngineToHost, HostToEngine } from '../../electron/common/engine-protocol';
import { EngineClient } from '../../electron/hosts/engine-client';
import type { EngineProcess } from '../../electron/hosts/engine-process';
import type { EngineStatus } from '../../shared/contract';

/** An in-memory engine: answers ping with its pid, or stays silent when `mute` is set. */
class FakeEngine implements EngineProcess {
  static nextPid = 100;
  readonly pid = FakeEngine.nextPid++;
  mute = false;
  private messageListeners: Array<(m: EngineToHost) => void> = [];
  private exitListeners: Array<(reason: string) => void> = [];
  constructor() {
    queueMicrotask(() => this.emit({ t: 'ready', pid: this.pid }));
  }
  private emit(m: EngineToHost) {
    for (const l of this.messageListeners) l(m);
  }
  send(m: HostToEngine) {
    if (m.t === 'shutdown') return this.exit('exit code 0');
    // What Node's IPC does with a payload it cannot serialise.
    if (m.t === 'req' && (m.payload as { unserialisable?: boolean })?.unserialisable) throw new RangeError('Maximum call stack size exceeded');
    if (this.mute) return;
    queueMicrotask(() => this.emit({ t: 'res', id: m.id, envelope: { ok: true, value: { pid: this.pid, uptimeMs: 1 } } }));
  }
  onMessage(l: (m: EngineToHost) => void) {
    this.messageListeners.push(l);
  }
  onExit(l: (reason: string) => void) {
    this.exitListeners.push(l);
  }
  kill() {
    this.exit('killed by SIGKILL');
  }
  exit(reason: string) {
    const ls = this.exitListeners;
    this.exitListeners = [];
    for (const l of ls) l(reason);
  }
  recentStderr() {
    return 'Segmentation fault in libfoo\n';
  }
}

function setup(opts: { maxRestarts?: number; cooldownMs?: number | null } = {}) {
  const spawned: FakeEngine[] = [];
  const client = new EngineClient({
    spawn: () => {
      const e = new FakeEngine();
      spawned.push(e);
      return e;
    },
    ...opts,
  });
  const statuses: EngineStatus[] = [];
  client.subscribe((name, payload) => name === 'engine.status' && statuses.push(payload as EngineStatus));
  return { client, spawned, statuses };
}

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('EngineClient', () => {
  it('starts the engine lazily and correlates replies', async () => {
    const { client, spawned } = setup();
    const reply = await client.invoke('system.ping', {});
    expect(spawned).toHaveLength(1);
    expect(reply).toEqual({ ok: true, value: { pid: spawned[0]?.pid, uptimeMs: 1 } });
  });

  it('fails the request in flight with engine_crashed, restarts, and serves the next one', async () => {
    const { client, spawned, statuses } = setup();
    await client.start();
    const first = spawned[0] as FakeEngine;
    first.mute = true;
    const pending = client.invoke('system.ping', {});
    await new Promise((r) => setTimeout(r, 5));
    first.kill();
    const crashed = await pending;
    expect(crashed).toMatchObject({ ok: false, error: { code: 'engine_crashed', details: ['Segmentation fault in libfoo'] } });
    if (!crashed.ok) expect(crashed.error.message).toContain('killed by SIGKILL');
    await waitFor(() => statuses.at(-1)?.state === 'ready' && spawned.length === 2);
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready', 'crashed', 'starting', 'ready']);
    const next = await client.invoke('system.ping', {});
    expect(next).toEqual({ ok: true, value: { pid: spawned[1]?.pid, uptimeMs: 1 } });
    expect(statuses.at(-1)?.restarts).toBe(1);
  });

  it('pauses after too many crashes, says so, and starts again after the cool-down', async () => {
    const { client, spawned, statuses } = setup({ maxRestarts: 2, cooldownMs: 300 });
    await client.start();
    for (let i = 0; i < 3; i++) {
      await waitFor(() => client.status.state === 'ready');
      spawned.at(-1)?.kill();
    }
    await waitFor(() => statuses.at(-1)?.state === 'stopped');
    expect(statuses.at(-1)?.reason).toMatch(/crashed 3 times .* starts again in/);
    const reply = await client.invoke('system.ping', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'engine_unavailable' } });
    const pausedAt = spawned.length;
    await waitFor(() => client.status.state === 'ready' && spawned.length === pausedAt + 1);
    expect(await client.invoke('system.ping', {})).toEqual({ ok: true, value: { pid: spawned.at(-1)?.pid, uptimeMs: 1 } });
    await client.stop();
  });

  it('stays paused: a retry still pending from an earlier crash does not start an engine during the cool-down', async () => {
    const { client, spawned } = setup({ maxRestarts: 2, cooldownMs: 60_000 });
    await client.start();
    for (let i = 0; i < 3; i++) {
      spawned.at(-1)?.kill();
      // A request restarts the engine at once, before the crash's own delayed retry fires.
      if (i < 2) expect(await client.invoke('system.ping', {})).toMatchObject({ ok: true });
    }
    expect(client.status.state).toBe('stopped');
    const count = spawned.length;
    await new Promise((r) => setTimeout(r, 600));
    expect([spawned.length, client.status.state]).toEqual([count, 'stopped']);
    await client.stop();
  });

  it('never restarts by itself when the cool-down is off, but engine.restart starts a fresh engine', async () => {
    const { client, spawned, statuses } = setup({ maxRestarts: 0, cooldownMs: null });
    await client.start();
    spawned[0]?.kill();
    await waitFor(() => statuses.at(-1)?.state === 'stopped');
    await new Promise((r) => setTimeout(r, 100));
    expect(spawned).toHaveLength(1);
    const restarted = await client.invoke('engine.restart', {});
    expect(restarted).toMatchObject({ ok: true, value: { state: 'ready', pid: spawned[1]?.pid } });
    expect(await client.invoke('system.ping', {})).toMatchObject({ ok: true });
  });

  it('engine.restart replaces a running engine and fails what it was doing', async () => {
    const { client, spawned } = setup();
    await client.start();
    (spawned[0] as FakeEngine).mute = true;
    const pending = client.invoke('system.ping', {});
    await new Promise((r) => setTimeout(r, 5));
    expect(await client.invoke('engine.restart', {})).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'engine_crashed' } });
    expect(spawned).toHaveLength(2);
  });

  it('answers a request the transport cannot send at once, leaving nothing pending', async () => {
    const { client } = setup();
    const reply = await client.invoke('runs.reproduce', { unserialisable: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/could not be sent/) } });
    expect((client as unknown as { pending: Map<number, unknown> }).pending.size).toBe(0);
    expect(await client.invoke('system.ping', {})).toMatchObject({ ok: true });
  });

  it('stops cleanly without restarting', async () => {
    const { client, spawned, statuses } = setup();
    await client.start();
    await client.stop();
    expect(statuses.at(-1)?.state).toBe('stopped');
    await new Promise((r) => setTimeout(r, 150));
    expect(spawned).toHaveLength(1);
  });
});
