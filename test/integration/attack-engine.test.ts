import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/hosts/engine-client';
import { nodeEngineSpawner } from '../../electron/hosts/spawn-node';
import { AppError, createApi, type Envelope, type PhysStudioApi } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/run/schema';
import { ENGINE, RESOURCES, requireBuild, tempDataDir } from '../helpers/engine';
import { waitUntil } from '../helpers/host-process';

/** Attacks on the engine through the client every host uses. Loopback and local files only. */
const SAMPLE = join(RESOURCES, 'samples', 'ball-off-table.png');
const clients: EngineClient[] = [];

function engine(dataDir: string, options: { cooldownMs?: number } = {}): { client: EngineClient; api: PhysStudioApi } {
  requireBuild();
  const client = new EngineClient({ spawn: nodeEngineSpawner({ enginePath: ENGINE, resourcesDir: RESOURCES, dataDir }), ...options });
  clients.push(client);
  return { client, api: createApi(client) };
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

/** The error a call fails with; fails the test if it succeeds or takes longer than `ms` (a spin or a hang). */
async function failure(call: Promise<unknown>, ms = 30_000): Promise<AppError> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([call, limit]);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('the call succeeded');
}

describe('attack: paths', () => {
  let api: PhysStudioApi;
  let runId: string;

  beforeAll(async () => {
    ({ api } = engine(tempDataDir()));
    const perception = await api['scene.perceive']({ image: SAMPLE, jobId: 'p' });
    const run = await api['preview.generate']({
      image: SAMPLE,
      prompt: 'a ball rolls off a table',
      refinement: null,
      scene: perception.scene,
      settings: { ...DEFAULT_SETTINGS, size: 64, seconds: 1, fps: 12 },
      jobId: 'g',
    });
    runId = run.id;
  });

  const hostile = ['/proc/self/x', '/proc/self/fd/x/y', '/sys/kernel/x', '/dev/x/y', '/dev/shm/../x', 'relative/dir', '../up'];

  it('refuses /proc, /sys, /dev and relative folders for runs.export, at once, and creates nothing', async () => {
    for (const dir of hostile) {
      const err = await failure(api['runs.export']({ runId, format: 'sidecar', which: 'physics', dir, jobId: `e${hostile.indexOf(dir)}` }));
      expect([dir, err.code]).toEqual([dir, 'bad_request']);
      expect(err.message).toMatch(/full path|may not be inside \/(proc|sys|dev)/);
    }
    expect(existsSync('/dev/x')).toBe(false);
    expect(existsSync(join(process.cwd(), 'relative'))).toBe(false);
    // A real folder still works, made level by level.
    const out = join(mkdtempSync(join(tmpdir(), 'ps-exp-')), 'a', 'b');
    const ok = await api['runs.export']({ runId, format: 'sidecar', which: 'physics', dir: out, jobId: 'eok' });
    expect(ok.files[0]?.startsWith(out)).toBe(true);
  });

  it('refuses them in every other channel that takes a path', async () => {
    const scene = (await api['runs.get']({ id: runId })).scene;
    const calls: Record<string, (p: string) => Promise<unknown>> = {
      'scene.perceive': (image) => api['scene.perceive']({ image, jobId: 'pp' }),
      'scene.addObject': (image) => api['scene.addObject']({ image, scene, point: { x: 5, y: 5 } }),
      'preview.generate': (image) =>
        api['preview.generate']({ image, prompt: '', refinement: null, scene, settings: { ...DEFAULT_SETTINGS, size: 64 }, jobId: 'pg' }),
      'models.import': (source) => api['models.import']({ source, jobId: 'mi' }),
      'settings.update': (folder) => api['settings.update']({ modelFolders: [folder] }),
    };
    for (const [channel, call] of Object.entries(calls)) {
      for (const path of hostile) {
        const err = await failure(call(path));
        expect([channel, path, err.code]).toEqual([channel, path, 'bad_request']);
      }
    }
    // A link into /proc is refused by where it leads.
    const link = join(mkdtempSync(join(tmpdir(), 'ps-link-')), 'proc');
    execFileSync('ln', ['-s', '/proc/self', link]);
    expect((await failure(api['runs.export']({ runId, format: 'sidecar', which: 'physics', dir: join(link, 'x'), jobId: 'el' }))).code).toBe('bad_request');
    expect(await api['system.ping']({})).toMatchObject({ pid: expect.any(Number) });
  });
});

describe('attack: settings files', () => {
  const endpoint = 'http://127.0.0.1:9/v1';
  const cases: Array<[string, string, RegExp]> = [
    ['an invalid field', JSON.stringify({ provider: 42, llm: { endpoint, model: 'my-model', apiKey: 'sk-mine' } }), /provider/],
    ['a wrong type for the LLM block', JSON.stringify({ provider: 'cpu', llm: 'ollama' }), /llm: expected an object/],
    ['text that is not JSON', '{"llm": {"model": "my-model", ', /not valid JSON/],
    ['an array', '[1,2]', /does not hold an object/],
  ];

  for (const [what, text, problem] of cases) {
    it(`with ${what}: says so, keeps the valid values, and backs the file up before rewriting it`, async () => {
      const dataDir = tempDataDir();
      const file = join(dataDir, 'settings.json');
      writeFileSync(file, text);
      const { api } = engine(dataDir);
      const got = await api['settings.get']({});
      expect(got.problem).toMatch(problem);
      const updated = await api['settings.update']({ modelFolders: [dataDir] });
      expect(updated.backup).toBeDefined();
      expect(readFileSync(updated.backup as string, 'utf8')).toBe(text);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved.modelFolders).toEqual([dataDir]);
      if (what === 'an invalid field') expect(saved.llm).toEqual({ endpoint, model: 'my-model', apiKey: 'sk-mine', timeoutMs: 30_000 });
      if (what === 'a wrong type for the LLM block') expect(saved.provider).toBe('cpu');
      expect((await api['settings.get']({})).problem).toBeUndefined();
    });
  }
});

describe('attack: repeated engine crashes', () => {
  it('pauses after a crash loop, then recovers by itself after the cool-down', async () => {
    const { client, api } = engine(tempDataDir(), { cooldownMs: 2_000 });
    const pids: number[] = [];
    await client.start();
    while (client.status.state !== 'stopped' && pids.length < 8) {
      const state = () => client.status.state;
      await waitUntil(() => state() === 'ready' || state() === 'stopped', 'the engine to start');
      if (state() === 'stopped') break;
      const pid = client.status.pid as number;
      pids.push(pid);
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => client.status.pid !== pid, `engine ${pid} to go`);
    }
    expect(pids.length).toBe(6);
    expect(client.status.reason).toMatch(/crashed 6 times/);
    const refused = (await client.invoke('system.ping', {})) as Envelope<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'engine_unavailable' } });
    await waitUntil(() => client.status.state === 'ready', 'the engine to come back after the cool-down');
    const ping = await api['system.ping']({});
    expect(pids).not.toContain(ping.pid);
  });
});

describe('attack: a full disk', () => {
  let dataDir: string;
  let mounted = false;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ps-full-'));
    // A real small filesystem where the test may mount one (root on Linux); otherwise an injected ENOSPC on the same write path.
    mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dataDir]).status === 0;
    if (!mounted) {
      process.env.PHYSSTUDIO_FAULT_ENOSPC = dataDir;
      console.warn('attack: could not mount a tmpfs here; the full disk is an injected ENOSPC in the atomic write');
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    if (mounted) spawnSync('umount', ['-l', dataDir]);
    delete process.env.PHYSSTUDIO_FAULT_ENOSPC;
  });

  it(`reports "the disk is full" from settings.update and inputs.import, and loses nothing`, async () => {
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ llm: { model: 'keep-me' } }));
    const { api } = engine(dataDir);
    await api['system.ping']({});
    const filler = join(dataDir, 'filler');
    if (mounted) {
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
    }
    const settingsErr = await failure(api['settings.update']({ provider: 'cpu' }));
    expect([settingsErr.code, settingsErr.message]).toEqual(['io', expect.stringMatching(/disk is full/)]);
    const png = readFileSync(SAMPLE).toString('base64');
    const importErr = await failure(api['inputs.import']({ name: 'ball.png', dataBase64: png }));
    expect([importErr.code, importErr.message]).toEqual(['io', expect.stringMatching(/disk is full/)]);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ llm: { model: 'keep-me' } });
    const leftovers = readdirSync(dataDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    // With space again, the same requests work.
    rmSync(filler, { force: true });
    delete process.env.PHYSSTUDIO_FAULT_ENOSPC;
    if (!mounted) return;
    expect((await api['settings.update']({ provider: 'cpu' })).provider).toBe('cpu');
    expect((await api['inputs.import']({ name: 'ball.png', dataBase64: png })).bytes).toBeGreaterThan(0);
  });
});

describe('attack: leftovers and messages', () => {
  it('sweeps temporary files of interrupted writes when the engine starts, keeping live ones', async () => {
    const dataDir = tempDataDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim();
    const runDir = join(dataDir, 'library', 'runs', 'run_abc');
    mkdirSync(runDir, { recursive: true });
    const stale = [join(dataDir, `.settings.json.${dead}.0123456789ab.tmp`), join(runDir, `.run.json.${dead}.ba9876543210.tmp`)];
    const live = join(dataDir, `.settings.json.${process.pid}.aaaaaaaaaaaa.tmp`);
    for (const f of [...stale, live]) writeFileSync(f, 'partial');
    const { api } = engine(dataDir);
    await api['system.ping']({});
    await waitUntil(() => stale.every((f) => !existsSync(f)), 'the sweep');
    expect(existsSync(live)).toBe(true);
  });

  it('explains bad input in words: a long prompt, an empty file, a damaged PNG', async () => {
    const { api } = engine(tempDataDir());
    const long = await failure(api['prompt.refine']({ prompt: 'a ball falls. '.repeat(2_200).slice(0, 30_000), jobId: 'r' }));
    expect(long.message).toMatch(/30,000 characters.*at most 20,000/);
    const empty = await failure(api['inputs.import']({ name: 'empty.png', dataBase64: '' }));
    expect(empty.message).toBe('The file is empty.');
    const png = readFileSync(SAMPLE);
    png[29] = (png[29] as number) ^ 0xff; // the IHDR chunk's CRC
    const damaged = await failure(api['inputs.import']({ name: 'bad-crc.png', dataBase64: png.toString('base64') }));
    expect(damaged.code).toBe('bad_request');
    expect(damaged.message).not.toMatch(/unknown error/i);
    expect(damaged.message).toMatch(/bad-crc\.png could not be decoded: its PNG data is damaged/);
  });
});
