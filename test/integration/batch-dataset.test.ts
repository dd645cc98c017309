import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseRecordSchema } from '../../shared/batch/schema';
import { createApi } from '../../shared/contract';
import { caseFolders, casesFile, cliSync, SMALL } from '../helpers/batch';
import { ROOT, realEngine, requireBuild, tempDataDir } from '../helpers/engine';

// Debian's python3, as a trainer's machine would have it (not a developer's pyenv).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const MARGIN = 20;

describe('preference dataset export', () => {
  requireBuild();
  const dataDir = tempDataDir();
  const engine = realEngine(dataDir);
  const api = createApi(engine);
  afterAll(() => engine.stop());

  it('writes judged pairs that the Python loader reads back, row for row', { timeout: 600_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ps-ds-')), 'batch');
    const made = cliSync(['batch', casesFile(5), '--out', out, ...SMALL, '--data-dir', dataDir]);
    expect(made.status, made.stderr).toBe(0);
    const records = caseFolders(out)
      .sort()
      .map((id) => CaseRecordSchema.parse(JSON.parse(readFileSync(join(out, 'cases', id, 'case.json'), 'utf8'))));
    // People judge three pairs (one a tie); two are left to the machine.
    const judged: Array<'physics' | 'baseline' | 'tie'> = ['physics', 'baseline', 'tie'];
    for (const [i, preference] of judged.entries()) await api['runs.prefer']({ runId: records[i]?.runId as string, preference });

    const ds = join(mkdtempSync(join(tmpdir(), 'ps-ds-out-')), 'dataset');
    const exported = cliSync(['dataset', out, '--out', ds, '--margin', String(MARGIN), '--json', '--data-dir', dataDir]);
    expect(exported.status, exported.stderr).toBe(0);

    // What the rows must be, from the records and the judgements.
    const expected = records.flatMap((r, i) => {
      const b = r.clips?.baseline.scores.score ?? 0;
      const p = r.clips?.physics.scores.score ?? 0;
      const person = judged[i];
      if (person === 'tie') return [];
      if (person) return [{ id: r.id, chosen: person, judge: 'person' }];
      // The machine judges only with the pixel evaluator's scores.
      if (r.clips?.physics.scores.source !== 'pixel-evaluator' || r.clips?.baseline.scores.source !== 'pixel-evaluator') return [];
      if (Math.abs(p - b) < MARGIN || p === b) return [];
      return [{ id: r.id, chosen: p > b ? 'physics' : 'baseline', judge: 'machine' }];
    });
    const result = JSON.parse(exported.stdout) as { rows: number; person: number; machine: number; left: number };
    expect(result).toMatchObject({ rows: expected.length, person: 2, left: 5 - expected.length });

    const py = spawnSync(PYTHON, [join(ROOT, 'docs', 'physstudio_dpo.py'), ds, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(py.status, py.stderr).toBe(0);
    const read = JSON.parse(py.stdout) as {
      rows: number;
      dim: number;
      problems: string[];
      pairs: Array<{
        id: string;
        prompt: string;
        refined_prompt: string | null;
        chosen_variant: string;
        judge: string;
        seed: number;
        chosen: string;
        rejected: string;
        first_frame: string;
        chosen_bytes: number;
        embedding: number[];
        pixel_scores: { baseline: number; physics: number };
      }>;
    };
    expect(read.problems).toEqual([]);
    expect(read.pairs.map((p) => ({ id: p.id.split('/').pop(), chosen: p.chosen_variant, judge: p.judge }))).toEqual(expected);
    for (const pair of read.pairs) {
      const r = records.find((x) => pair.id.endsWith(`/${x.id}`));
      expect(r).toBeDefined();
      if (!r) continue;
      expect(pair.prompt).toBe(r.prompt);
      expect(pair.refined_prompt).toBe(r.refined);
      expect(pair.seed).toBe(r.seed);
      expect(pair.pixel_scores).toMatchObject({ baseline: r.clips?.baseline.scores.score, physics: r.clips?.physics.scores.score });
      // The chosen clip is byte for byte the clip of the chosen variant.
      const source = join(out, r.clips?.[pair.chosen_variant as 'baseline' | 'physics'].video as string);
      expect(readFileSync(pair.chosen).equals(readFileSync(source))).toBe(true);
      expect(readFileSync(pair.first_frame).subarray(1, 4).toString()).toBe('PNG');
      // float32 round trip of the scene embedding.
      expect(pair.embedding).toHaveLength(r.embedding?.length ?? -1);
      for (const [k, v] of pair.embedding.entries()) expect(v).toBeCloseTo(Math.fround(r.embedding?.[k] ?? Number.NaN), 6);
    }

    // A dataset is never written over.
    const again = cliSync(['dataset', out, '--out', ds, '--data-dir', dataDir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });
});
