import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { HistoryBatches, isBatchRun, useBatchList } from '../batch/HistoryBatches';
import { useRun } from '../stores/run';

/** Earlier runs, newest first: click one to bring it back into the compare viewer. */
export function HistoryStrip() {
  const api = useApi();
  // A batch's runs show as one entry for the batch.
  const history = useRun((s) => s.history).filter((r) => !isBatchRun(r.name));
  const batches = useBatchList();
  const current = useRun((s) => s.run?.id);
  const open = useRun((s) => s.open);
  if (history.length === 0 && batches.length === 0) return null;
  return (
    <nav className="history" aria-label="History">
      <h2 className="section-title">History</h2>
      <ul className="history__list" data-testid="history">
        <HistoryBatches batches={batches} />
        {history.slice(0, 30).map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`history__item${r.id === current ? ' history__item--current' : ''}`}
              onClick={() => void open(api, r.id)}
              title={`${r.tier === 'render' ? 'Render' : 'Preview'} · ${r.name}: “${r.prompt}” · baseline ${Math.round(r.scores.baseline)} / physics ${Math.round(r.scores.physics)} · ${new Date(r.createdAt).toLocaleString()}`}
              aria-current={r.id === current}
            >
              <img src={mediaUrl(r.poster)} alt="" loading="lazy" />
              <span className="small">
                {Math.round(r.scores.baseline)} → {Math.round(r.scores.physics)}
                {r.tier === 'render' && <span className="tier-badge">R</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
