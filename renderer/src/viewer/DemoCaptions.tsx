import { weakestPart } from '../../../shared/metrics/weakest';
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
        const metrics = run.clips[variant].metrics;
        const weakest = weakestPart(metrics);
        return (
          <div key={variant} className={`demo-caption demo-caption--${variant}`} data-testid={`demo-caption-${variant}`}>
            <p className="demo-caption__label">{labels[variant]}</p>
            <p className="demo-caption__score">
              Physics score <strong>{Math.round(metrics.score)}</strong>
              <span className="demo-caption__of">/100</span>
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
