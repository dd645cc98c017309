import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../electron/hosts/engine-client';
import { createApi } from '../../shared/contract';
import { ROOT, realEngine, tempDataDir } from '../helpers/engine';
import { ANSWERS, type FakeLlmServer, startFakeLlmServer } from '../helpers/fake-llm-server';

const PACKS = join(ROOT, 'test', 'fixtures', 'packs');
let engine: EngineClient | undefined;
let llm: FakeLlmServer;

beforeAll(async () => {
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await llm?.close();
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

function start(settings: Record<string, unknown>) {
  engine = realEngine(tempDataDir(settings));
  return createApi(engine);
}

describe('prompt.refine through the engine', () => {
  it('lists built-in targets and model packs that carry a tokenizer', async () => {
    const api = start({ modelFolders: [PACKS] });
    const targets = await api['prompt.targets']({});
    expect(targets.map((t) => [t.id, t.counting])).toEqual([
      ['clip-77', 'estimate'],
      ['t5-226', 'estimate'],
      ['umt5-512', 'estimate'],
      ['tiny-text-encoder', 'tokenizer'],
      ['tiny-video', 'tokenizer'],
    ]);
    expect(targets.find((t) => t.isDefault)?.id).toBe('t5-226');
  });

  it("counts a pack target's tokens with its real tokenizer and fits its budget", async () => {
    const api = start({ modelFolders: [PACKS] });
    const r = await api['prompt.refine']({ prompt: 'the ball falls off the table and bounces on the floor', target: 'tiny-text-encoder' });
    expect(r.tokens.method).toBe('tokenizer');
    expect(r.tokens.budget).toBe(40);
    const dir = join(PACKS, 'tiny-text-encoder');
    const tokenizer = new Tokenizer(
      JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')),
      JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')),
    );
    expect(r.tokens.used).toBe(tokenizer.encode(r.refined).ids.length);
    expect(r.tokens.used).toBeLessThanOrEqual(40);
    expect(r.refined.startsWith('the ball falls off the table and bounces on the floor')).toBe(true);
  });

  it('answers an unknown target and an empty prompt with typed errors', async () => {
    const api = start({});
    await expect(api['prompt.refine']({ prompt: 'a ball falls', target: 'no-such-model' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(api['prompt.refine']({ prompt: '   ' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('uses the local LLM, streaming its tokens to the UI', async () => {
    llm.use('good');
    const api = start({ llm: { endpoint: llm.endpoint, model: 'fake-physics-7b', timeoutMs: 5_000 } });
    const streamed: string[] = [];
    api.on('refine.token', (t) => t.jobId === 'llm1' && streamed.push(t.text));
    const r = await api['prompt.refine']({ prompt: 'a rubber ball rolls off a table and bounces on the floor', backend: 'llm', jobId: 'llm1' });
    expect(r.backend).toMatchObject({ id: 'llm', model: 'fake-physics-7b' });
    expect(r.analysis.phenomena.length).toBeGreaterThan(0);
    expect(streamed.join('').length).toBeGreaterThan(50);
    expect(r.tokens.used).toBeLessThanOrEqual(226);
  });

  it('streams the whole answer even when it arrives in one piece longer than one event holds', async () => {
    // A server that ignores stream: true sends the answer at once, as a loaded machine's flush timer effectively does.
    llm.use('good', { ignoreStream: true });
    const api = start({ llm: { endpoint: llm.endpoint, model: 'fake-physics-7b', timeoutMs: 30_000 } });
    const streamed: string[] = [];
    api.on('refine.token', (t) => t.jobId === 'llm2' && streamed.push(t.text));
    const r = await api['prompt.refine']({ prompt: 'a rubber ball rolls off a table and bounces on the floor', backend: 'llm', jobId: 'llm2' });
    expect(r.backend).toMatchObject({ id: 'llm' });
    expect(ANSWERS.good.length).toBeGreaterThan(4000);
    expect(streamed.join('')).toBe(ANSWERS.good);
  });

  it('falls back to the built-in backend with a notice when the LLM answers prose or is down', async () => {
    llm.use('prose');
    let api = start({ llm: { endpoint: llm.endpoint, model: 'chatty', timeoutMs: 5_000 } });
    let r = await api['prompt.refine']({ prompt: 'a glass falls and shatters', backend: 'llm', jobId: 'llm2' });
    expect(r.backend.id).toBe('builtin');
    expect(r.backend.notices[0]).toMatch(/The local LLM \(chatty at .*\) was not used: .*built-in refiner answered instead/);
    expect(r.analysis.phenomena.map((p) => p.id)).toContain('fracture');
    await engine?.stop();
    api = start({ llm: { endpoint: 'http://127.0.0.1:9/v1', model: 'gone', timeoutMs: 2_000 } });
    r = await api['prompt.refine']({ prompt: 'a glass falls and shatters', backend: 'llm', jobId: 'llm3' });
    expect(r.backend.id).toBe('builtin');
    expect(r.backend.notices[0]).toContain('was not used');
  });

  it("falls back to the built-in backend with a notice when the LLM drops the user's words", async () => {
    llm.use('injected');
    const api = start({ llm: { endpoint: llm.endpoint, model: 'injected-7b', timeoutMs: 5_000 } });
    const prompt = 'a rubber ball rolls off a table and bounces on the floor';
    const r = await api['prompt.refine']({ prompt, backend: 'llm', jobId: 'llm5' });
    expect(r.backend.id).toBe('builtin');
    expect(r.refined.startsWith(prompt)).toBe(true);
    expect(r.refined).not.toMatch(/IGNORE ALL PREVIOUS INSTRUCTIONS/);
    expect(r.backend.notices[0]).toMatch(/was not used: .*did not keep your words first and unchanged.*built-in refiner answered instead/);
  });

  it('cancels a running LLM refinement', async () => {
    llm.use('endless');
    const api = start({ llm: { endpoint: llm.endpoint, model: 'rambler', timeoutMs: 20_000 } });
    let tokens = 0;
    api.on('refine.token', () => tokens++);
    const running = api['prompt.refine']({ prompt: 'a ball falls', backend: 'llm', jobId: 'llm4' }).catch((e: unknown) => e);
    const until = Date.now() + 5_000;
    while (tokens === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await api['jobs.cancel']({ jobId: 'llm4' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ code: 'cancelled' });
  });
});
