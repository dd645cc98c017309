import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../../shared/contract';
import { RefinementSchema } from '../../shared/refine';
import { ROOT, requireBuild, tempDataDir } from '../helpers/engine';

const BIN = join(ROOT, 'bin', 'physstudio.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('physstudio CLI', () => {
  requireBuild();

  it('doctor --json prints exactly one JSON document with the engine report', () => {
    const result = run('doctor', '--json', '--data-dir', tempDataDir());
    expect(result.status).toBe(0);
    const report = DoctorReportSchema.parse(JSON.parse(result.stdout));
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(report.providers.find((p) => p.id === 'cpu')?.available).toBe(true);
    expect(report.engine.host).toBe('node-child');
    expect(report.engine.pid).not.toBe(result.pid);
  });

  it('doctor prints a readable report', () => {
    const result = run('doctor', '--data-dir', tempDataDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Execution providers \(active: \w+\)/);
    expect(result.stdout).toMatch(/ok\s+cpu/);
    expect(result.stdout).toContain('Model folders');
  });

  it('fails with one line on stderr for an unknown command or option', () => {
    for (const args of [['frobnicate'], ['doctor', '--jsn']]) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^physstudio: /);
    }
  });

  it('refine --json prints one Refinement; the readable form shows the reasoning', () => {
    const json = run('refine', 'a glass falls off a table and shatters', '--target', 'clip-77', '--json', '--data-dir', tempDataDir());
    expect(json.status).toBe(0);
    const r = RefinementSchema.parse(JSON.parse(json.stdout));
    expect(r.target.id).toBe('clip-77');
    expect(r.tokens.used).toBeLessThanOrEqual(77);
    const text = run('refine', 'a glass falls off a table and shatters', '--alternatives', '--data-dir', tempDataDir());
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^a glass falls off a table and shatters\. /);
    expect(text.stdout).toContain('Phenomena');
    expect(text.stdout).toContain('Alternative (cinematic');
  });

  it('refine reports bad input on one line', () => {
    for (const args of [['refine', '  '], ['refine'], ['refine', 'a', 'b'], ['refine', 'x', '--backend', 'gpt'], ['refine', 'a ball', '--target', 'nope']]) {
      const result = run(...args, '--data-dir', tempDataDir());
      expect(result.status, args.join(' ')).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
