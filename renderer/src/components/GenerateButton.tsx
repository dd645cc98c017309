import { useApi } from '../api/use-api';
import { useInput } from '../stores/input';
import { useRun } from '../stores/run';
import { useScene } from '../stores/scene';

/** Generate both clips; says what is missing instead of failing when it cannot. */
export function GenerateButton() {
  const api = useApi();
  const image = useInput((s) => s.image);
  const scene = useScene((s) => s.scene);
  const perceiving = useScene((s) => s.busy);
  const busy = useRun((s) => s.busy);
  const error = useRun((s) => s.error);
  const generate = useRun((s) => s.generate);
  const movable = scene?.objects.some((o) => o.dynamic) ?? false;
  const why = !image
    ? 'The preview tier animates your own picture: drop an image or pick a sample first.'
    : perceiving || !scene
      ? 'Waiting for the scene to be perceived…'
      : !movable
        ? 'Nothing in the scene can move. Select an object in the Scene tab and tick “Moves”, or click the picture to add one.'
        : null;
  return (
    <div className="generate">
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy || (!!image && (perceiving || !scene))}
        onClick={() => void generate(api)}
        data-testid="generate"
        title="Generate both clips (Ctrl+Enter)"
      >
        {busy ? 'Generating…' : 'Generate'}
      </button>
      {why && !busy && (
        <span className="muted small" data-testid="generate-why">
          {why}
        </span>
      )}
      {error && (
        <p className="error small" role="alert" data-testid="generate-error">
          {error.message} {error.hint}
        </p>
      )}
    </div>
  );
}
