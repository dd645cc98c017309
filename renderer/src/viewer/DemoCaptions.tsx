import { weakestCheck } from '../../../shared/evaluate/weakest';
import { weakestPart } from '../../../shared/metrics/weakest';
import { clipScore } from '../../../shared/run/clip-score';
import type { Run, Variant } from '../../../shared/run/schema';

/**
 * Demo-mode captions, sized for a conference screen: under each clip, what it is, its physics
 * score, and in plain words what its weakest measurement found, so an audience sees why the
 * scores differ without the breakdown panels.
 */
export function DemoCaptions({ run, labels }: { run: Run; labels: Record<Variant, string> }) {
  return (
    <div className="demo-captions" data-testid="demo-captions">
      {(['baseline', 'physics'] as const).map((variant) => {
        const { metrics, evaluation } = run.clips[variant];
        // The pixel evaluation where the clip has one; runs made before it show their path metrics.
        const check = evaluation ? weakestCheck(evaluation) : null;
        const weakest = evaluation ? check && { name: check.label, summary: check.pass ? evaluation.summary : check.reason } : weakestPart(metrics);
        const score = clipScore({ evaluation, metrics });
        return (
          <div key={variant} className={`demo-caption demo-caption--${variant}`} data-testid={`demo-caption-${variant}`}>
            <p className="demo-caption__label">{labels[variant]}</p>
            <p className="demo-caption__score">
              Physics score <strong>{Math.round(score)}</strong>
              <span className="demo-caption__of">/100</span>
              {evaluation && <span className="demo-caption__verdict"> · {evaluation.verdict === 'plausible' ? 'plausible' : 'implausible'}</span>}
            </p>
            <p className="demo-caption__weakest">
              {weakest ? (
                <>
                  <span className="demo-caption__part">Weakest, {weakest.name.toLowerCase()}:</span> {weakest.summary}
                </>
              ) : (
                'Nothing in this clip could be measured.'
              )}
            </p>
          </div>
        );
      })}
    </div>
  );
}
