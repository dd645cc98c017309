import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchReportSchema, CaseRecordSchema } from '../../shared/batch/schema';
import { caseFolders, casesFile, cliSpawn, cliSync, exited, libraryRuns, SMALL, waitFor } from '../helpers/batch';
import { RESOURCES, requireBuild, tempDataDir } from '../helpers/engine';

const readRecord = (out: string, id: string) => CaseRecordSchema.parse(JSON.parse(readFileSync(join(out, 'cases', id, 'case.json'), 'utf8')));

describe('physstudio batch', () => {
  requireBuild();

  it('a 20-case batch killed part way and run again gives exactly 20 runs', { timeout: 900_000 }, async () => {
    const cases = casesFile(20);
    const out = join(mkdtempSync(join(tmpdir(), 'ps-batch-')), 'out');
    const dataDir = tempDataDir();
    const args = ['batch', cases, '--out', out, ...SMALL, '--workers', '2', '--data-dir', dataDir];
    const first = cliSpawn(args);
    // Killed without warning once a few cases are in, while others are half made.
    await waitFor('three finished cases', () => (first.output().match(/ · done c/g) ?? []).length >= 3);
    first.kill('SIGKILL');
    await exited(first);
    const before = caseFolders(out);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(20);

    const second = cliSync([...args, '--json']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Resuming batch .*: \d+ of 20 cases already done/);
    expect(second.stderr).toMatch(/\[#+\] 20\/20 100% · [\d.]+ cases\/min · done/);
    const outcome = JSON.parse(second.stdout) as { total: number; ok: number; failed: number };
    expect(outcome).toMatchObject({ total: 20, ok: 20, failed: 0 });

    // Exactly 20 committed cases, none half-written, each with its own run, and 20 runs in the library.
    const folders = caseFolders(out);
    expect(folders).toHaveLength(20);
    expect(readdirSync(join(out, 'cases')).filter((n) => n.startsWith('.'))).toEqual([]);
    const records = folders.map((id) => readRecord(out, id));
    const runIds = records.map((r) => r.runId);
    expect(new Set(runIds).size).toBe(20);
    expect(libraryRuns(dataDir).sort()).toEqual([...runIds].sort());
    // The cases made before the kill were kept, not made again.
    for (const id of before) expect(folders).toContain(id);
    for (const r of records) {
      expect(r.status).toBe('ok');
      for (const which of ['baseline', 'physics'] as const) {
        const clip = r.clips?.[which];
        expect(clip && existsSync(join(out, clip.sheet))).toBe(true);
        expect(clip?.video && existsSync(join(out, clip.video))).toBe(true);
      }
    }
    const report = BatchReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.totals).toMatchObject({ cases: 20, failed: 0, pending: 0 });
    expect(report.byMotion.reduce((n, r) => n + r.cases, 0)).toBe(20);
    const csvRows = readFileSync(join(out, 'report.csv'), 'utf8').trim().split('\n');
    expect(csvRows).toHaveLength(21);

    // Run once more: nothing left to do, nothing made twice.
    const third = cliSync(args);
    expect(third.status).toBe(0);
    expect(caseFolders(out)).toHaveLength(20);
    expect(libraryRuns(dataDir)).toHaveLength(20);
  });

  it('records a bad case with its error and goes on; reads a folder of images with a prompts file', { timeout: 300_000 }, () => {
    const folder = mkdtempSync(join(tmpdir(), 'ps-batch-folder-'));
    for (const name of ['ball-off-table.png', 'block-stack.png']) writeFileSync(join(folder, name), readFileSync(join(RESOURCES, 'samples', name)));
    writeFileSync(join(folder, 'broken.png'), 'this is not a PNG');
    writeFileSync(
      join(folder, 'prompts.txt'),
      'ball-off-table.png: A red ball rolls off the table\nblock-stack.png\tThe stack of blocks topples over\nbroken.png: A thing falls\n',
    );
    const out = join(folder, 'out');
    mkdirSync(out);
    const result = cliSync(['batch', folder, '--out', out, ...SMALL, '--no-refine', '--data-dir', tempDataDir()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/2 of 3 cases made, 1 failed/);
    expect(result.stderr).toMatch(/FAILED broken/);
    expect(caseFolders(out).sort()).toEqual(['ball-off-table', 'block-stack', 'broken']);
    const broken = readRecord(out, 'broken');
    expect(broken.status).toBe('error');
    expect(broken.error?.message).toMatch(/broken\.png|image/i);
    const ok = readRecord(out, 'block-stack');
    expect(ok.prompt).toBe('The stack of blocks topples over');
    // Refinement off: the physics clip got the prompt as typed.
    expect(ok.refined).toBeNull();
    expect(ok.clips?.physics.prompt).toBe('The stack of blocks topples over');
  });

  it('refuses to resume a batch with other options, and explains usage errors', () => {
    const cases = casesFile(1);
    const out = join(mkdtempSync(join(tmpdir(), 'ps-batch-opts-')), 'out');
    mkdirSync(out);
    writeFileSync(
      join(out, 'batch.json'),
      JSON.stringify({
        kind: 'physstudio.batch',
        version: 1,
        id: 'b1',
        title: 't',
        createdAt: '2026-01-01T00:00:00Z',
        source: cases,
        options: { tier: 'preview', packId: null, refine: true, settings: { size: 256 } },
        cases: [],
      }),
    );
    const other = cliSync(['batch', cases, '--out', out, ...SMALL, '--data-dir', tempDataDir()]);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/other options.*new --out folder/);
    expect(cliSync(['batch', cases]).stderr).toMatch(/needs --out/);
    expect(cliSync(['batch', cases, '--out', out, '--tier', 'render']).stderr).toMatch(/needs --pack/);
    expect(cliSync(['batch', cases, '--out', out, '--workers', '0']).status).toBe(2);
  });
});
