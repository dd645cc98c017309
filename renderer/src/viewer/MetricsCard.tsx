import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import { METRIC_NAMES, METRIC_PARTS } from '../../../shared/metrics/weakest';
import type { Metrics } from '../../../shared/run/schema';
import { EvaluationCard } from './EvaluationCard';

const PARTS = METRIC_PARTS.map((key) => [key, METRIC_NAMES[key]] as const);

/**
 * The clip's physics score and what it is made of, in plain words: the pixel evaluation where the
 * clip has one, else (runs made before it) the track-based metrics.
 */
export function MetricsCard({ metrics, evaluation, variant }: { metrics: Metrics; evaluation?: PixelEvaluation | undefined; variant: 'baseline' | 'physics' }) {
  if (evaluation) return <EvaluationCard evaluation={evaluation} testId={`metrics-${variant}`} />;
  return (
    <div className="metrics" data-testid={`metrics-${variant}`}>
      <p className="metrics__score">
        Physics score <strong>{Math.round(metrics.score)}</strong>
        <span className="muted">/100</span>
      </p>
      <TrackMetrics metrics={metrics} />
    </div>
  );
}

/** The older, track-based metrics (from the clip's object paths), kept for runs made before the pixel evaluator. */
export function TrackMetrics({ metrics }: { metrics: Metrics }) {
  return (
    <ul className="metrics__parts">
      {PARTS.map(([key, label]) => {
        const part = metrics[key];
        return (
          <li key={key} title={part.summary}>
            <span className="metrics__label">{label}</span>
            <span className="metrics__value">{part.score === null ? '–' : Math.round(part.score)}</span>
            <span className="metrics__summary">{part.summary}</span>
          </li>
        );
      })}
    </ul>
  );
}
