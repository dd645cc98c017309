import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JobContext } from '../../electron/engine/jobs';
import { discoverPacks, summarise } from '../../electron/engine/models/discovery';
import { verifyPack } from '../../electron/engine/models/verify';
import type { VerifyCache } from '../../electron/engine/models/verify-cache';
import { AppError } from '../../shared/contract';
import { ModelManifestSchema } from '../../shared/models/manifest';
import { ROOT } from '../helpers/engine';
import { makePack } from '../helpers/packs';

function ctx(signal = new AbortController().signal) {
  const events: Array<[string, number | null]> = [];
  const context: JobContext = { jobId: 'j', signal, progress: (stage, fraction) => events.push([stage, fraction]) };
  return { context, events };
}

describe('manifest schema', () => {
  const base = {
    formatVersion: 1,
    id: 'enc',
    name: 'Enc',
    version: '1',
    license: 'MIT',
    kind: 'segmenter',
    files: [{ path: 'model.onnx', sha256: 'a'.repeat(64), size: 10 }],
  };

  it('accepts a minimal pack and fills defaults', () => {
    const m = ModelManifestSchema.parse(base);
    expect(m.conditions).toEqual([]);
    expect(m.providers.preferred).toEqual(['cpu']);
  });

  it.each([['../model.onnx'], ['/abs/model.onnx'], ['a/./b.onnx'], ['C:/model.onnx'], ['a\\b.onnx']])('refuses file path %s', (path) => {
    expect(ModelManifestSchema.safeParse({ ...base, files: [{ path, sha256: 'a'.repeat(64), size: 1 }] }).success).toBe(false);
  });

  it('requires an encoder section for a phys-encoder pack, with materials for its logits', () => {
    expect(ModelManifestSchema.safeParse({ ...base, kind: 'phys-encoder' }).success).toBe(false);
    const encoder = {
      graph: 'model.onnx',
      input: { name: 'image', width: 64, height: 64, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
      outputs: { embedding: 'e' },
    };
    expect(ModelManifestSchema.safeParse({ ...base, kind: 'phys-encoder', encoder }).success).toBe(true);
    expect(ModelManifestSchema.safeParse({ ...base, kind: 'phys-encoder', encoder: { ...encoder, outputs: { materialLogits: 'm' } } }).success).toBe(false);
    expect(ModelManifestSchema.safeParse({ ...base, kind: 'phys-encoder', encoder: { ...encoder, graph: 'other.onnx' } }).success).toBe(false);
  });

  it('refuses a file listed twice, naming it', () => {
    const r = ModelManifestSchema.safeParse({ ...base, files: [...base.files, ...base.files] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('"model.onnx" is listed more than once');
  });

  it('refuses a graph whose file is not listed, and a video generator without pipeline', () => {
    const graph = {
      role: 'encoder',
      file: 'other.onnx',
      inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 3, 224, 224] }],
      outputs: [{ name: 'embedding', dtype: 'float32', shape: ['batch', 256] }],
    };
    const r = ModelManifestSchema.safeParse({ ...base, graphs: [graph] });
    expect(r.success).toBe(false);
    expect(ModelManifestSchema.safeParse({ ...base, kind: 'video-generator' }).success).toBe(false);
  });

  it('docs/model-pack.schema.json is generated from the current schema (run `npm run docs:schema`)', () => {
    const { title: _title, $id: _id, ...committed } = JSON.parse(readFileSync(join(ROOT, 'docs', 'model-pack.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(ModelManifestSchema, { io: 'input', unrepresentable: 'any' }))));
  });
});

describe('pack discovery', () => {
  it('finds packs in sub-folders and a folder that is itself a pack, and reports broken manifests', async () => {
    const a = makePack('alpha', { 'm.onnx': 'weights' });
    const b = makePack('beta', { 'm.onnx': 'other' });
    writeFileSync(join(a.modelsDir, 'broken.json'), '');
    const brokenDir = join(a.modelsDir, 'zz-broken');
    mkdirSync(brokenDir);
    writeFileSync(join(brokenDir, 'manifest.json'), '{"formatVersion":1,"id":"BAD ID"}');
    const found = await discoverPacks(a.modelsDir, [b.folder, '/nonexistent/models']);
    expect(found.packs.map((p) => p.manifest.id)).toEqual(['alpha', 'beta']);
    expect(found.folders.map((f) => [f.source, f.exists, f.packCount])).toEqual([
      ['bundled', true, 1],
      ['user', true, 1],
      ['user', false, 0],
    ]);
    expect(found.folders[0]?.problems[0]?.message).toMatch(/zz-broken.*manifest\.json/);
  });

  it('ignores a second pack with the same id and says why', async () => {
    const a = makePack('same', { 'm.onnx': '1' });
    const b = makePack('same', { 'm.onnx': '2' });
    const found = await discoverPacks(a.modelsDir, [b.modelsDir]);
    expect(found.packs).toHaveLength(1);
    expect(found.folders[1]?.problems[0]?.message).toMatch(/already provided/);
  });
});

describe('pack verification', () => {
  it('verifies good files, then answers from the cache', async () => {
    const { modelsDir } = makePack('good', { 'a.onnx': 'A'.repeat(5000), 'b.bin': 'B' });
    const [pack] = (await discoverPacks(modelsDir, [])).packs;
    if (!pack) throw new Error('pack not found');
    const cache: VerifyCache = {};
    const first = await verifyPack(pack, cache, ctx().context);
    expect(first.ok).toBe(true);
    expect(first.bytesHashed).toBe(5001);
    expect(first.files.every((f) => f.status === 'ok' && !f.cached)).toBe(true);
    expect((await summarise(pack, cache, new Map())).verification).toBe('verified');
    const second = await verifyPack(pack, cache, ctx().context);
    expect(second.bytesHashed).toBe(0);
    expect(second.files.every((f) => f.cached)).toBe(true);
    const forced = await verifyPack(pack, cache, ctx().context, true);
    expect(forced.bytesHashed).toBe(5001);
  });

  it('names the file for each kind of damage', async () => {
    const { modelsDir, folder } = makePack('bad', { 'missing.onnx': 'x', 'short.onnx': 'xyz', 'tampered.onnx': 'abc' });
    rmSync(join(folder, 'missing.onnx'));
    truncateSync(join(folder, 'short.onnx'), 1);
    writeFileSync(join(folder, 'tampered.onnx'), 'abd');
    const [pack] = (await discoverPacks(modelsDir, [])).packs;
    if (!pack) throw new Error('pack not found');
    const result = await verifyPack(pack, {}, ctx().context);
    expect(result.ok).toBe(false);
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['missing.onnx', 'missing'],
      ['short.onnx', 'size_mismatch'],
      ['tampered.onnx', 'hash_mismatch'],
    ]);
    for (const f of result.files) expect(f.message).toContain(f.path);
    expect((await summarise(pack, {}, new Map([['bad', 'x']]))).verification).toBe('failed');
  });

  it('reports progress and stops when cancelled', async () => {
    const big = 'z'.repeat(12 * 1024 * 1024);
    const { modelsDir } = makePack('big', { 'w.bin': big });
    const [pack] = (await discoverPacks(modelsDir, [])).packs;
    if (!pack) throw new Error('pack not found');
    const controller = new AbortController();
    const { context, events } = ctx(controller.signal);
    const wrapped: JobContext = {
      ...context,
      progress: (stage, fraction, message) => {
        context.progress(stage, fraction, message);
        controller.abort();
      },
    };
    const err = await verifyPack(pack, {}, wrapped).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('cancelled');
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.[1]).toBeGreaterThan(0);
    expect(events[0]?.[1]).toBeLessThan(1);
  });
});
