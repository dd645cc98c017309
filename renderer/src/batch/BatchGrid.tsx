import { useEffect, useState } from 'react';
import type { BatchSummary, RunSummary } from '../../../shared/contract';
import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { useRun } from '../stores/run';
import { useBatches } from './store';

/** A batch's runs as a grid of posters with both scores; a click opens the run in the compare viewer. */
export function BatchGrid({ batch }: { batch: BatchSummary }) {
  const api = useApi();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    void api['batches.runs']({ id: batch.id })
      .then((all) => live && setRuns(all))
      .catch(() => live && setRuns([]));
    return () => {
      live = false;
    };
  }, [api, batch.id]);
  if (runs === null) return <p className="muted">Loading…</p>;
  if (runs.length === 0)
    return <p className="empty">None of this batch’s runs is in this library{batch.ok > 0 ? ' (made on another machine?)' : ''}. Its report still opens.</p>;
  return (
    <ul className="batch-grid" data-testid="batch-grid">
      {runs.map((r) => (
        <li key={r.id}>
          <button
            type="button"
            className="batch-grid__item"
            title={`${r.name}: “${r.prompt}”`}
            onClick={() => {
              useBatches.getState().close();
              void useRun.getState().open(api, r.id);
            }}
          >
            <img src={mediaUrl(r.poster)} alt="" loading="lazy" />
            <span className="small">
              {r.name.split('/').pop()} · {Math.round(r.scores.baseline)} → {Math.round(r.scores.physics)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
