import type { Check } from '../../../../shared/evaluate/schema';
import type { ObjectTrack } from '../tracker';
import { at, type CheckContext, check, clamp01, followed } from './context';
import { airborne, supported, supportTolerance } from './supports';

/** Free flight shorter than this many frames, or falling less than this share of the object's size, is not fitted. */
const MIN_FRAMES = 6;
const MIN_DROP_SHARE = 0.5;
/** Measured gravity within this share of the expected passes; the score falls to 0 at four times it. */
const G_TOLERANCE = 0.25;

interface Flight {
  t: ObjectTrack;
  from: number;
  to: number;
  /** Fitted acceleration, px/s² (y down). */
  a: number;
  /** RMS distance of the track from the fitted parabola, frame pixels. */
  rms: number;
  /** How far the fitted parabola bends: |a|·T²/2 against the run's travel. */
  bend: number;
  travel: number;
}

/** Solves the 3×3 system m·x = v by Gaussian elimination with partial pivoting; null when singular. */
function solve3(m: number[][], v: number[]): number[] | null {
  const a = m.map((row, i) => [...row, v[i] as number]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(a[r]?.[c] as number) > Math.abs(a[p]?.[c] as number)) p = r;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    const pivot = a[c]?.[c] as number;
    if (Math.abs(pivot) < 1e-12) return null;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = (a[r]?.[c] as number) / pivot;
      for (let j = c; j < 4; j++) (a[r] as number[])[j] = (a[r]?.[j] as number) - f * (a[c]?.[j] as number);
    }
  }
  return [0, 1, 2].map((i) => (a[i]?.[3] as number) / (a[i]?.[i] as number));
}

/** Least-squares parabola y = c + b·t + q·t² through the run (t in seconds, centred); returns a = 2q and the RMS residual. */
function fitParabola(ts: number[], ys: number[]): { a: number; rms: number } {
  const n = ts.length;
  const tm = ts.reduce((s, t) => s + t, 0) / n;
  const S = [0, 0, 0, 0, 0];
  const Y = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const t = (ts[i] as number) - tm;
    const y = ys[i] as number;
    for (let p = 0; p < 5; p++) S[p] = (S[p] as number) + t ** p;
    for (let p = 0; p < 3; p++) Y[p] = (Y[p] as number) + y * t ** p;
  }
  const [s0, s1, s2, s3, s4] = S as [number, number, number, number, number];
  const x = solve3(
    [
      [s0, s1, s2],
      [s1, s2, s3],
      [s2, s3, s4],
    ],
    Y,
  );
  if (!x) return { a: 0, rms: Number.POSITIVE_INFINITY };
  const [c, b, q] = x as [number, number, number];
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    const t = (ts[i] as number) - tm;
    ssRes += ((ys[i] as number) - (c + b * t + q * t * t)) ** 2;
  }
  return { a: 2 * q, rms: Math.sqrt(ssRes / n) };
}

/** Runs of frames where the object is found, unsupported and moving, cut at bounces and jumps. */
function flights(ctx: CheckContext, t: ObjectTrack): Flight[] {
  const k = ctx.k;
  const size = t.size * k;
  const out: Flight[] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length >= MIN_FRAMES) {
      const ps = run.map((f) => at(t, k, f) as { x: number; y: number });
      const ys = ps.map((p) => p.y);
      const travel = Math.max(...ys) - Math.min(...ys);
      const sideways = Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x));
      // Moving sideways with no drop counts only where it is plainly in the air, over a known surface.
      // Not where it keeps to the level the picture showed it resting on with no known line under
      // it: an unseen support (a floor perception missed) holds it there.
      const s0 = t.seen[0];
      const level =
        !!s0?.found &&
        !supported(ctx, t, 0) &&
        run.every((f) => Math.abs(((t.seen[f] as ObjectTrack['seen'][number]).y1 - s0.y1) * k) <= supportTolerance(t, k));
      const aloft = !level && run.filter((f) => airborne(ctx, t, f)).length >= 0.8 * run.length;
      if (travel >= MIN_DROP_SHARE * size || (aloft && sideways >= MIN_DROP_SHARE * size)) {
        const ts = run.map((f) => f / ctx.fps);
        const { a, rms } = fitParabola(ts, ys);
        const T = (run.length - 1) / ctx.fps;
        out.push({ t, from: run[0] as number, to: run[run.length - 1] as number, a, rms, bend: (Math.abs(a) * T * T) / 2, travel });
      }
    }
    run = [];
  };
  let vPrev: { x: number; y: number } | null = null;
  // Gravity's own change of velocity per frame, so a hit shows as what is left over.
  const dvG = ctx.gravity ? ctx.gravity.y / (ctx.fps * ctx.fps) : 0;
  for (let f = 0; f < t.seen.length; f++) {
    const p = at(t, k, f);
    if (!p || supported(ctx, t, f)) {
      close();
      vPrev = null;
      continue;
    }
    const last = run[run.length - 1];
    const before = at(t, k, f - 1);
    // At rest is not flying: a stop in mid-air is the support check's business.
    if (before && Math.hypot(p.x - before.x, p.y - before.y) < 0.02 * size) {
      close();
      vPrev = null;
      run.push(f);
      continue;
    }
    if (last !== undefined && last === f - 1) {
      const prev = at(t, k, last) as { x: number; y: number };
      const v = { x: p.x - prev.x, y: p.y - prev.y };
      // A reversal from falling to rising is a bounce; a change of velocity gravity does not explain is a hit.
      const bounced = vPrev !== null && vPrev.y > 0.02 * size && v.y < -0.02 * size;
      // Both parts matter: a steady glide changes velocity by nothing, which gravity does not
      // explain either once g adds more per frame than the threshold (a real-world scale), yet it
      // is one unbroken flight at constant speed, for the fit to judge, not a hit every frame.
      const dv = { x: v.x - (vPrev?.x ?? 0), y: v.y - (vPrev?.y ?? 0) };
      const limit = Math.max(3, 0.3 * size);
      const hit = vPrev !== null && Math.hypot(dv.x, dv.y - dvG) > limit && Math.hypot(dv.x, dv.y) > limit;
      if (bounced || hit) {
        const keep = last;
        run.pop();
        close();
        run = [keep];
      }
      vPrev = v;
    } else if (last !== undefined) {
      close();
      vPrev = null;
    }
    run.push(f);
  }
  close();
  return out;
}

/** Gravity fit: during free flight each object follows a parabola with the scene's g (in pixels, slow motion applied). */
export function checkGravity(ctx: CheckContext): Check {
  const all = followed(ctx).flatMap((t) => flights(ctx, t));
  if (all.length === 0) return check('gravity_fit', false, 1, true, 'No free flight long enough to fit.');
  // The longest flight says most; a bad one anywhere still fails.
  const g = ctx.gravity ? ctx.gravity.y : null;
  let worst: { f: Flight; score: number; reason: string } | null = null;
  for (const f of all) {
    let score: number;
    let reason: string;
    const secs = ((f.to - f.from) / ctx.fps).toFixed(1);
    if (g !== null && Math.abs(g) > 1e-6) {
      const ratio = f.a / g;
      score = clamp01(1 - Math.max(0, Math.abs(ratio - 1) - G_TOLERANCE) / (3 * G_TOLERANCE));
      if (Math.abs(ratio - 1) > G_TOLERANCE) score = Math.min(score, 0.5);
      reason =
        Math.abs(ratio - 1) <= G_TOLERANCE
          ? `The ${f.t.label} falls freely for ${secs} s at ${Math.round(ratio * 100)}% of the scene's gravity.`
          : `The ${f.t.label} ${ratio < 0.2 ? 'moves at an almost constant speed' : 'accelerates'} during ${secs} s of free flight: ${Math.round(ratio * 100)}% of the scene's gravity.`;
    } else {
      // Weightless, or gravity unknown: a drift is a straight line at constant speed.
      const share = f.bend / Math.max(1, f.travel);
      score = g === null ? 1 : clamp01(1 - Math.max(0, share - 0.25) / 0.5);
      reason =
        g === null
          ? `The ${f.t.label} flies for ${secs} s (no gravity given to compare with).`
          : share <= 0.25
            ? `The ${f.t.label} drifts without falling, as in zero gravity.`
            : `The ${f.t.label} accelerates in a scene without gravity.`;
      if (g !== null && share > 0.25) score = Math.min(score, 0.5);
    }
    // Wobble beyond what measuring on the reduced grid explains: not one free flight.
    if (f.rms > Math.max(ctx.k, 0.05 * f.t.size * ctx.k)) {
      score = Math.min(score, 0.5);
      reason = `The ${f.t.label}'s path in free flight is not a smooth parabola (it strays ${f.rms.toFixed(1)} px from one).`;
    }
    if (!worst || score < worst.score) worst = { f, score, reason };
  }
  const w = worst as { f: Flight; score: number; reason: string };
  return check('gravity_fit', true, w.score, w.score > 0.5, w.reason);
}
