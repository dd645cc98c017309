import { useApi } from '../api/use-api';
import { useJobs } from '../stores/jobs';
import { reportError } from '../stores/notices';
import { HistoryStrip } from './HistoryStrip';

function percent(fraction: number | null): string {
  return fraction === null ? '' : `${Math.round(fraction * 100)}%`;
}

export function QueueStrip() {
  const api = useApi();
  const jobs = useJobs((s) => s.jobs);
  const clearFinished = useJobs((s) => s.clearFinished);
  const cancel = useJobs((s) => s.cancel);
  return (
    <section className="queue" aria-label="Queue and history">
      <HistoryStrip />
      <h2 className="section-title">Queue</h2>
      {jobs.length === 0 ? (
        <p className="empty small">Nothing running. Long steps (perceiving, generating, verifying packs) show their progress here and can be cancelled.</p>
      ) : (
        <ul className="queue__list" data-testid="queue">
          {jobs.map((job) => (
            <li key={job.id} className={`job job--${job.state}`} data-testid="job" data-state={job.state}>
              <div className="job__head">
                <span className="job__label">{job.label}</span>
                <span className="muted small">{job.state === 'running' ? `${job.stage} ${percent(job.fraction)}` : job.state}</span>
              </div>
              {job.state === 'running' && <progress className="job__bar" max={1} value={job.fraction ?? undefined} aria-label={`${job.label} progress`} />}
              {job.error && job.state === 'failed' && (
                <p className="job__error small" role="alert">
                  {job.error.message}
                  {job.error.hint ? ` ${job.error.hint}` : ''}
                </p>
              )}
              {job.state === 'running' && (
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  onClick={() => cancel(api, job.id).catch((err) => reportError('Cancel failed', err))}
                >
                  Cancel
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {jobs.some((j) => j.state !== 'running') && (
        <button type="button" className="btn btn--small btn--ghost" onClick={clearFinished}>
          Clear finished
        </button>
      )}
    </section>
  );
}
