import { MetricsTab } from '../panels/MetricsTab';
import { PromptTab } from '../panels/prompt/PromptTab';
import { PreviewSettings } from '../panels/render/PreviewSettings';
import { RenderTierSettings } from '../panels/render/RenderTierSettings';
import { SceneTab } from '../panels/scene/SceneTab';
import { useRender } from '../stores/render';
import { type InspectorTab, useUi } from '../stores/ui';
import { useEstimate } from './Estimate';

const TABS: Array<{ id: InspectorTab; label: string }> = [
  { id: 'scene', label: 'Scene' },
  { id: 'prompt', label: 'Prompt' },
  { id: 'render', label: 'Render' },
  { id: 'metrics', label: 'Metrics' },
];

function RenderTab() {
  const tier = useRender((s) => s.tier);
  const setTier = useRender((s) => s.setTier);
  const { text: estimate } = useEstimate();
  return (
    <div className="stack">
      <fieldset className="segmented" aria-label="Tier">
        {(['preview', 'render'] as const).map((t) => (
          <button key={t} type="button" aria-pressed={tier === t} className="btn btn--small" onClick={() => setTier(t)} data-testid={`tier-${t}`}>
            {t === 'preview' ? 'Preview (built in)' : 'Render (neural)'}
          </button>
        ))}
      </fieldset>
      <p className="muted small">
        {tier === 'preview'
          ? 'Animates your picture on the CPU: the baseline moves as the words suggest, the physics clip is simulated.'
          : 'A video model from a model pack makes both clips on your GPU (or the CPU); the physics clip is conditioned on the simulation.'}
      </p>
      {estimate && (
        <p className="muted small" data-testid="render-estimate">
          {estimate}
        </p>
      )}
      {tier === 'preview' ? <PreviewSettings /> : <RenderTierSettings />}
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
