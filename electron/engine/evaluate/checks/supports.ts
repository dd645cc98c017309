import type { ObjectTrack } from '../tracker';
import { type CheckContext, surfaceY } from './context';

/** How far (frame pixels) an object's bottom may sit from a support line and still rest on it: outlines and lines from a photo are a few pixels off. */
export function supportTolerance(t: ObjectTrack, k: number): number {
  return Math.max(3, 0.15 * t.h0 * k);
}

/**
 * Whether the object at frame f rests on something: a support line under its centre, another
 * object's first-frame outline just below it, or the bottom edge of the frame.
 */
export function supported(ctx: CheckContext, t: ObjectTrack, f: number): boolean {
  const s = t.seen[f];
  if (!s?.found) return false;
  const k = ctx.k;
  const tol = supportTolerance(t, k);
  const bottom = s.y1 * k;
  if (bottom >= ctx.height - tol) return true;
  const cx = s.cx * k;
  for (const surface of ctx.surfaces) {
    const y = surfaceY(surface, cx);
    if (y !== null && Math.abs(y - bottom) <= tol) return true;
  }
  return onAnother(ctx, t, f, tol);
}

/** Another object's pixels (where it started, or where it is now) right under this one's bottom. */
function onAnother(ctx: CheckContext, t: ObjectTrack, f: number, tol: number): boolean {
  const s = t.seen[f];
  if (!s) return false;
  const k = ctx.k;
  const w = Math.round(ctx.width / k);
  const h = Math.round(ctx.height / k);
  const rows = Math.max(1, Math.ceil(tol / k));
  for (const o of ctx.tracks) {
    if (o === t) continue;
    const now = o.seen[f];
    if (now?.found && now.y0 <= s.y1 + rows && now.y1 >= s.y1 && now.x0 < s.x1 && now.x1 > s.x0) return true;
    if (o.tracked && now?.found && (now.cx !== o.seen[0]?.cx || now.cy !== o.seen[0]?.cy)) continue;
    for (let y = Math.max(0, s.y1 - 1); y < Math.min(h, s.y1 + rows); y++) {
      for (let x = Math.max(0, s.x0); x < Math.min(w, s.x1); x++) if (o.mask0[y * w + x]) return true;
    }
  }
  return false;
}
