import { useEffect, useRef } from 'react';
import { useApi } from '../api/use-api';
import { BatchGrid } from './BatchGrid';
import { JudgeView } from './JudgeView';
import { ReportView } from './ReportView';
import { type BatchView, useBatches } from './store';
import './batches.css';

const VIEWS: Array<[BatchView, string]> = [
  ['grid', 'Grid'],
  ['judge', 'Judge pairs'],
  ['report', 'Report'],
];

/** Batches made with `physstudio batch`: each as a grid of its runs, its report, and the judging view. */
export default function BatchesDialog() {
  const api = useApi();
  const { batches, selected, view, close, select, setView, load } = useBatches();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el || el.open) return;
    el.showModal();
    void load(api);
  }, [api, load]);
  const batch = batches.find((b) => b.id === selected);
  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby="batches-title" onClose={close} data-testid="batches">
      <header className="dialog__head">
        <h2 id="batches-title">Batches</h2>
        <span className="spacer" />
        <button type="button" className="btn btn--small" onClick={() => void load(api)}>
          Refresh
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={close} aria-label="Close">
          Close
        </button>
      </header>
      {batches.length === 0 ? (
        <p className="empty">
          No batches yet. Run <code>physstudio batch cases.jsonl --out DIR</code> to make one; it appears here.
        </p>
      ) : (
        <div className="batches">
          <ul className="batches__list" aria-label="Batches">
            {batches.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className={`batches__item${b.id === selected ? ' batches__item--on' : ''}`}
                  onClick={() => select(b.id)}
                  aria-current={b.id === selected}
                >
                  <strong>{b.title}</strong>
                  <span className="small muted">
                    {b.missing ? 'folder missing' : `${b.ok}/${b.cases} made${b.failed ? `, ${b.failed} failed` : ''}`} ·{' '}
                    {new Date(b.createdAt).toLocaleDateString()}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {batch && (
            <div className="batches__body">
              <div className="row" role="tablist">
                {VIEWS.map(([v, label]) => (
                  <button
                    key={v}
                    type="button"
                    role="tab"
                    aria-selected={view === v}
                    className={`btn btn--small${view === v ? ' btn--on' : ' btn--ghost'}`}
                    onClick={() => setView(v)}
                  >
                    {label}
                  </button>
                ))}
              </div>
              {view === 'grid' && <BatchGrid batch={batch} />}
              {view === 'judge' && <JudgeView key={batch.id} batch={batch} />}
              {view === 'report' && <ReportView batch={batch} />}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
