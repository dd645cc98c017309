import { useEffect, useState } from 'react';
import type { Run, Variant } from '../../../shared/run/schema';
import { useApi } from '../api/use-api';
import { useRun } from '../stores/run';
import { useUi } from '../stores/ui';
import { DemoCaptions } from './DemoCaptions';
import { ExportMenu } from './ExportMenu';
import { MetricsCard } from './MetricsCard';
import { StaleBanner } from './StaleBanner';
import { Timeline } from './Timeline';
import { Trajectories } from './Trajectories';
import { SPEEDS, useSyncPlayers } from './use-sync-players';

type Mode = 'side' | 'wipe' | 'ghost';

const LABEL: Record<Variant, string> = { baseline: 'Baseline: no physics conditioning', physics: 'Physics-conditioned' };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range' && (el as HTMLInputElement).type !== 'checkbox';
}

/**
 * Baseline and physics clips of one run, in sync: side by side, as a wipe, or as a ghost of the
 * physics clip over the baseline; with object paths, contact markers on the timeline, frame
 * stepping, loop and speed. Demo mode fills the screen and loops with captions.
 */
export function CompareViewer({ run, urls }: { run: Run; urls: Record<Variant, string | null> }) {
  const api = useApi();
  const { baseline, physics } = run.clips;
  const players = useSyncPlayers(physics.fps, physics.frames, !!(urls.baseline && urls.physics));
  const [mode, setMode] = useState<Mode>('side');
  const [wipe, setWipe] = useState(50);
  const [ghost, setGhost] = useState(55);
  const [paths, setPaths] = useState(true);
  const demo = useUi((s) => s.demo);
  const prefer = useRun((s) => s.prefer);
  const { toggle, step, seek, setLoop, loop, play } = players;

  useEffect(() => {
    if (demo) {
      setLoop(true);
      play();
    }
  }, [demo, setLoop, play]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const big = e.shiftKey ? physics.fps : 1;
      if (e.key === ' ') toggle();
      else if (e.key === 'ArrowLeft') step(-big);
      else if (e.key === 'ArrowRight') step(big);
      else if (e.key === 'Home') seek(0);
      else if (e.key === 'End') seek(physics.frames - 1);
      else if (e.key === 'l' || e.key === 'L') setLoop(!loop);
      else if (e.key === 't' || e.key === 'T') setPaths((p) => !p);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, step, seek, setLoop, loop, physics.fps, physics.frames]);

  const aspect = `${physics.size.width} / ${physics.size.height}`;
  const cellStyle = (variant: Variant): React.CSSProperties =>
    variant === 'physics' && mode === 'wipe'
      ? { clipPath: `inset(0 0 0 ${wipe}%)` }
      : variant === 'physics' && mode === 'ghost'
        ? { opacity: ghost / 100 }
        : {};

  return (
    <section className={`viewer${demo ? ' viewer--demo' : ''}`} aria-label="Compare viewer" data-testid="compare-viewer">
      {!demo && <StaleBanner run={run} />}
      <div className={`stage stage--${mode}`} style={{ '--aspect': aspect } as React.CSSProperties}>
        {(['baseline', 'physics'] as const).map((variant) => {
          const clip = run.clips[variant];
          return (
            <figure key={variant} className={`cell cell--${variant}`} style={cellStyle(variant)} aria-label={LABEL[variant]}>
              <div className="cell__screen" style={{ aspectRatio: aspect }}>
                {urls[variant] ? (
                  <video
                    ref={variant === 'baseline' ? players.lead : players.follow}
                    src={urls[variant] ?? undefined}
                    muted
                    playsInline
                    preload="auto"
                    data-testid={`video-${variant}`}
                  />
                ) : (
                  <p className="empty small">Encoding…</p>
                )}
                {paths && (mode === 'side' || variant === 'physics') && <Trajectories clip={clip} frame={players.frame} tone={variant} />}
                {paths && mode !== 'side' && variant === 'physics' && <Trajectories clip={baseline} frame={players.frame} tone="baseline" />}
                {mode === 'side' && !demo && (
                  <figcaption className={`cell__caption cell__caption--${variant}`}>
                    {LABEL[variant]} · score {Math.round(clip.metrics.score)}
                    <span className="tier-badge" data-testid={`tier-${variant}`}>
                      {run.render ? `Render · ${run.render.pack.name} on ${run.render.provider}` : 'Preview'}
                    </span>
                  </figcaption>
                )}
              </div>
            </figure>
          );
        })}
        {mode === 'wipe' && <div className="stage__wipe-line" style={{ left: `${wipe}%` }} aria-hidden="true" />}
      </div>
      {mode !== 'side' && !demo && (
        <p className="viewer__legend small">
          <span className="legend legend--baseline">{LABEL.baseline}</span> {mode === 'wipe' ? 'left of the line' : 'underneath'} ·{' '}
          <span className="legend legend--physics">{LABEL.physics}</span> {mode === 'wipe' ? 'right of it' : `over it at ${ghost}%`}
        </p>
      )}
      {demo && <DemoCaptions run={run} labels={LABEL} />}
      {demo && <p className="viewer__prompt">“{run.input.prompt || 'No prompt'}”</p>}
      <Timeline baseline={baseline} physics={physics} frame={players.frame} onSeek={seek} />
      <div className="transport" role="toolbar" aria-label="Playback">
        <button type="button" className="btn btn--small" onClick={() => step(-1)} aria-label="Previous frame" title="Previous frame (←)">
          ◀︎
        </button>
        <button type="button" className="btn btn--small btn--primary" onClick={toggle} data-testid="play" title="Play / pause (space)">
          {players.playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="btn btn--small" onClick={() => step(1)} aria-label="Next frame" title="Next frame (→)">
          ▶︎
        </button>
        <span className="transport__frame" data-testid="frame-counter">
          {players.frame + 1}/{physics.frames} · {(players.frame / physics.fps).toFixed(2)} s
        </span>
        <label className="check">
          <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} /> Loop
        </label>
        <label>
          Speed{' '}
          <select value={players.speed} onChange={(e) => players.setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented" aria-label="View">
          {(['side', 'wipe', 'ghost'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} className="btn btn--small" onClick={() => setMode(m)}>
              {m === 'side' ? 'Side by side' : m === 'wipe' ? 'Wipe' : 'Ghost'}
            </button>
          ))}
        </fieldset>
        {mode === 'wipe' && <input type="range" min={0} max={100} value={wipe} onChange={(e) => setWipe(Number(e.target.value))} aria-label="Wipe position" />}
        {mode === 'ghost' && (
          <input type="range" min={0} max={100} value={ghost} onChange={(e) => setGhost(Number(e.target.value))} aria-label="Ghost opacity" />
        )}
        <label className="check">
          <input type="checkbox" checked={paths} onChange={(e) => setPaths(e.target.checked)} /> Paths
        </label>
        <ExportMenu />
      </div>
      {!demo && (
        <div className="viewer__metrics">
          <MetricsCard metrics={baseline.metrics} evaluation={baseline.evaluation} variant="baseline" />
          <MetricsCard metrics={physics.metrics} evaluation={physics.evaluation} variant="physics" />
        </div>
      )}
      {!demo && (
        <fieldset className="preference" aria-label="Which clip is better?">
          <span className="muted small">Which is better?</span>
          {(['baseline', 'tie', 'physics'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={run.preference === p}
              className="btn btn--small btn--ghost"
              onClick={() => void prefer(api, run.preference === p ? null : p)}
            >
              {p === 'tie' ? 'Same' : p === 'baseline' ? 'Baseline' : 'Physics'}
            </button>
          ))}
        </fieldset>
      )}
    </section>
  );
}
