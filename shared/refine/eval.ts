import { refineBuiltin } from './refine';
import { BRANCHES, branchOf, type PhenomenonId } from './taxonomy';

export interface EvalCase {
  prompt: string;
  phenomena: string[];
  branch?: string;
  /**
   * Outcome words the refined prompt must state, each entry a group of accepted alternatives
   * separated by "|" ("sinks|sink"); an alternative with spaces is a phrase.
   */
  outcome?: string[];
  /** Outcome groups that must appear in this order where the order of events matters. */
  order?: string[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Share {
  hit: number;
  of: number;
  share: number;
}

export interface EvalReport {
  cases: number;
  overall: Score;
  branches: Record<string, Score>;
  /** Refined prompts whose added text states every expected outcome group (cases with a label). */
  outcome: Share;
  outcomeByBranch: Record<string, Share>;
  /** Refined prompts whose added text states the labelled events in the labelled order. */
  order: Share;
  errors: Array<{ prompt: string; missed: string[]; extra: string[]; outcome?: string[]; order?: boolean }>;
}

function score(tp: number, fp: number, fn: number): Score {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

const share = (hit: number, of: number): Share => ({ hit, of, share: of === 0 ? 1 : hit / of });

/** A crude suffix stripper, enough to match "sinks", "sinking" and "sink" to one stem. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && (w.endsWith('ied') || w.endsWith('ies'))) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && (w.endsWith('ed') || w.endsWith('es'))) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const stems = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).map(stem);

/** Index of the first place where any alternative of the group occurs, or -1. */
export function findGroup(textStems: string[], group: string): number {
  let best = -1;
  for (const alternative of group.split('|')) {
    const want = stems(alternative);
    if (want.length === 0) continue;
    for (let i = 0; i + want.length <= textStems.length; i++) {
      if (want.every((w, k) => textStems[i + k] === w)) {
        if (best < 0 || i < best) best = i;
        break;
      }
    }
  }
  return best;
}

/** What the refiner added after the user's words (which it keeps first and unchanged). */
export function addedText(original: string, refined: string): string {
  return refined.startsWith(original) ? refined.slice(original.length) : refined;
}

/**
 * Scores the built-in refiner against labelled prompts. A phenomenon counts toward the branch
 * it belongs to in the taxonomy. Outcomes and order are checked in the text the refiner added,
 * so a prompt that already names its outcome earns nothing for repeating it.
 */
export function evaluate(cases: EvalCase[]): EvalReport {
  const counts: Record<string, { tp: number; fp: number; fn: number }> = Object.fromEntries(BRANCHES.map((b) => [b, { tp: 0, fp: 0, fn: 0 }]));
  const outcomeCounts: Record<string, { hit: number; of: number }> = Object.fromEntries(BRANCHES.map((b) => [b, { hit: 0, of: 0 }]));
  let outcomeHit = 0;
  let outcomeOf = 0;
  let orderHit = 0;
  let orderOf = 0;
  const errors: EvalReport['errors'] = [];
  for (const c of cases) {
    const refinement = refineBuiltin(c.prompt);
    const predicted = new Set<string>(refinement.analysis.phenomena.map((p) => p.id));
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
    const added = stems(addedText(refinement.original, refinement.refined));
    let missingOutcome: string[] | undefined;
    if (c.outcome && c.outcome.length > 0) {
      missingOutcome = c.outcome.filter((group) => findGroup(added, group) < 0);
      const ok = missingOutcome.length === 0;
      outcomeOf++;
      if (ok) outcomeHit++;
      const first = c.phenomena[0];
      const bucket = first ? outcomeCounts[branchOf(first as PhenomenonId)] : undefined;
      if (bucket) {
        bucket.of++;
        if (ok) bucket.hit++;
      }
    }
    let orderOk: boolean | undefined;
    if (c.order && c.order.length > 1) {
      const positions = c.order.map((group) => findGroup(added, group));
      orderOk = positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] as number)));
      orderOf++;
      if (orderOk) orderHit++;
    }
    if (missed.length || extra.length || missingOutcome?.length || orderOk === false) {
      errors.push({ prompt: c.prompt, missed, extra, outcome: missingOutcome?.length ? missingOutcome : undefined, order: orderOk });
    }
  }
  const total = Object.values(counts).reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    cases: cases.length,
    overall: score(total.tp, total.fp, total.fn),
    branches: Object.fromEntries(Object.entries(counts).map(([b, c]) => [b, score(c.tp, c.fp, c.fn)])),
    outcome: share(outcomeHit, outcomeOf),
    outcomeByBranch: Object.fromEntries(Object.entries(outcomeCounts).map(([b, c]) => [b, share(c.hit, c.of)])),
    order: share(orderHit, orderOf),
    errors,
  };
}

export function formatReport(report: EvalReport, withErrors = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const labelled = report.outcome.of > 0;
  const lines = [
    `Built-in refiner on ${report.cases} labelled prompts`,
    '',
    `branch      precision  recall   tp  fp  fn${labelled ? '   outcome stated' : ''}`,
  ];
  for (const [branch, s] of [...Object.entries(report.branches), ['overall', report.overall] as const]) {
    const o = branch === 'overall' ? report.outcome : report.outcomeByBranch[branch];
    const outcome = labelled && o ? `   ${pct(o.share)} (${o.hit}/${o.of})` : '';
    lines.push(
      `${branch.padEnd(11)} ${pct(s.precision)}  ${pct(s.recall)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}${outcome}`,
    );
  }
  if (report.order.of > 0) lines.push(`event order matches the label: ${pct(report.order.share)} (${report.order.hit}/${report.order.of})`);
  if (withErrors) {
    lines.push('', `${report.errors.length} prompts with differences:`);
    for (const e of report.errors) {
      const more = `${e.outcome ? `   outcome missing: ${e.outcome.join(', ')}` : ''}${e.order === false ? '   order wrong' : ''}`;
      lines.push(`- ${e.prompt}\n    missed: ${e.missed.join(', ') || '-'}   extra: ${e.extra.join(', ') || '-'}${more}`);
    }
  }
  return lines.join('\n');
}
