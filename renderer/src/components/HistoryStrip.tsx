import type { RunSummary } from '../../../shared/contract';
import { mediaUrl } from '../api/client';
import { useApi } from '../api/use-api';
import { HistoryBatches, isBatchRun, useBatchList } from '../batch/HistoryBatches';
import { useRun } from '../stores/run';
import { SidecarButton } from './SidecarButton';

const PREFERRED: Record<NonNullable<RunSummary['preference']>, { mark: string; words: string }> = {
  baseline: { mark: 'A', words: 'baseline preferred' },
  physics: { mark: 'B', words: 'physics preferred' },
  tie: { mark: '=', words: 'judged the same' },
};

/** Earlier runs, newest first: click one to bring it back, clips and inputs, into the app. */
export function HistoryStrip() {
  const api = useApi();
  // A batch's runs show as one entry for the batch.
  const history = useRun((s) => s.history).filter((r) => !isBatchRun(r.name));
  const batches = useBatchList();
  const current = useRun((s) => s.run?.id);
  const open = useRun((s) => s.open);
  const busy = useRun((s) => s.busy);
  return (
    <nav className="history" aria-label="History">
      <h2 className="section-title">
        History
        {current && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={busy}
            onClick={() => void open(api, current, { edit: true })}
            data-testid="duplicate-edit"
            title="Put this run’s picture, prompt, scene and settings in the editor and open the scene: the next Generate makes a new run"
          >
            Duplicate and edit
          </button>
        )}
        <SidecarButton />
      </h2>
      {(history.length > 0 || batches.length > 0) && (
        <ul className="history__list" data-testid="history">
          <HistoryBatches batches={batches} />
          {history.slice(0, 30).map((r) => {
            const preferred = r.preference ? PREFERRED[r.preference] : null;
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className={`history__item${r.id === current ? ' history__item--current' : ''}`}
                  onClick={() => void open(api, r.id)}
                  disabled={busy}
                  title={`${r.tier === 'render' ? 'Render' : 'Preview'} · ${r.name}: “${r.prompt}” · baseline ${Math.round(r.scores.baseline)} / physics ${Math.round(r.scores.physics)}${preferred ? ` · ${preferred.words}` : ''} · ${new Date(r.createdAt).toLocaleString()}`}
                  aria-current={r.id === current}
                >
                  <img src={mediaUrl(r.poster)} alt="" loading="lazy" />
                  <span className="visually-hidden">Open run “{r.prompt || r.name}”, scores </span>
                  <span className="small">
                    {Math.round(r.scores.baseline)} → {Math.round(r.scores.physics)}
                    {r.tier === 'render' && <span className="tier-badge">R</span>}
                    {preferred && (
                      <span className={`pref-badge pref-badge--${r.preference}`} data-testid="history-preference">
                        {preferred.mark}
                      </span>
                    )}
                    {preferred && <span className="visually-hidden">, {preferred.words}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
