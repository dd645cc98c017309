import { SceneOverlay } from '../panels/scene/SceneOverlay';
import { DRAWN_LABEL, useInput } from '../stores/input';
import { useRun } from '../stores/run';
import { useScene } from '../stores/scene';
import { useUi } from '../stores/ui';
import { CompareViewer } from '../viewer/CompareViewer';
import { GenerateButton } from './GenerateButton';
import { RenderProgress } from './RenderProgress';

export function ComparePanel() {
  const image = useInput((s) => s.image);
  const scene = useScene((s) => s.scene);
  const run = useRun((s) => s.run);
  const urls = useRun((s) => s.urls);
  const view = useUi((s) => s.centre);
  const setView = useUi((s) => s.setCentre);
  const showClips = run && (view === 'clips' || !scene);
  return (
    <main className="column column--compare" aria-label="Compare viewer">
      <div className="compare__bar">
        <GenerateButton />
        {run && image && scene && (
          <fieldset className="segmented" aria-label="Centre view">
            <button type="button" aria-pressed={view === 'clips'} className="btn btn--small" onClick={() => setView('clips')} data-testid="centre-clips">
              Clips
            </button>
            <button type="button" aria-pressed={view === 'scene'} className="btn btn--small" onClick={() => setView('scene')} data-testid="centre-scene">
              Scene
            </button>
          </fieldset>
        )}
      </div>
      <RenderProgress />
      {showClips ? (
        <CompareViewer key={run.id} run={run} urls={urls} />
      ) : image && scene ? (
        <figure className="scene-view">
          <figcaption className="player__label">
            {image.drawnFrom !== undefined ? `${DRAWN_LABEL} — ` : 'Perceived scene — '}click an object to edit it; drag from a selected object to push it
          </figcaption>
          <SceneOverlay imageUrl={image.url} scene={scene} />
        </figure>
      ) : (
        <>
          <div className="players">
            <figure className="player" aria-label="Baseline clip">
              <figcaption className="player__label">Baseline: no physics conditioning</figcaption>
              <div className="player__screen" />
            </figure>
            <figure className="player" aria-label="Physics-conditioned clip">
              <figcaption className="player__label player__label--physics">Physics-conditioned</figcaption>
              <div className="player__screen" />
            </figure>
          </div>
          <p className="empty compare__empty" data-testid="compare-empty">
            {image
              ? 'Perceiving the scene… Clips appear here once they are generated, side by side and in sync.'
              : 'No clips yet. Drop an image or pick a sample (or type a prompt alone to have a scene drawn from it), describe what should happen, and press Generate: the baseline and the physics-conditioned clip play here side by side.'}
          </p>
        </>
      )}
    </main>
  );
}
