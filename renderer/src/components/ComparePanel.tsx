import { SceneOverlay } from '../panels/scene/SceneOverlay';
import { useInput } from '../stores/input';
import { useScene } from '../stores/scene';

export function ComparePanel() {
  const image = useInput((s) => s.image);
  const hasImage = image !== null;
  const scene = useScene((s) => s.scene);
  if (image && scene) {
    return (
      <main className="column column--compare" aria-label="Perceived scene">
        <figure className="scene-view">
          <figcaption className="player__label">Perceived scene — click an object to edit it; drag from a selected object to push it</figcaption>
          <SceneOverlay imageUrl={image.url} scene={scene} />
        </figure>
      </main>
    );
  }
  return (
    <main className="column column--compare" aria-label="Compare viewer">
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
        {hasImage
          ? 'No clips yet for this image. Clips appear here once they are generated, side by side and in sync.'
          : 'No clips yet. Drop an image and describe what should happen; the baseline and the physics-conditioned clip will play here side by side.'}
      </p>
    </main>
  );
}
