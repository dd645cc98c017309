import type { ClipTrack } from '../../../shared/run/schema';

export const ONION_STEPS = [2, 3, 4, 6, 8, 12] as const;

/** The frames an onion skin shows: every `every`-th frame, the current one left to the video. */
export function onionFrames(frames: number, every: number, current: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < frames; f += every) if (f !== current) out.push(f);
  return out;
}

export function moves(t: ClipTrack): boolean {
  for (let i = 1; i < t.x.length; i++)
    if (Math.hypot((t.x[i] ?? 0) - (t.x[0] ?? 0), (t.y[i] ?? 0) - (t.y[0] ?? 0)) > 1 || Math.abs((t.angle[i] ?? 0) - (t.angle[0] ?? 0)) > 0.02) return true;
  return false;
}

/** An object's outline at frame f: its perceived outline moved and turned as its track says. */
export function outlineAt(polygon: Array<{ x: number; y: number }>, scale: number, t: ClipTrack, f: number): string {
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
