import { useEffect } from 'react';
import type { BatchSummary } from '../../../shared/contract';
import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { useRun } from '../stores/run';
import { useBatches } from './store';

/** Library runs a batch made carry its name (`batch <id>/<case>`); the History strip shows them as their batch, not one by one. */
export const isBatchRun = (name: string) => name.startsWith('batch ');

/** The library's batches, loaded when History first shows. */
export function useBatchList(): BatchSummary[] {
  const api = useApi();
  useEffect(() => {
    void useBatches.getState().load(api);
  }, [api]);
  return useBatches((s) => s.batches);
}

/** Each batch as one History entry: a small grid of its first posters; a click opens the batch's grid. */
export function HistoryBatches({ batches }: { batches: BatchSummary[] }) {
  const history = useRun((s) => s.history);
  const posters = new Map(history.map((r) => [r.id, r.poster]));
  return (
    <>
      {batches.map((b) => (
        <li key={b.id}>
          <button
            type="button"
            className="history__item"
            data-testid="history-batch"
            title={`Batch “${b.title}”: ${b.ok} of ${b.cases} cases made${b.failed ? `, ${b.failed} failed` : ''}`}
            onClick={() => useBatches.getState().show(b.id, 'grid')}
          >
            <span className="history-batch">
              {b.runIds
                .map((id) => posters.get(id))
                .filter((p): p is string => !!p)
                .slice(0, 4)
                .map((p) => (
                  <img key={p} src={mediaUrl(p)} alt="" loading="lazy" />
                ))}
            </span>
            <span className="small">
              {b.title.slice(0, 14)} · {b.ok}
            </span>
          </button>
        </li>
      ))}
    </>
  );
}
