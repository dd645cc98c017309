import { analyze } from './analyze';
import { BRANCHES, branchOf, type PhenomenonId } from './taxonomy';

export interface EvalCase {
  prompt: string;
  phenomena: string[];
  branch: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface EvalReport {
  cases: number;
  overall: Score;
  branches: Record<string, Score>;
  errors: Array<{ prompt: string; missed: string[]; extra: string[] }>;
}

function score(tp: number, fp: number, fn: number): Score {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/**
 * Scores the analysis against labelled prompts. A phenomenon counts toward the branch it belongs
 * to in the taxonomy, so a fluids prompt that also involves gravity scores gravity under mechanics.
 */
export function evaluate(cases: EvalCase[]): EvalReport {
  const counts: Record<string, { tp: number; fp: number; fn: number }> = Object.fromEntries(BRANCHES.map((b) => [b, { tp: 0, fp: 0, fn: 0 }]));
  const errors: EvalReport['errors'] = [];
  for (const c of cases) {
    const predicted = new Set(analyze(c.prompt).analysis.phenomena.map((p) => p.id));
    const expected = new Set(c.phenomena);
    const missed = [...expected].filter((id) => !predicted.has(id));
    const extra = [...predicted].filter((id) => !expected.has(id));
    for (const id of expected) {
      const bucket = counts[branchOf(id as PhenomenonId)];
      if (bucket) predicted.has(id) ? bucket.tp++ : bucket.fn++;
    }
    for (const id of extra) {
      const bucket = counts[branchOf(id as PhenomenonId)];
      if (bucket) bucket.fp++;
    }
    if (missed.length || extra.length) errors.push({ prompt: c.prompt, missed, extra });
  }
  const total = Object.values(counts).reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    cases: cases.length,
    overall: score(total.tp, total.fp, total.fn),
    branches: Object.fromEntries(Object.entries(counts).map(([b, c]) => [b, score(c.tp, c.fp, c.fn)])),
    errors,
  };
}

export function formatReport(report: EvalReport, withErrors = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [`Built-in refiner, phenomena detection on ${report.cases} labelled prompts`, '', 'branch      precision  recall   tp  fp  fn'];
  for (const [branch, s] of [...Object.entries(report.branches), ['overall', report.overall] as const]) {
    lines.push(
      `${branch.padEnd(11)} ${pct(s.precision)}  ${pct(s.recall)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`,
    );
  }
  if (withErrors) {
    lines.push('', `${report.errors.length} prompts with differences:`);
    for (const e of report.errors) lines.push(`- ${e.prompt}\n    missed: ${e.missed.join(', ') || '-'}   extra: ${e.extra.join(', ') || '-'}`);
  }
  return lines.join('\n');
}
