import type { Refinement } from '../../../../shared/refine';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The two scores in plain words, so a user knows what each number means and what to do. */
export function explainScores(r: Refinement): { intent: string; physics: string } {
  const intent =
    r.scores.intentKept >= 1
      ? 'Every content word of your prompt is still in the refined one.'
      : `${pct(r.scores.intentKept)} of your prompt's content words are still there; the rest did not fit the target's budget.`;
  const n = r.analysis.phenomena.length;
  const covered = Math.round(r.scores.physicsCovered * n);
  const physics =
    n === 0
      ? 'No physical phenomenon was recognised, so there was nothing to add.'
      : covered === n
        ? `All ${n} predicted ${n === 1 ? 'phenomenon is' : 'phenomena are'} described.`
        : `${covered} of ${n} predicted phenomena are described; the others did not fit ${r.target.budget} tokens. A longer target keeps more.`;
  return { intent, physics };
}
