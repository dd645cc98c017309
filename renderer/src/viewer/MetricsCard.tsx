import { METRIC_NAMES, METRIC_PARTS } from '../../../shared/metrics/weakest';
import type { Metrics } from '../../../shared/run/schema';

const PARTS = METRIC_PARTS.map((key) => [key, METRIC_NAMES[key]] as const);

/** The clip's physics score and what it is made of, in plain words. */
export function MetricsCard({ metrics, variant }: { metrics: Metrics; variant: 'baseline' | 'physics' }) {
  return (
    <div className="metrics" data-testid={`metrics-${variant}`}>
      <p className="metrics__score">
        Physics score <strong>{Math.round(metrics.score)}</strong>
        <span className="muted">/100</span>
      </p>
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
    </div>
  );
}
