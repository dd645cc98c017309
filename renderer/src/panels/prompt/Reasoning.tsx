import type { Analysis } from '../../../../shared/refine';

/** The chain of thought as collapsible steps, in the order the refiner reasons. */
export function Reasoning({ analysis }: { analysis: Analysis }) {
  const { context } = analysis;
  const settings = [
    context.gravity !== 'earth' && `gravity: ${context.gravity}`,
    context.medium !== 'air' && `medium: ${context.medium}`,
    context.timeScale !== 'normal' && `${context.timeScale} motion`,
    context.surface !== 'normal' && `surface: ${context.surface}`,
  ].filter(Boolean);
  return (
    <div className="steps" data-testid="reasoning">
      <details open>
        <summary>1. Objects and materials ({analysis.entities.length})</summary>
        {analysis.entities.length === 0 ? (
          <p className="muted small">No physical objects recognised.</p>
        ) : (
          <ul className="small">
            {analysis.entities.map((e) => (
              <li key={`${e.noun}:${e.text}`}>
                <strong>{e.text}</strong>: {e.material ?? 'unknown material'}, {e.state}
                {e.properties.density !== null && `, ${e.properties.density} kg/m³`}
                {e.properties.elasticity !== null && `, bounciness ${e.properties.elasticity}`}
                {e.contents && `, holding ${e.contents}`}
                {e.source === 'scene' && <span className="chip chip--small">from image</span>}
              </li>
            ))}
          </ul>
        )}
        {settings.length > 0 && <p className="small">Setting: {settings.join(', ')}</p>}
      </details>
      <details open>
        <summary>2. Actions ({analysis.actions.length})</summary>
        <p className="small">
          {analysis.actions.length === 0
            ? 'No actions recognised.'
            : analysis.actions.map((a) => `${a.negated ? 'not ' : ''}${a.verb}${a.subject ? ` (${a.subject})` : ''}`).join(' · ')}
        </p>
      </details>
      <details open>
        <summary>3. Physics ({analysis.phenomena.length})</summary>
        {analysis.phenomena.length === 0 ? (
          <p className="muted small">No physical phenomenon recognised.</p>
        ) : (
          <ul className="phenomena">
            {analysis.phenomena.map((p) => (
              <li key={p.id} data-testid={`phenomenon-${p.id}`}>
                <span className={`chip chip--small chip--${p.branch}`}>{p.id.replace(/_/g, ' ')}</span> <span className="small">{p.explanation}</span>
                <p className="small muted">→ {p.consequence}</p>
              </li>
            ))}
          </ul>
        )}
      </details>
      <details>
        <summary>4. Expected sequence ({analysis.sequence.length})</summary>
        <ol className="small">
          {analysis.sequence.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </details>
      <details>
        <summary>5. Constraints ({analysis.constraints.length})</summary>
        <ul className="small">
          {analysis.constraints.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
