import type { Clip, ClipEvent } from '../../../shared/run/schema';

const EVENT_TEXT: Record<ClipEvent['type'], string> = { impact: 'impact', contact: 'contact', overlap: 'passes through' };

/** A scrubber over the clip's frames, with a marker for every contact event of either clip. */
export function Timeline({ baseline, physics, frame, onSeek }: { baseline: Clip; physics: Clip; frame: number; onSeek(frame: number): void }) {
  const last = Math.max(1, physics.frames - 1);
  const markers = [...baseline.events.map((e) => ({ e, clip: 'baseline' as const })), ...physics.events.map((e) => ({ e, clip: 'physics' as const }))];
  return (
    <div className="timeline">
      <div className="timeline__markers" aria-hidden="true">
        {markers.map(({ e, clip }) => (
          <button
            type="button"
            tabIndex={-1}
            key={`${clip}-${e.type}-${e.frame}-${e.a}-${e.b}`}
            className={`timeline__marker timeline__marker--${clip} timeline__marker--${e.type}`}
            style={{ left: `${(100 * e.frame) / last}%` }}
            title={`${clip}: ${e.a} ${EVENT_TEXT[e.type]} ${e.b} at ${e.t.toFixed(2)} s${e.impulse ? ` (${e.impulse.toFixed(2)} N·s)` : ''}`}
            onClick={() => onSeek(e.frame)}
            data-testid="event-marker"
          />
        ))}
      </div>
      <input
        type="range"
        min={0}
        max={last}
        step={1}
        value={frame}
        onChange={(ev) => onSeek(Number(ev.target.value))}
        aria-label="Frame"
        aria-valuetext={`frame ${frame + 1} of ${physics.frames}, ${(frame / physics.fps).toFixed(2)} s`}
        className="timeline__range"
        data-testid="timeline"
      />
    </div>
  );
}
