import type { Clip, ClipTrack } from '../../../shared/run/schema';
import type { Scene } from '../../../shared/scene/schema';

export const ONION_STEPS = [2, 3, 4, 6, 8, 12] as const;

/** The frames an onion skin shows: every `every`-th frame, the current one left to the video. */
export function onionFrames(frames: number, every: number, current: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < frames; f += every) if (f !== current) out.push(f);
  return out;
}

function moves(t: ClipTrack): boolean {
  for (let i = 1; i < t.x.length; i++)
    if (Math.hypot((t.x[i] ?? 0) - (t.x[0] ?? 0), (t.y[i] ?? 0) - (t.y[0] ?? 0)) > 1 || Math.abs((t.angle[i] ?? 0) - (t.angle[0] ?? 0)) > 0.02) return true;
  return false;
}

/** An object's outline at frame f: its perceived outline moved and turned as its track says. */
function outlineAt(polygon: Array<{ x: number; y: number }>, scale: number, t: ClipTrack, f: number): string {
  const x0 = t.x[0] ?? 0;
  const y0 = t.y[0] ?? 0;
  const turn = (t.angle[f] ?? 0) - (t.angle[0] ?? 0);
  const c = Math.cos(turn);
  const s = Math.sin(turn);
  const xf = t.x[f] ?? x0;
  const yf = t.y[f] ?? y0;
  return polygon
    .map((p) => {
      const dx = p.x * scale - x0;
      const dy = p.y * scale - y0;
      return `${(xf + dx * c - dy * s).toFixed(1)},${(yf + dx * s + dy * c).toFixed(1)}`;
    })
    .join(' ');
}

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
