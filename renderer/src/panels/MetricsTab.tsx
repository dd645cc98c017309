import { useRun } from '../stores/run';
import { MetricsCard, TrackMetrics } from '../viewer/MetricsCard';
import { EvaluateClip } from './EvaluateClip';

/** Both clips' measured physics, with how each motion was made. */
export function MetricsTab() {
  const run = useRun((s) => s.run);
  if (!run)
    return (
      <div className="stack">
        <p className="empty">
          Each clip's physics score appears after generation, measured from its own frames: does what the prompt says, stays in frame, no jumps, no vanishing or
          splitting, falls with gravity, rests on supports, still background, no holes or smears.
        </p>
        <EvaluateClip />
      </div>
    );
  return (
    <div className="stack">
      {(['baseline', 'physics'] as const).map((v) => (
        <section key={v} className="panel-section">
          <h3 className="section-title">{v === 'baseline' ? 'Baseline: no physics conditioning' : 'Physics-conditioned'}</h3>
          <MetricsCard metrics={run.clips[v].metrics} evaluation={run.clips[v].evaluation} variant={v} />
          {run.clips[v].evaluation && (
            <details className="small">
              <summary className="muted">Path metrics (from the clip's planned object paths, not its pixels)</summary>
              <TrackMetrics metrics={run.clips[v].metrics} />
            </details>
          )}
          <ul className="small muted motion-notes">
            {run.clips[v].motion.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="small muted">
        Seed {run.settings.seed} · {run.clips.physics.size.width}×{run.clips.physics.size.height} · {run.settings.seconds} s at {run.settings.fps} fps · made in{' '}
        {run.timings.totalMs} ms
      </p>
      <EvaluateClip />
    </div>
  );
}
