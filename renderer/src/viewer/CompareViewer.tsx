import { useEffect, useRef, useState } from 'react';
import { clipScore } from '../../../shared/run/clip-score';
import type { Run, Variant } from '../../../shared/run/schema';
import { useApi } from '../api/use-api';
import { useRun } from '../stores/run';
import { useUi } from '../stores/ui';
import { DemoCaptions } from './DemoCaptions';
import { ExportMenu } from './ExportMenu';
import { MetricsCard } from './MetricsCard';
import { ONION_STEPS, OnionSkins } from './OnionSkins';
import { StaleBanner, useStaleness } from './StaleBanner';
import { Timeline } from './Timeline';
import { Trajectories } from './Trajectories';
import { useFit } from './use-fit';
import { SPEEDS, useSyncPlayers } from './use-sync-players';
import { useZoomPan } from './use-zoom-pan';

type Mode = 'side' | 'wipe' | 'ghost';

const LABEL: Record<Variant, string> = { baseline: 'Baseline: no physics conditioning', physics: 'Physics-conditioned' };
const PREFERENCE_KEYS: Record<string, 'baseline' | 'physics' | 'tie'> = { a: 'baseline', b: 'physics', s: 'tie' };

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
  const [onion, setOnion] = useState(false);
  const [onionEvery, setOnionEvery] = useState(4);
  const stale = useStaleness(run);
  const area = useRef<HTMLDivElement>(null);
  const screen = useFit(area, physics.size.width / physics.size.height, mode === 'side' ? 2 : 1);
  const { view, zoomAt, reset, handlers } = useZoomPan(screen);
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
      else if (e.key === 'o' || e.key === 'O') setOnion((o) => !o);
      else if (e.key === '+' || e.key === '=') zoomAt(1.25);
      else if (e.key === '-' || e.key === '_') zoomAt(0.8);
      else if (e.key === '0') reset();
      else if (!demo && PREFERENCE_KEYS[e.key.toLowerCase()]) {
        const choice = PREFERENCE_KEYS[e.key.toLowerCase()] ?? null;
        void prefer(api, run.preference === choice ? null : choice);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, step, seek, setLoop, loop, physics.fps, physics.frames, zoomAt, reset, demo, prefer, api, run.preference]);

  // The wheel zooms the clips, not the page: a native listener, because React's is passive.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const target = (e.target as HTMLElement).closest('.cell__screen');
      if (!target) return;
      e.preventDefault();
      const r = target.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY / 400), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const cellStyle = (variant: Variant): React.CSSProperties =>
    variant === 'physics' && mode === 'wipe'
      ? { clipPath: `inset(0 0 0 ${wipe}%)` }
      : variant === 'physics' && mode === 'ghost'
        ? { opacity: ghost / 100 }
        : {};
  const screenStyle: React.CSSProperties = screen ? { width: screen.width, height: screen.height } : { visibility: 'hidden' };
  const zoomed = view.zoom > 1.001;
  const isStale = stale.kind !== 'none';
  // In the wipe view at fit, dragging on the picture moves the line; zoomed in, it pans.
  const wipeDrag =
    mode === 'wipe' && !zoomed
      ? {
          onPointerDown: (e: React.PointerEvent<HTMLElement>) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            const r = e.currentTarget.getBoundingClientRect();
            setWipe(Math.round(Math.min(100, Math.max(0, ((e.clientX - r.left) / r.width) * 100))));
          },
          onPointerMove: (e: React.PointerEvent<HTMLElement>) => {
            if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
            const r = e.currentTarget.getBoundingClientRect();
            setWipe(Math.round(Math.min(100, Math.max(0, ((e.clientX - r.left) / r.width) * 100))));
          },
        }
      : null;

  return (
    <section className={`viewer${demo ? ' viewer--demo' : ''}`} aria-label="Compare viewer" data-testid="compare-viewer">
      {!demo && <StaleBanner run={run} state={stale} />}
      <div className="stage-area" ref={area} data-testid="stage-area" style={{ height: screen?.height ?? 200 }}>
        <div className={`stage stage--${mode}${isStale ? ' stage--stale' : ''}`} data-testid="stage">
          {(['baseline', 'physics'] as const).map((variant) => {
            const clip = run.clips[variant];
            return (
              <figure key={variant} className={`cell cell--${variant}`} style={cellStyle(variant)} aria-label={LABEL[variant]}>
                <div
                  className={`cell__screen${zoomed ? ' cell__screen--zoomed' : ''}`}
                  style={screenStyle}
                  data-testid={`screen-${variant}`}
                  {...(wipeDrag ?? handlers)}
                >
                  <div
                    className="cell__content"
                    style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` }}
                    data-testid={`content-${variant}`}
                    data-zoom={view.zoom.toFixed(3)}
                  >
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
                    {onion && (mode === 'side' || variant === 'physics') && (
                      <OnionSkins clip={clip} scene={run.scene} frame={players.frame} every={onionEvery} tone={variant} />
                    )}
                    {onion && mode !== 'side' && variant === 'physics' && (
                      <OnionSkins clip={baseline} scene={run.scene} frame={players.frame} every={onionEvery} tone="baseline" />
                    )}
                    {paths && (mode === 'side' || variant === 'physics') && <Trajectories clip={clip} frame={players.frame} tone={variant} />}
                    {paths && mode !== 'side' && variant === 'physics' && <Trajectories clip={baseline} frame={players.frame} tone="baseline" />}
                  </div>
                  {mode === 'side' && !demo && (
                    <figcaption className={`cell__caption cell__caption--${variant}`}>
                      {LABEL[variant]} · score {Math.round(clipScore(clip))}
                      <span className="tier-badge" data-testid={`tier-${variant}`}>
                        {run.render ? `Render · ${run.render.pack.name} on ${run.render.provider}` : 'Preview'}
                      </span>
                      {isStale && <span className="stale-badge stale-badge--small">Stale</span>}
                    </figcaption>
                  )}
                </div>
              </figure>
            );
          })}
          {mode === 'wipe' && screen && (
            <>
              <div className="stage__wipe-line" style={{ left: `${wipe}%` }} aria-hidden="true" />
              <span className="stage__side stage__side--left" data-testid="wipe-label-baseline">
                ◀ Baseline
              </span>
              <span className="stage__side stage__side--right" data-testid="wipe-label-physics">
                Physics ▶
              </span>
            </>
          )}
        </div>
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
        <label className="check" title="Onion skins: where the moving objects were every few frames (O)">
          <input type="checkbox" checked={onion} onChange={(e) => setOnion(e.target.checked)} data-testid="onion-toggle" /> Onion
        </label>
        {onion && (
          <select value={onionEvery} onChange={(e) => setOnionEvery(Number(e.target.value))} aria-label="Onion skin every N frames" data-testid="onion-every">
            {ONION_STEPS.map((n) => (
              <option key={n} value={n}>
                every {n}
              </option>
            ))}
          </select>
        )}
        <fieldset className="zoom" aria-label="Zoom">
          <button type="button" className="btn btn--small" onClick={() => zoomAt(0.8)} aria-label="Zoom out" title="Zoom out (−)" disabled={!zoomed}>
            −
          </button>
          <button
            type="button"
            className="btn btn--small zoom__value"
            onClick={reset}
            title="Fit (0)"
            data-testid="zoom-reset"
            aria-label={`Zoom ${Math.round(view.zoom * 100)}%, reset to fit`}
          >
            {Math.round(view.zoom * 100)}%
          </button>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => zoomAt(1.25)}
            aria-label="Zoom in"
            title="Zoom in (+); drag to pan, wheel to zoom"
            data-testid="zoom-in"
          >
            +
          </button>
        </fieldset>
        <ExportMenu />
      </div>
      {!demo && (
        <div className="viewer__details">
          <fieldset className="preference" aria-label="Which clip is better?">
            <span className="muted small">Which is better? (keys A, S, B)</span>
            {(['baseline', 'tie', 'physics'] as const).map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={run.preference === p}
                className="btn btn--small btn--ghost"
                onClick={() => void prefer(api, run.preference === p ? null : p)}
                data-testid={`prefer-${p}`}
                aria-keyshortcuts={p === 'tie' ? 'S' : p === 'baseline' ? 'A' : 'B'}
              >
                {p === 'tie' ? 'Same (S)' : p === 'baseline' ? 'Baseline (A)' : 'Physics (B)'}
              </button>
            ))}
          </fieldset>
          <div className="viewer__metrics">
            <MetricsCard metrics={baseline.metrics} evaluation={baseline.evaluation} variant="baseline" />
            <MetricsCard metrics={physics.metrics} evaluation={physics.evaluation} variant="physics" />
          </div>
        </div>
      )}
    </section>
  );
}
