import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../electron/hosts/engine-client';
import { createApi, DoctorReportSchema, type EngineStatus, type JobProgress } from '../../shared/contract';
import { realEngine, tempDataDir } from '../helpers/engine';
import { makePack } from '../helpers/packs';
import { sparsePack } from '../helpers/sparse-pack';

let engine: EngineClient | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

const waitFor = async (cond: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('engine process (Node child host)', () => {
  it('answers doctor from its own process with a working CPU provider', async () => {
    engine = realEngine(tempDataDir());
    const api = createApi(engine);
    const report = await api['system.doctor']({});
    expect(DoctorReportSchema.parse(report)).toEqual(report);
    expect(report.engine.pid).toBe(engine.pid);
    expect(report.engine.pid).not.toBe(process.pid);
    expect(report.engine.host).toBe('node-child');
    expect(report.providers.find((p) => p.id === 'cpu')).toMatchObject({ available: true });
    expect(report.activeProvider).not.toBeNull();
    expect(report.providers.map((p) => p.id).sort()).toEqual(['coreml', 'cpu', 'cuda', 'dml', 'tensorrt', 'webgpu']);
    for (const p of report.providers.filter((x) => !x.available)) expect(p.error).toBeTruthy();
    expect(report.versions.onnxruntime).toMatch(/^\d+\.\d+/);
  });

  it('answers malformed payloads with typed errors and stays up', async () => {
    engine = realEngine(tempDataDir());
    const before = await engine.invoke('system.ping', {});
    expect(before.ok).toBe(true);
    const cases: Array<[string, unknown, string]> = [
      ['models.verify', { packId: 12, jobId: ['x'] }, 'bad_request'],
      ['system.doctor', { extra: 'field' }, 'bad_request'],
      ['models.verify', { packId: 'x'.repeat(10 * 1024 * 1024), jobId: 'j' }, 'payload_too_large'],
      ['models.verify', null, 'bad_request'],
      ['no.such.channel', {}, 'bad_request'],
    ];
    for (const [channel, payload, code] of cases) {
      // Straight to the engine, bypassing host-side validation: the engine must defend itself.
      const reply = await engine.invoke(channel as never, payload);
      expect(reply, channel).toMatchObject({ ok: false, error: { code } });
    }
    const after = await engine.invoke('system.ping', {});
    expect(after.ok && before.ok && (after.value as { pid: number }).pid).toBe(before.ok && (before.value as { pid: number }).pid);
  });

  it('verifies a pack with progress events and caches the hashes on disk', async () => {
    const { modelsDir } = makePack('tiny', { 'model.onnx': 'x'.repeat(100_000) });
    const dataDir = tempDataDir({ modelFolders: [modelsDir] });
    engine = realEngine(dataDir);
    const api = createApi(engine);
    const progress: JobProgress[] = [];
    api.on('job.progress', (p) => progress.push(p));
    const result = await api['models.verify']({ packId: 'tiny', jobId: 'job1' });
    expect(result.ok).toBe(true);
    expect(progress.some((p) => p.jobId === 'job1')).toBe(true);
    const cache = JSON.parse(readFileSync(join(dataDir, 'cache', 'verify.json'), 'utf8'));
    expect(Object.keys(cache)).toHaveLength(1);
    const [pack] = await api['models.list']({});
    expect(pack).toMatchObject({ id: 'tiny', verification: 'verified' });
    await expect(api['models.verify']({ packId: 'nope', jobId: 'job2' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('cancels a running job', async () => {
    const { modelsDir, id } = sparsePack(3 * 1024 ** 3);
    engine = realEngine(tempDataDir({ modelFolders: [modelsDir] }));
    const api = createApi(engine);
    let started = false;
    api.on('job.progress', (p) => {
      if (p.stage === 'hashing') started = true;
    });
    const job = api['models.verify']({ packId: id, jobId: 'cancel-me' }).catch((e: unknown) => e);
    await waitFor(() => started);
    expect(await api['jobs.cancel']({ jobId: 'cancel-me' })).toEqual({ cancelled: true });
    expect(await job).toMatchObject({ code: 'cancelled' });
    expect(await api['jobs.cancel']({ jobId: 'cancel-me' })).toEqual({ cancelled: false });
  });

  it('reports a crash during a job, restarts, and serves the next request', async () => {
    const { modelsDir, id } = sparsePack(3 * 1024 ** 3);
    engine = realEngine(tempDataDir({ modelFolders: [modelsDir] }));
    const api = createApi(engine);
    const statuses: EngineStatus[] = [];
    api.on('engine.status', (s) => statuses.push(s));
    let hashing = false;
    api.on('job.progress', (p) => {
      if (p.stage === 'hashing') hashing = true;
    });
    const job = api['models.verify']({ packId: id, jobId: 'doomed' }).catch((e: unknown) => e);
    await waitFor(() => hashing);
    const firstPid = engine.pid as number;
    process.kill(firstPid, 'SIGKILL');
    expect(await job).toMatchObject({ code: 'engine_crashed', message: expect.stringContaining('SIGKILL') });
    await waitFor(() => statuses.at(-1)?.state === 'ready');
    expect(statuses.map((s) => s.state)).toContain('crashed');
    const ping = await api['system.ping']({});
    expect(ping.pid).not.toBe(firstPid);
  });
});
