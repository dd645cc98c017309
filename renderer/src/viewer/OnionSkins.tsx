import type { Clip } from '../../../shared/run/schema';
import type { Scene } from '../../../shared/scene/schema';
import { moves, onionFrames, outlineAt } from './onion';

export { ONION_STEPS } from './onion';

/**
 * Onion skins, as animators know them: where each moving object was every few frames, drawn
 * faintly over the frame on screen, the older poses fainter. Drawn per clip from its own tracks,
 * so the baseline's motion and the physics clip's can be read against each other.
 */
export function OnionSkins({ clip, scene, frame, every, tone }: { clip: Clip; scene: Scene; frame: number; every: number; tone: 'baseline' | 'physics' }) {
  const { width, height } = clip.size;
  const frames = onionFrames(clip.frames, every, frame);
  const moving = clip.tracks.filter(moves);
  return (
    <svg className={`onion onion--${tone}`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" data-testid={`onion-${tone}`}>
      {moving.map((t) => {
        const object = scene.objects.find((o) => o.id === t.id);
        if (!object) return null;
        return (
          <g key={t.id}>
            {frames.map((f) => (
              <polygon
                key={f}
                points={outlineAt(object.polygon, clip.scale, t, f)}
                className="onion__ghost"
                data-testid="onion-ghost"
                style={{ opacity: 0.12 + 0.3 * (1 - Math.abs(f - frame) / clip.frames) }}
              />
            ))}
          </g>
        );
      })}
    </svg>
  );
}
