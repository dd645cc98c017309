import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../shared/refine/analyze';
import { type EvalCase, evaluate } from '../../shared/refine/eval';
import { PHENOMENON_IDS } from '../../shared/refine/taxonomy';
import { ROOT } from '../helpers/engine';

const load = (file: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'refine-eval', file), 'utf8')) as EvalCase[];

/**
 * Floors on phenomena detection. The development set was used to tune the knowledge base; the
 * held-out set never was, so its floors are lower and its figures are the ones to quote.
 */
describe('refiner evaluation floors', () => {
  // Loading the NLP library is the slow first step of any analysis; it belongs to the hook, so each floor's time is its own set's.
  beforeAll(() => {
    analyze('a ball falls off the table');
  });

  it('the evaluation sets are well formed and cover the taxonomy', () => {
    const dev = load('prompts.json');
    expect(dev.length).toBeGreaterThanOrEqual(150);
    const labels = new Set(dev.flatMap((c) => c.phenomena));
    expect([...labels].sort()).toEqual([...PHENOMENON_IDS].sort());
    for (const c of [...dev, ...load('holdout.json')]) for (const id of c.phenomena) expect(PHENOMENON_IDS).toContain(id);
  });

  it('development set: precision and recall of at least 80% in every branch', () => {
    const report = evaluate(load('prompts.json'));
    for (const [branch, s] of Object.entries(report.branches)) {
      expect(s.precision, `${branch} precision`).toBeGreaterThanOrEqual(0.8);
      expect(s.recall, `${branch} recall`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('held-out set: overall precision ≥ 65% and recall ≥ 72%, every branch recall ≥ 65%', () => {
    const report = evaluate(load('holdout.json'));
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.65);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.72);
    for (const [branch, s] of Object.entries(report.branches)) expect(s.recall, `${branch} recall`).toBeGreaterThanOrEqual(0.65);
  });
});
