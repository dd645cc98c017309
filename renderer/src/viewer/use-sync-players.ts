import { useCallback, useEffect, useRef, useState } from 'react';

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;

export interface SyncPlayers {
  /** Baseline (leads) and physics (follows). */
  lead: React.RefObject<HTMLVideoElement | null>;
  follow: React.RefObject<HTMLVideoElement | null>;
  playing: boolean;
  frame: number;
  speed: number;
  loop: boolean;
  play(): void;
  pause(): void;
  toggle(): void;
  seek(frame: number): void;
  step(delta: number): void;
  setSpeed(speed: number): void;
  setLoop(loop: boolean): void;
}

/** Beyond this drift (in frames) the follower jumps; below it, it speeds up or slows down to catch up. */
const JUMP_FRAMES = 3;
/** Drift under a quarter frame is invisible; leave the follower alone. */
const SETTLED_FRAMES = 0.25;
/** The follower's rate may differ from the lead's by at most this fraction while it catches up. */
const MAX_NUDGE = 0.1;

/**
 * Keeps the follower on the lead's frame without seeking at every wobble: a seek makes the
 * decoder start again from the last key frame (up to half a second of frames decoded for one
 * shown), which is what drops frames at 1024 px. Small drifts are closed by nudging the follower's
 * rate for a moment; only a large one (a stall, a seek) is answered with a jump.
 */
function keepInStep(b: HTMLVideoElement, leadTime: number, speed: number, fps: number): void {
  const drift = b.currentTime - leadTime;
  if (Math.abs(drift) > JUMP_FRAMES / fps) {
    b.currentTime = leadTime;
    b.playbackRate = speed;
  } else if (Math.abs(drift) > SETTLED_FRAMES / fps) {
    // Proportional: a drift closes in about half a second.
    b.playbackRate = speed * (1 - Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, 2 * drift)));
  } else if (b.playbackRate !== speed) {
    b.playbackRate = speed;
  }
}

type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * Two <video> elements played as one. The lead plays freely (the browser's own decoder and
 * clock, so playback keeps display rate); each presented lead frame is checked against the
 * follower, which is re-aligned only when it drifts by more than half a frame. Pausing or
 * stepping seeks both to the centre of the same frame, so they always show the same instant.
 */
/** `ready`: both <video> elements are mounted (their sources exist), so the frame clock can attach to them. */
export function useSyncPlayers(fps: number, frames: number, ready: boolean): SyncPlayers {
  const lead = useRef<HTMLVideoElement | null>(null);
  const follow = useRef<HTMLVideoElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [frame, setFrame] = useState(0);
  const [speed, setSpeedState] = useState(1);
  const [loop, setLoop] = useState(true);
  const frameRef = useRef(0);
  // While paused the frame is what the user stepped or scrubbed to; a late frame callback from
  // before the seek must not move it back.
  const playingRef = useRef(false);
  const speedRef = useRef(1);

  const frameOf = useCallback((t: number) => Math.min(frames - 1, Math.max(0, Math.floor(t * fps + 1e-3))), [fps, frames]);

  const seek = useCallback(
    (f: number) => {
      const target = Math.min(frames - 1, Math.max(0, Math.round(f)));
      const t = (target + 0.5) / fps;
      for (const v of [lead.current, follow.current]) {
        if (!v) continue;
        v.pause();
        v.currentTime = t;
        v.playbackRate = speedRef.current;
      }
      frameRef.current = target;
      playingRef.current = false;
      setFrame(target);
      setPlaying(false);
    },
    [fps, frames],
  );

  const play = useCallback(() => {
    const a = lead.current;
    const b = follow.current;
    if (!a || !b) return;
    if (a.ended || frameRef.current >= frames - 1) {
      a.currentTime = 0;
      b.currentTime = 0;
    }
    b.currentTime = a.currentTime;
    void Promise.all([a.play(), b.play()]).catch(() => {});
    playingRef.current = true;
    setPlaying(true);
  }, [frames]);

  const pause = useCallback(() => seek(frameRef.current), [seek]);
  const toggle = useCallback(() => (playing ? pause() : play()), [playing, pause, play]);
  const step = useCallback((delta: number) => seek(frameRef.current + delta), [seek]);

  const setSpeed = useCallback((s: number) => {
    setSpeedState(s);
    speedRef.current = s;
    for (const v of [lead.current, follow.current]) if (v) v.playbackRate = s;
  }, []);

  useEffect(() => {
    const a = lead.current as FrameCallbackVideo | null;
    const b = follow.current;
    if (!ready || !a || !b) return;
    let handle = 0;
    let alive = true;
    const onFrame = (_now: number, meta: { mediaTime: number }) => {
      if (!alive) return;
      const f = frameOf(meta.mediaTime);
      if (playingRef.current && f !== frameRef.current) {
        frameRef.current = f;
        setFrame(f);
      }
      if (!b.paused) keepInStep(b, meta.mediaTime, speedRef.current, fps);
      handle = a.requestVideoFrameCallback?.(onFrame) ?? 0;
    };
    handle = a.requestVideoFrameCallback?.(onFrame) ?? 0;
    const onEnded = () => {
      if (loop) {
        a.currentTime = 0;
        b.currentTime = 0;
        void Promise.all([a.play(), b.play()]).catch(() => {});
      } else {
        playingRef.current = false;
        setPlaying(false);
      }
    };
    a.addEventListener('ended', onEnded);
    return () => {
      alive = false;
      a.cancelVideoFrameCallback?.(handle);
      a.removeEventListener('ended', onEnded);
    };
  }, [fps, frameOf, loop, ready]);

  return { lead, follow, playing, frame, speed, loop, play, pause, toggle, seek, step, setSpeed, setLoop };
}
