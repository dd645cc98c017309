import { useRun } from '../stores/run';
import { MetricsCard } from '../viewer/MetricsCard';

/** Both clips' measured physics, with how each motion was made. */
export function MetricsTab() {
  const run = useRun((s) => s.run);
  if (!run)
    return <p className="empty">Physics metrics for each clip (gravity consistency, interpenetration, support, energy at bounces) appear after generation.</p>;
  return (
    <div className="stack">
      {(['baseline', 'physics'] as const).map((v) => (
        <section key={v} className="panel-section">
          <h3 className="section-title">{v === 'baseline' ? 'Baseline: no physics conditioning' : 'Physics-conditioned'}</h3>
          <MetricsCard metrics={run.clips[v].metrics} variant={v} />
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
    </div>
  );
}
