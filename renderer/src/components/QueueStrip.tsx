import { useEffect, useState } from 'react';
import { useApi } from '../api/use-api';
import { type JobEntry, timeLeftMs, useJobs } from '../stores/jobs';
import { reportError } from '../stores/notices';
import { formatDuration } from '../stores/rates';
import { HistoryStrip } from './HistoryStrip';

function percent(fraction: number | null): string {
  return fraction === null ? '' : `${Math.round(fraction * 100)}%`;
}

/** Ticks once a second while something runs, so times left count down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function runningText(job: JobEntry, now: number): string {
  const left = timeLeftMs(job, now);
  const elapsed = formatDuration(now - job.startedAt);
  const whole = job.overall !== undefined ? ` · ${Math.round(job.overall * 100)}% overall` : '';
  return `${job.stage} ${percent(job.fraction)}${whole} · ${elapsed} so far${left !== null ? ` · about ${formatDuration(left)} left` : ''}`;
}

export function QueueStrip() {
  const api = useApi();
  const jobs = useJobs((s) => s.jobs);
  const clearFinished = useJobs((s) => s.clearFinished);
  const cancel = useJobs((s) => s.cancel);
  const now = useNow(jobs.some((j) => j.state === 'running'));
  return (
    <section className="queue" aria-label="Queue and history">
      <HistoryStrip />
      <div className="queue__jobs">
        <h2 className="section-title">Queue</h2>
        {jobs.length === 0 ? (
          <p className="empty small">Nothing running. Long steps (perceiving, generating, verifying packs) show their progress here and can be cancelled.</p>
        ) : (
          <ul className="queue__list" data-testid="queue">
            {jobs.map((job) => (
              <li key={job.id} className={`job job--${job.state}`} data-testid="job" data-state={job.state}>
                <div className="job__head">
                  <span className="job__label">{job.label}</span>
                  <span className="muted small" data-testid="job-status">
                    {job.state === 'running'
                      ? runningText(job, now)
                      : job.endedAt && job.state === 'done'
                        ? `done in ${formatDuration(job.endedAt - job.startedAt)}`
                        : job.state}
                  </span>
                </div>
                {job.state === 'running' && (
                  <progress className="job__bar" max={1} value={job.overall ?? job.fraction ?? undefined} aria-label={`${job.label} progress`} />
                )}
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
      </div>
    </section>
  );
}
