import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs benchmark module without type declarations
import { watchVerdicts } from '../../bench/verdicts.mjs';

function fakeConsole() {
  const lines: string[] = [];
  return { lines, target: { log: (...args: unknown[]) => lines.push(args.map(String).join(' ')) } };
}

describe('npm run bench verdicts', () => {
  it('lists every row over budget, from any module, and fails only with --strict', () => {
    const { lines, target } = fakeConsole();
    const verdicts = watchVerdicts(target);
    target.log('refine p95 3 ms (budget < 20 ms: ok)');
    target.log('preview cold median 2100 ms  (budget < 1500 ms: OVER)');
    target.log('  1.2× real time (budget ≥ 4×: UNDER), 30 KB\n  growth 12 MiB  (budget: no growth: GROWING)');
    expect(verdicts.missed).toHaveLength(3);
    expect(verdicts.summary(false)).toBe(0);
    expect(lines.join('\n')).toMatch(/budgets: 3 row\(s\) OVER budget:\n {2}✗ preview cold/);
    expect(verdicts.summary(true)).toBe(1);
  });

  it('exits 0 when every budget is met, strict or not', () => {
    const { lines, target } = fakeConsole();
    const verdicts = watchVerdicts(target);
    target.log('x (budget < 2000 ms: ok)');
    expect(verdicts.summary(true)).toBe(0);
    expect(lines.at(-1)).toBe('budgets: every row within budget');
  });
});
