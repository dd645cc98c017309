import { useApi } from '../api/use-api';
import { MetricsTab } from '../panels/MetricsTab';
import { PromptTab } from '../panels/prompt/PromptTab';
import { PreviewSettings } from '../panels/render/PreviewSettings';
import { SceneTab } from '../panels/scene/SceneTab';
import { useEngine } from '../stores/engine';
import { type InspectorTab, useUi } from '../stores/ui';
import { verifyPack } from './packs';

const TABS: Array<{ id: InspectorTab; label: string }> = [
  { id: 'scene', label: 'Scene' },
  { id: 'prompt', label: 'Prompt' },
  { id: 'render', label: 'Render' },
  { id: 'metrics', label: 'Metrics' },
];

function RenderTab() {
  const doctor = useEngine((s) => s.doctor);
  return (
    <div className="stack">
      <PreviewSettings />
      <h3 className="section-title">Render tier (neural, model packs)</h3>
      {!doctor ? <p className="empty">Checking execution providers…</p> : <RenderTier />}
    </div>
  );
}

function RenderTier() {
  const api = useApi();
  const doctor = useEngine((s) => s.doctor);
  const openSystem = useUi((s) => s.openSystem);
  if (!doctor) return null;
  return (
    <div className="stack">
      <dl className="facts">
        <dt>Execution provider</dt>
        <dd data-testid="render-provider">{doctor.activeProvider ?? 'none available'}</dd>
        <dt>Model packs</dt>
        <dd>{doctor.packs.length === 0 ? 'none installed' : doctor.packs.length}</dd>
      </dl>
      {doctor.packs.length === 0 ? (
        <p className="empty small">
          Neural rendering needs a model pack. Put pack folders in a model folder and they appear here; the built-in preview tier needs none.
        </p>
      ) : (
        <ul className="pack-list">
          {doctor.packs.map((p) => (
            <li key={p.id} className="pack">
              <span>
                {p.name} <span className="muted small">{p.verification}</span>
              </span>
              <button type="button" className="btn btn--small" onClick={() => void verifyPack(api, p.id, p.name)}>
                Verify
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn--ghost" onClick={openSystem}>
        System details…
      </button>
    </div>
  );
}

export function Inspector() {
  const tab = useUi((s) => s.inspectorTab);
  const setTab = useUi((s) => s.setTab);
  return (
    <aside className="column column--inspector" aria-label="Inspector">
      <div role="tablist" aria-label="Inspector tabs" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab${tab === t.id ? ' tab--active' : ''}`}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!delta) return;
              const next = TABS[(i + delta + TABS.length) % TABS.length];
              if (next) {
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'render' ? <RenderTab /> : tab === 'prompt' ? <PromptTab /> : tab === 'scene' ? <SceneTab /> : <MetricsTab />}
      </div>
    </aside>
  );
}
