import { useEffect, useRef } from 'react';
import type { Variant } from '../../../shared/run/schema';
import { type LiveStep, useRender } from '../stores/render';

const LABEL: Record<Variant, string> = { baseline: 'Baseline: no physics conditioning', physics: 'Physics-conditioned' };

/** One variant's latest latent, drawn a pixel per latent cell and scaled up without smoothing. */
function Thumbnail({ variant, live }: { variant: Variant; live: LiveStep | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el || !live) return;
    el.width = live.image.width;
    el.height = live.image.height;
    el.getContext('2d')?.putImageData(live.image, 0, 0);
  }, [live]);
  return (
    <figure className="render-live__cell" aria-label={`${LABEL[variant]} while it renders`}>
      <figcaption className={`player__label${variant === 'physics' ? ' player__label--physics' : ''}`}>{LABEL[variant]}</figcaption>
      {live ? (
        <canvas ref={canvas} className="render-live__canvas" data-testid={`render-live-${variant}`} />
      ) : (
        <p className="empty small">Waiting for its turn…</p>
      )}
      <p className="muted small" data-testid={`render-live-step-${variant}`}>
        {live ? `step ${live.step} of ${live.steps}` : ''}
      </p>
    </figure>
  );
}

/** While a render runs: both variants' latents as they denoise. Progress and cancel are in the queue below. */
export function RenderProgress() {
  const live = useRender((s) => s.live);
  if (!live) return null;
  return (
    <section className="render-live" aria-label="Render in progress" data-testid="render-live">
      <Thumbnail variant="baseline" live={live.steps.baseline} />
      <Thumbnail variant="physics" live={live.steps.physics} />
    </section>
  );
}
