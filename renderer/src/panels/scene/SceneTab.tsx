import type { Scene } from '../../../../shared/scene/schema';
import { withView } from '../../../../shared/scene/view';
import { useApi } from '../../api/use-api';
import { DrawnLabel } from '../../components/DrawnLabel';
import { NumberField } from '../../components/NumberField';
import { drawFromPrompt } from '../../stores/draw';
import { useInput } from '../../stores/input';
import { errorData } from '../../stores/notices';
import { useRun } from '../../stores/run';
import { useScene } from '../../stores/scene';
import { EditTools } from './EditTools';
import { ObjectEditor } from './ObjectEditor';
import { INTERACTION_TEXT, tint } from './palette';
import { SurfaceList } from './SurfaceList';
import './scene-edit.css';

const GRAVITY = [
  { id: 'earth', label: 'Earth', g: 9.81 },
  { id: 'moon', label: 'Moon', g: 1.62 },
  { id: 'mars', label: 'Mars', g: 3.71 },
  { id: 'zero', label: 'Zero-g', g: 0 },
] as const;

/**
 * A new scale changes how big the objects are in metres: masses follow (density × area × depth,
 * so by the cube of the size ratio). Push arrows keep their length in the image.
 */
function rescale(scene: Scene, pixelsPerMetre: number): Scene {
  const k = scene.scale.pixelsPerMetre / pixelsPerMetre;
  return {
    ...scene,
    scale: { pixelsPerMetre, provenance: 'user' },
    objects: scene.objects.map((o) => ({ ...o, params: { ...o.params, density: o.params.density * k, mass: o.params.mass * k ** 3 } })),
  };
}

/** Which region each of the prompt's nouns landed on, and the ones not found (click to point them out). */
function Grounding({ scene }: { scene: Scene }) {
  const named = scene.objects.filter((o) => o.grounding);
  if (named.length === 0 && !scene.missing?.length) return null;
  const VIA: Record<string, string> = {
    class: 'the detector saw one',
    synonym: 'the detector saw one, by another name',
    family: 'the detector saw something of its kind',
    colour: 'by its colour',
    position: 'by where it is',
    size: 'by its size',
    shape: 'by its shape',
    order: 'the most prominent unnamed region',
    user: 'you pointed it out',
  };
  return (
    <section data-testid="grounding">
      <h3>From the prompt</h3>
      <ul className="small">
        {named.map((o) => (
          <li key={o.id}>
            “{o.grounding?.text}” → {o.label} ({o.id}){o.id === scene.subjectId ? ', the one that moves' : ''}{' '}
            <span className="muted">{VIA[o.grounding?.via ?? ''] ?? o.grounding?.via}</span>
          </li>
        ))}
        {scene.missing?.map((m) => (
          <li key={m} className="notice-inline">
            I could not find the {m}: click it in the picture.
          </li>
        ))}
      </ul>
    </section>
  );
}

/** No picture yet: the photo route, or a scene drawn from the prompt (to edit before generating). */
function NoPicture() {
  const api = useApi();
  const prompt = useInput((s) => s.prompt);
  const busy = useRun((s) => s.busy);
  // Its errors show under Generate, like those of a generation that draws first.
  return (
    <div className="stack">
      <p className="empty">
        Drop an image to see the objects, support surfaces and interactions the physics encoder perceives. You can correct them here. With no photo, a simple
        scene can be drawn from your prompt instead.
      </p>
      {prompt.trim() && (
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          data-testid="draw-scene"
          onClick={() => {
            // Busy while drawing, as Generate's own drawing is: the two must not race.
            useRun.setState({ busy: true, drawing: true, error: null });
            drawFromPrompt(api, prompt)
              .catch((err) => useRun.setState({ error: errorData(err) }))
              .finally(() => useRun.setState({ busy: false, drawing: false }));
          }}
        >
          Draw the scene from the prompt
        </button>
      )}
    </div>
  );
}

function gravityId(scene: Scene): string {
  return GRAVITY.find((g) => Math.abs(g.g - scene.gravity.y) < 0.01 && scene.gravity.x === 0)?.id ?? 'custom';
}

/** The Scene inspector tab: objects, gravity, and the predicted interactions, all editable with undo. */
export function SceneTab() {
  const api = useApi();
  const editLive = useScene((s) => s.editLive);
  const hasImage = useInput((s) => s.image !== null);
  const { scene, notices, busy, error, selected, select, hover, edit, undo, redo, past, future, revision, simulateMs, timings, confidencePending } = useScene();
  const perceiveDownscaled = useScene((s) => s.perceiveDownscaled);
  const prompt = useInput((s) => s.prompt);
  if (!hasImage) return <NoPicture />;
  if (busy && !scene) return <p className="empty">Finding objects and predicting what happens…</p>;
  if (error && !scene) {
    return (
      <div className="notice notice--error" role="alert">
        <div>
          <strong>Perception failed</strong>
          <p>{error.message}</p>
          {error.hint && <p className="muted small">{error.hint}</p>}
          {error.code === 'payload_too_large' && error.details?.includes('downscale') && (
            <button type="button" className="btn btn--small" onClick={() => void perceiveDownscaled(api, prompt)}>
              Perceive a downscaled copy
            </button>
          )}
        </div>
      </div>
    );
  }
  if (!scene) return null;
  const chosen = scene.objects.find((o) => o.id === selected);
  const names = new Map([...scene.objects.map((o) => [o.id, o.label] as const), ...scene.surfaces.map((s) => [s.id, s.kind] as const)]);
  return (
    <div className="stack" data-testid="scene-tab">
      <DrawnLabel testId="drawn-label" />
      {/* Not-found notices live in the prompt section, which follows clicks that point the things out. */}
      {notices
        .filter((n) => !n.startsWith('I could not find'))
        .map((n) => (
          <p key={n} className="notice-inline small">
            {n}
          </p>
        ))}
      <div className="row row--wrap">
        <button type="button" className="btn btn--small" onClick={() => undo(api)} disabled={past.length === 0} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" className="btn btn--small" onClick={() => redo(api)} disabled={future.length === 0} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">
          Redo
        </button>
        <label className="field">
          <span className="small muted">Gravity</span>
          <select
            aria-label="Gravity"
            value={gravityId(scene)}
            onChange={(e) => {
              const g = GRAVITY.find((x) => x.id === e.target.value);
              if (g) edit(api, (s) => ({ ...s, gravity: { x: 0, y: g.g } }));
            }}
          >
            {GRAVITY.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label} ({g.g} m/s²)
              </option>
            ))}
            {gravityId(scene) === 'custom' && <option value="custom">Custom ({scene.gravity.y} m/s²)</option>}
          </select>
        </label>
      </div>
      <EditTools scene={scene} />

      <label className="field">
        <span className="small muted">Camera{scene.viewSource ? ` (${scene.viewSource.provenance === 'user' ? 'your choice' : 'estimated'})` : ''}</span>
        <select
          aria-label="Camera view"
          title={scene.viewSource?.reason}
          value={scene.view ?? 'side'}
          onChange={(e) => edit(api, (s) => withView(s, e.target.value === 'top-down' ? 'top-down' : 'side'))}
        >
          <option value="side">Side view: things fall down the screen</option>
          <option value="top-down">From above: things slide and roll in the picture</option>
        </select>
      </label>

      <Grounding scene={scene} />

      <NumberField
        inline
        label="g (m/s², downward)"
        aria="Gravity strength"
        value={scene.gravity.y}
        min={0}
        max={50}
        step={0.01}
        onChange={(g) => editLive(api, 'gravity', (s) => ({ ...s, gravity: { x: 0, y: g } }))}
      />

      <NumberField
        inline
        label={`Scale (px per metre, ${scene.scale.provenance})`}
        aria="Pixels per metre"
        value={scene.scale.pixelsPerMetre}
        min={1}
        max={100000}
        step={1}
        onChange={(ppm) => editLive(api, 'scale', (s) => rescale(s, ppm))}
      />

      <SurfaceList />

      <section>
        <h3>Objects ({scene.objects.length})</h3>
        <ul className="pack-list">
          {scene.objects.map((o, i) => (
            <li key={o.id}>
              <button
                type="button"
                className={`object-row${o.id === selected ? ' object-row--on' : ''}`}
                onClick={() => select(o.id === selected ? null : o.id)}
                aria-pressed={o.id === selected}
              >
                <span className="swatch" style={{ background: tint(i) }} />
                {o.label}
                {o.id === scene.subjectId && <span className="small"> · moves</span>}{' '}
                <span className="muted small" title={o.estimate?.basis}>
                  {o.dynamic ? o.material.name : `${o.material.name}, static`}
                  {o.background ? ', background' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {chosen && <ObjectEditor object={chosen} scene={scene} />}
      </section>

      <section>
        <h3>
          Predicted interactions ({scene.interactions.length}){' '}
          <span className="muted small" data-testid="sim-revision" data-revision={revision}>
            {simulateMs !== null
              ? `re-simulated in ${simulateMs} ms`
              : timings
                ? `perceived in ${timings.decodeMs + timings.segmentMs + timings.simulateMs} ms`
                : ''}
          </span>
        </h3>
        {scene.interactions.length === 0 ? (
          <p className="muted small">Nothing touches anything in the next 5 seconds.</p>
        ) : (
          <ol className="interactions small" data-testid="interactions">
            {scene.interactions.map((it, i) => (
              <li key={`${it.type}-${it.a}-${it.b}-${it.tStart}`}>
                <button
                  type="button"
                  className="interaction-row"
                  onMouseEnter={() => hover(i)}
                  onMouseLeave={() => hover(null)}
                  onFocus={() => hover(i)}
                  onBlur={() => hover(null)}
                >
                  <span className="muted">{it.tStart.toFixed(2)} s</span> {names.get(it.a)} {INTERACTION_TEXT[it.type] ?? it.type} {names.get(it.b)}{' '}
                  <span className="muted">({confidencePending ? '…' : `${Math.round(it.confidence * 100)}%`})</span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
