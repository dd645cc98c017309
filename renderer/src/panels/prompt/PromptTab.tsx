import { useApi } from '../../api/use-api';
import { useInput } from '../../stores/input';
import { reportError } from '../../stores/notices';
import { type Backend, useRefine } from '../../stores/refine';
import { DiffView } from './DiffView';
import { explainScores } from './explain';
import { Reasoning } from './Reasoning';

function TokenMeter({ used, budget, method }: { used: number; budget: number; method: 'tokenizer' | 'estimate' }) {
  return (
    <div className="meter" data-testid="token-meter">
      <meter min={0} max={budget} value={used} high={budget * 0.9} optimum={budget * 0.5} aria-label="Tokens used" />
      <span className="small">
        {used}/{budget} tokens <span className="muted">({method === 'tokenizer' ? 'model tokenizer' : 'conservative estimate'})</span>
      </span>
    </div>
  );
}

/** The Prompt inspector tab: target and backend, the refined prompt with its diff, scores and reasoning. */
export function PromptTab() {
  const api = useApi();
  const prompt = useInput((s) => s.prompt);
  const r = useRefine();

  const rerun = (alternatives = false) => {
    if (prompt.trim()) void r.refine(api, prompt, alternatives);
  };

  return (
    <div className="stack" data-testid="prompt-tab">
      <div className="row row--wrap">
        <label className="field">
          <span className="small muted">Target model</span>
          <select
            value={r.target ?? ''}
            onChange={(e) => {
              r.setTarget(e.target.value);
              rerun();
            }}
            aria-label="Target model"
          >
            {r.targets.map((t) => (
              <option key={t.id} value={t.id} title={t.examples}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="small muted">Refiner</span>
          <select
            value={r.backend}
            onChange={(e) => {
              r.setBackend(e.target.value as Backend);
              rerun();
            }}
            aria-label="Refiner backend"
          >
            <option value="builtin">Built-in (instant, offline)</option>
            <option value="llm">Local LLM (Settings: llm)</option>
          </select>
        </label>
      </div>

      {!prompt.trim() && (
        <p className="empty">Type a prompt on the left to see the physics reasoning step by step and the refined prompt, with a diff against yours.</p>
      )}

      {r.loading && (
        <div className="row" role="status">
          <span className="small muted">{r.backend === 'llm' ? 'The local model is reasoning…' : 'Refining…'}</span>
          {r.runningJob && (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => r.cancel(api).catch((err) => reportError('Cancel failed', err))}>
              Cancel
            </button>
          )}
        </div>
      )}
      {r.loading && r.stream && (
        <pre className="stream small" aria-live="polite" data-testid="llm-stream">
          {r.stream}
        </pre>
      )}
      {r.error && (
        <div className="notice notice--error" role="alert">
          <div>
            <strong>Refinement failed</strong>
            <p>{r.error.message}</p>
            {r.error.hint && <p className="muted small">{r.error.hint}</p>}
          </div>
        </div>
      )}

      {r.refinement && prompt.trim() && (
        <>
          {r.refinement.backend.notices.map((n) => (
            <p key={n} className="notice-inline small" data-testid="refine-notice">
              {n}
            </p>
          ))}
          <section>
            <h3>Refined prompt</h3>
            <textarea
              className="prompt"
              rows={6}
              aria-label="Refined prompt"
              data-testid="refined-prompt"
              value={r.edited ?? r.refinement.refined}
              onChange={(e) => r.setEdited(e.target.value)}
            />
            <TokenMeter used={r.refinement.tokens.used} budget={r.refinement.tokens.budget} method={r.refinement.tokens.method} />
            {r.edited !== null && <p className="small muted">Edited by you; the token count is for the refiner's version.</p>}
            <div className="row">
              <button
                type="button"
                className={`btn btn--small${r.use === 'refined' ? ' btn--on' : ''}`}
                aria-pressed={r.use === 'refined'}
                onClick={() => r.setUse('refined')}
              >
                Use refined
              </button>
              <button
                type="button"
                className={`btn btn--small${r.use === 'original' ? ' btn--on' : ''}`}
                aria-pressed={r.use === 'original'}
                onClick={() => r.setUse('original')}
              >
                Use original
              </button>
              <button type="button" className="btn btn--small btn--ghost" onClick={() => rerun(true)} disabled={!r.refinement.analysed}>
                Alternatives
              </button>
            </div>
            <details>
              <summary className="small">What changed</summary>
              <DiffView diff={r.refinement.diff} />
            </details>
          </section>

          {r.refinement.alternatives.length > 0 && (
            <section data-testid="alternatives">
              <h3>Alternatives</h3>
              <ul className="pack-list">
                {r.refinement.alternatives.map((a) => (
                  <li key={a.style} className="alt">
                    <p className="small">
                      <strong>{a.style}</strong> <span className="muted">({a.tokens} tokens)</span> {a.text}
                    </p>
                    <button type="button" className="btn btn--small" onClick={() => r.setEdited(a.text)}>
                      Use this
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => {
                  r.reseed();
                  rerun(true);
                }}
              >
                Reword
              </button>
            </section>
          )}

          <section>
            <h3>Scores</h3>
            <dl className="facts small" data-testid="scores">
              <dt>Intent kept</dt>
              <dd>
                {Math.round(r.refinement.scores.intentKept * 100)}% — {explainScores(r.refinement).intent}
              </dd>
              <dt>Physics covered</dt>
              <dd>
                {Math.round(r.refinement.scores.physicsCovered * 100)}% — {explainScores(r.refinement).physics}
              </dd>
            </dl>
          </section>

          <section>
            <h3>Reasoning</h3>
            <Reasoning analysis={r.refinement.analysis} />
          </section>
        </>
      )}
    </div>
  );
}
