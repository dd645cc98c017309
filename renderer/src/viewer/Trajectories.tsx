import type { Clip } from '../../../shared/run/schema';

/** "M x y h 0" per point: with a round line cap each becomes a dot, so a whole path of frame dots is one element. */
function dots(xs: number[], ys: number[], from: number, to: number): string {
  let d = '';
  for (let i = from; i < to; i++) d += `M${(xs[i] ?? 0).toFixed(1)} ${(ys[i] ?? 0).toFixed(1)}h0`;
  return d;
}

/** Object paths over the clip (drawn in the clip's own pixel space), a dot per frame, the current pose ringed. */
export function Trajectories({ clip, frame, tone }: { clip: Clip; frame: number; tone: 'baseline' | 'physics' }) {
  const { width, height } = clip.size;
  const moving = clip.tracks.filter((t) => Math.hypot((t.x.at(-1) ?? 0) - (t.x[0] ?? 0), (t.y.at(-1) ?? 0) - (t.y[0] ?? 0)) > 1);
  const dot = Math.max(3, width / 160);
  return (
    <svg className={`trajectories trajectories--${tone}`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      {moving.map((t) => (
        <g key={t.id}>
          <polyline points={t.x.map((x, i) => `${x.toFixed(1)},${(t.y[i] ?? 0).toFixed(1)}`).join(' ')} className="trajectories__path" />
          <path d={dots(t.x, t.y, 0, frame + 1)} className="trajectories__dots trajectories__dots--past" strokeWidth={dot} />
          <path d={dots(t.x, t.y, frame + 1, t.x.length)} className="trajectories__dots" strokeWidth={dot} />
          <circle cx={t.x[frame] ?? 0} cy={t.y[frame] ?? 0} r={Math.max(4, width / 90)} className="trajectories__now" />
        </g>
      ))}
    </svg>
  );
}
