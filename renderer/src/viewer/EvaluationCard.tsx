import type { PixelEvaluation } from '../../../shared/evaluate/schema';

/**
 * The pixel evaluator's verdict on one clip: its score, plausible or not, and each check with
 * its one-line reason. The score is measured from the clip's own frames, so the baseline, the
 * physics clip and any clip the user drops in are judged alike.
 */
export function EvaluationCard({ evaluation, testId }: { evaluation: PixelEvaluation; testId: string }) {
  const plausible = evaluation.verdict === 'plausible';
  return (
    <div className="metrics" data-testid={testId}>
      <p className="metrics__score">
        Physics score <strong>{Math.round(evaluation.score)}</strong>
        <span className="muted">/100</span>{' '}
        <span className={`verdict verdict--${plausible ? 'ok' : 'bad'}`} data-testid={`${testId}-verdict`}>
          {plausible ? 'Plausible' : 'Implausible'}
        </span>
      </p>
      <ul className="metrics__checks" aria-label="Checks measured from the frames">
        {evaluation.checks.map((c) => {
          const state = !c.applicable ? 'na' : c.pass ? 'pass' : 'fail';
          return (
            <li key={c.id} className={`check-row check-row--${state}`} data-check={c.id} data-state={state} title={c.reason}>
              <span className="check-row__mark" aria-hidden="true">
                {state === 'na' ? '–' : state === 'pass' ? '✓' : '✗'}
              </span>
              <span className="visually-hidden">{state === 'na' ? 'Not applicable: ' : state === 'pass' ? 'Passes: ' : 'Fails: '}</span>
              <span className="check-row__label">{c.label}</span>
              <span className="check-row__reason">{c.reason}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
