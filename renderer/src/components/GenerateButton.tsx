import type { Scene } from '../../../shared/scene/schema';
import { useApi } from '../api/use-api';
import { needsDrawing, useInput } from '../stores/input';
import { useRender } from '../stores/render';
import { useRun } from '../stores/run';
import { useScene } from '../stores/scene';
import { Estimate } from './Estimate';

/** The object to offer to make movable: the selected one, else the largest (what a prompt is usually about). */
function candidate(scene: Scene, selected: string | null) {
  const picked = scene.objects.find((o) => o.id === selected);
  if (picked) return picked;
  return [...scene.objects].sort((a, b) => b.bbox.w * b.bbox.h - a.bbox.w * a.bbox.h)[0] ?? null;
}

/** Generate both clips; says what is missing instead of failing when it cannot, and offers the fix it can make. */
export function GenerateButton() {
  const api = useApi();
  const image = useInput((s) => s.image);
  const emptyPrompt = useInput((s) => !s.prompt.trim());
  const redraw = useInput((s) => needsDrawing(s));
  const scene = useScene((s) => s.scene);
  const selected = useScene((s) => s.selected);
  const edit = useScene((s) => s.edit);
  const perceiving = useScene((s) => s.busy);
  const busy = useRun((s) => s.busy);
  const drawing = useRun((s) => s.drawing);
  const error = useRun((s) => s.error);
  const generate = useRun((s) => s.generate);
  const rendering = useRender((s) => s.tier === 'render');
  const movable = scene?.objects.some((o) => o.dynamic) ?? false;
  const why = !image
    ? emptyPrompt
      ? 'Type a prompt to have a scene drawn from it, or drop an image or pick a sample to animate your own picture.'
      : null
    : redraw
      ? null
      : perceiving || !scene
        ? 'Waiting for the scene to be perceived…'
        : !movable
          ? 'Nothing in the scene can move. Select an object in the Scene tab and set it to “Dynamic (moves)”, or click the picture to add one.'
          : null;
  // Said before pressing: with no photo, Generate first draws the scene from the prompt.
  const drawNote = redraw
    ? image
      ? 'The prompt changed since the scene was drawn: Generate draws it again.'
      : 'No picture: Generate draws a simple scene from your prompt and animates it.'
    : null;
  const markable = scene && !perceiving && !movable && !redraw ? candidate(scene, selected) : null;
  // An ordinary scene edit, so Undo takes it back like any other.
  const markMoving = (id: string) =>
    edit(api, (s) => ({ ...s, objects: s.objects.map((o) => (o.id === id ? { ...o, dynamic: true, provenance: { ...o.provenance, dynamic: 'user' } } : o)) }));
  return (
    <div className="generate">
      <button
        type="button"
        className="btn btn--primary"
        // The engine animates a picture, or one it draws from the prompt: with neither there is nothing to generate from.
        disabled={busy || (redraw ? false : !image || perceiving || !scene)}
        onClick={() => void generate(api)}
        data-testid="generate"
        title={
          why ??
          (drawNote
            ? `${drawNote} (Ctrl+Enter)`
            : rendering
              ? 'Render both clips with the chosen video model (Ctrl+Enter)'
              : 'Generate both clips (Ctrl+Enter)')
        }
      >
        {drawing ? 'Drawing…' : busy ? (rendering ? 'Rendering…' : 'Generating…') : rendering ? 'Render' : 'Generate'}
      </button>
      {why && !busy && (
        <span className="muted small" data-testid="generate-why">
          {why}
        </span>
      )}
      {drawNote && !busy && (
        <span className="muted small" data-testid="generate-draw-note">
          {drawNote}
        </span>
      )}
      {!why && !drawNote && !busy && <Estimate />}
      {image && emptyPrompt && !busy && (
        <span className="warn small" role="status" data-testid="generate-warn">
          The prompt is empty: the baseline will have no motion to follow and the refiner nothing to refine. Describe what should happen.
        </span>
      )}
      {markable && !busy && (
        <button type="button" className="btn btn--small" onClick={() => markMoving(markable.id)} data-testid="mark-moving">
          Mark {markable.label || markable.id} as moving
        </button>
      )}
      {error && (
        <p className="error small" role="alert" data-testid="generate-error">
          {error.message} {error.hint}
        </p>
      )}
    </div>
  );
}
