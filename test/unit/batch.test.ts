import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCases } from '../../electron/engine/batch/cases';
import { sheetFrames } from '../../electron/engine/batch/contact-sheet';
import { judge } from '../../electron/engine/batch/dataset';
import { insideBatch } from '../../electron/engine/batch/report';
import { commitCase, openBatch, readRecords, startCase } from '../../electron/engine/batch/store';
import { BatchProgress } from '../../electron/hosts/cli/batch-progress';
import { queueTarget } from '../../electron/hosts/cli/queue-connection';
import type { BatchManifest, CaseRecord } from '../../shared/batch/schema';
import { summarise } from '../../shared/batch/summary';

const tmp = () => mkdtempSync(join(tmpdir(), 'ps-batch-unit-'));

describe('batch cases', () => {
  it('reads JSONL with paths relative to the file, ids from names, and per-case seeds', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'c.jsonl'),
      ['# comment', '{"image": "a/cup.jpg", "prompt": "a cup falls"}', '', '{"image": "/abs/cup.jpg", "seed": 4}', '{"id": "x", "image": "b.png"}'].join('\n'),
    );
    const cases = await readCases(join(dir, 'c.jsonl'));
    expect(cases).toEqual([
      { id: 'cup', image: join(dir, 'a', 'cup.jpg'), prompt: 'a cup falls' },
      { id: 'cup-2', image: '/abs/cup.jpg', prompt: '', settings: { seed: 4 } },
      { id: 'x', image: join(dir, 'b.png'), prompt: '' },
    ]);
  });

  it('refuses bad lines, repeated ids and prompts for images that are not there, naming the place', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.jsonl'), '{"image": "a.png"}\nnot json\n');
    await expect(readCases(join(dir, 'bad.jsonl'))).rejects.toThrow(/bad\.jsonl:2 is not JSON/);
    writeFileSync(join(dir, 'dup.jsonl'), '{"id": "a", "image": "1.png"}\n{"id": "a", "image": "2.png"}\n');
    await expect(readCases(join(dir, 'dup.jsonl'))).rejects.toThrow(/"a" is used twice/);
    const folder = join(dir, 'f');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.png'), '');
    writeFileSync(join(folder, 'prompts.txt'), 'one.png: it rolls\ntwo.png: it falls\n');
    await expect(readCases(folder)).rejects.toThrow(/names two\.png/);
    await expect(readCases(join(dir, 'nothing-here'))).rejects.toThrow(/No cases at/);
  });

  it('reads a folder of images with a prompts file; images without a line get an empty prompt', async () => {
    const folder = tmp();
    for (const n of ['b.jpg', 'a.png', 'c.webp', 'notes.md']) writeFileSync(join(folder, n), '');
    writeFileSync(join(folder, 'prompts.txt'), 'a.png: A ball rolls\nb.jpg\tA cup | falls\n');
    expect((await readCases(folder)).map((c) => [c.id, c.prompt])).toEqual([
      ['a', 'A ball rolls'],
      ['b', 'A cup | falls'],
      ['c', ''],
    ]);
  });
});

const record = (id: string, motion: CaseRecord['motionClass'], phenomena: string[], b: number, p: number, status: 'ok' | 'error' = 'ok'): CaseRecord => ({
  kind: 'physstudio.case',
  version: 1,
  id,
  status,
  image: `${id}.png`,
  prompt: id,
  worker: 'w:1',
  startedAt: '',
  finishedAt: '',
  ms: 1,
  ...(status === 'ok'
    ? {
        motionClass: motion,
        phenomena,
        embedding: [1, 2],
        clips: {
          baseline: { variant: 'baseline', scores: { score: b, source: 'metrics', verdict: null, checks: [] }, video: null, sheet: 's', prompt: id },
          physics: { variant: 'physics', scores: { score: p, source: 'metrics', verdict: null, checks: [] }, video: null, sheet: 's', prompt: id },
        },
      }
    : { error: { code: 'io', message: 'bad' } }),
});

const manifest = (ids: string[]): BatchManifest => ({
  kind: 'physstudio.batch',
  version: 1,
  id: 'b1',
  title: 't',
  createdAt: '',
  source: 's',
  options: { tier: 'preview', packId: null, refine: true, settings: {} },
  cases: ids.map((id) => ({ id, image: `${id}.png`, prompt: '' })),
});

describe('batch report figures', () => {
  it('groups per motion class and per phenomenon, counting who scored higher', () => {
    const r = summarise(
      manifest(['a', 'b', 'c', 'd', 'e']),
      [
        record('b', 'fall', ['gravity', 'collision'], 40, 90),
        record('a', 'fall', ['gravity'], 80, 60),
        record('c', 'roll', [], 50, 50.5),
        record('d', undefined, [], 0, 0, 'error'),
      ],
      'now',
    );
    expect(r.cases.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.cases.every((c) => c.embedding === undefined)).toBe(true);
    expect(r.totals).toMatchObject({ cases: 4, failed: 1, pending: 1, physicsAhead: 1, baselineAhead: 1, level: 1, meanBaseline: 56.7, meanPhysics: 66.8 });
    expect(r.byMotion.find((g) => g.key === 'fall')).toMatchObject({ cases: 2, meanBaseline: 60, meanPhysics: 75, physicsAhead: 1, baselineAhead: 1 });
    expect(r.byMotion.find((g) => g.key === 'failed')).toMatchObject({ cases: 1, failed: 1, meanBaseline: null });
    expect(r.byPhenomenon.map((g) => [g.key, g.cases])).toEqual([
      ['gravity', 2],
      ['(none named)', 1],
      ['collision', 1],
    ]);
  });

  it('judges: a person wins; the machine only past the margin; ties and small margins are no row', () => {
    expect(judge('baseline', 10, 90, 20)).toEqual({ chosen: 'baseline', judge: 'person', margin: 80 });
    expect(judge('tie', 10, 90, 20)).toBeNull();
    expect(judge(null, 10, 90, 20)).toEqual({ chosen: 'physics', judge: 'machine', margin: 80 });
    expect(judge(null, 70, 40, 20)).toEqual({ chosen: 'baseline', judge: 'machine', margin: -30 });
    expect(judge(null, 50, 65, 20)).toBeNull();
    expect(judge(null, 10, 90, null)).toBeNull();
    // Without the pixel evaluator's scores only people judge.
    expect(judge(null, 10, 90, 20, false)).toBeNull();
    expect(judge('physics', 10, 90, 20, false)).toMatchObject({ judge: 'person' });
  });

  it('contact sheets span the clip from its first to its last frame', () => {
    expect(sheetFrames(13, 8)).toEqual([0, 2, 3, 5, 7, 9, 10, 12]);
    expect(sheetFrames(3, 8)).toEqual([0, 1, 2]);
    expect(sheetFrames(1, 8)).toEqual([0]);
  });

  it('reads only images inside the batch folder', () => {
    expect(insideBatch('/b', 'cases/x/a.png')).toBe('/b/cases/x/a.png');
    expect(() => insideBatch('/b', '../etc/passwd')).toThrow(/not inside/);
    expect(() => insideBatch('/b', '/etc/passwd')).toThrow(/not inside/);
    expect(() => insideBatch('/b', 'cases/../../x.png')).toThrow(/not inside/);
  });
});

describe('batch folder', () => {
  it('commits a case once: a second commit of the same case is dropped and the first stands', async () => {
    const out = tmp();
    const first = await startCase(out, 'a');
    const second = await startCase(out, 'a');
    const one = await commitCase(out, first, record('a', 'fall', [], 1, 2));
    const two = await commitCase(out, second, { ...record('a', 'fall', [], 3, 4), worker: 'w:2' });
    expect(one.committed).toBe(true);
    expect(two).toMatchObject({ committed: false, record: { worker: 'w:1' } });
    expect(readdirSync(join(out, 'cases'))).toEqual(['a']);
    expect((await readRecords(out)).map((r) => r.id)).toEqual(['a']);
  });

  it('resumes with the same options in any order, takes on new cases, refuses other options', async () => {
    const out = tmp();
    const opts = { tier: 'preview' as const, packId: null, refine: true, settings: { size: 128, fps: 12 } };
    const c = manifest(['a']).cases;
    const { manifest: m1, resumed } = await openBatch(out, 's', c, opts, 't');
    expect(resumed).toBe(false);
    const again = await openBatch(out, 's', [...c, { id: 'b', image: 'b.png', prompt: '' }], { ...opts, settings: { fps: 12, size: 128 } }, 't');
    expect(again).toMatchObject({ resumed: true, manifest: { id: m1.id } });
    expect(again.manifest.cases.map((x) => x.id)).toEqual(['a', 'b']);
    await expect(openBatch(out, 's', c, { ...opts, refine: false }, 't')).rejects.toThrow(/other options/);
    await expect(openBatch(out, 's', [{ id: 'a', image: 'other.png', prompt: '' }], opts, 't')).rejects.toThrow(/"a" changed/);
  });
});

describe('batch progress and queue address', () => {
  it('draws a bar with the rate of cases made in this run and the time left', () => {
    let now = 0;
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const p = new BatchProgress(10, 4, stream, () => now);
    expect(p.line(10)).toBe('[####------] 4/10 40% · – cases/min · – left');
    now = 30_000;
    p.tick('c5', true);
    now = 60_000;
    p.tick('c6', false);
    expect(p.line(10)).toBe('[######----] 6/10 60% · 2.0 cases/min · 2m00s left · 1 failed');
    expect(lines.at(-1)).toMatch(/FAILED c6\n$/);
  });

  it('parses redis URLs and refuses others', () => {
    expect(queueTarget('redis://:pw@h:6380/2?queue=lab')).toMatchObject({ name: 'lab', connection: { host: 'h', port: 6380, password: 'pw', db: 2 } });
    expect(queueTarget('redis://127.0.0.1').connection.port).toBe(6379);
    expect(() => queueTarget('http://x')).toThrow(/redis:\/\//);
    expect(() => queueTarget('nonsense')).toThrow(/not a URL/);
  });
});

describe('batch scores', () => {
  it('uses the pixel evaluation when a clip has one, its metrics otherwise, and says which', async () => {
    const { clipScores } = await import('../../shared/batch/scores');
    const part = (score: number | null, summary: string) => ({ score, summary });
    const metrics = {
      score: 70,
      gravity: { ...part(null, 'no flight'), measured: null, expected: 9.81, frames: 0 },
      interpenetration: { ...part(100, 'no overlap'), maxDepthPx: 0, span: null, frames: 0 },
      support: { ...part(40, 'hangs'), violations: [] },
      energy: { ...part(null, 'no bounce'), bounces: 0, maxRestitution: null },
    };
    const clip = { metrics } as unknown as Parameters<typeof clipScores>[0];
    expect(clipScores(clip)).toMatchObject({
      score: 70,
      source: 'metrics',
      verdict: null,
      checks: [{ id: 'gravity', score: null, pass: null, reason: 'no flight' }, {}, { id: 'support', score: 40 }, {}],
    });
    const evaluation = {
      score: 41,
      verdict: 'implausible',
      checks: [
        { id: 'gravity_fit', label: 'Falls like gravity', score: 0.123, pass: false, reason: 'falls at 2 m/s²', applicable: true, weight: 1 },
        { id: 'intent', label: 'Does what was asked', score: 1, pass: true, reason: 'no motion named', applicable: false, weight: 1 },
      ],
    };
    expect(clipScores({ ...clip, evaluation } as typeof clip)).toEqual({
      score: 41,
      source: 'pixel-evaluator',
      verdict: 'implausible',
      checks: [
        { id: 'gravity_fit', score: 12.3, pass: false, reason: 'falls at 2 m/s²' },
        { id: 'intent', score: null, pass: null, reason: 'no motion named' },
      ],
    });
  });
});
