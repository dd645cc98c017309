import type { EvalObject } from '../../../shared/evaluate/schema';
import type { CV } from '../perceive/opencv';
import { type ColorModel, colorModel } from './color-model';
import { type Component, components, type Grid, maskOnGrid, morph } from './grid';

/** A pixel changed when a channel moved this much (0..255) from frame 0: well above encoder noise. */
export const CHANGE_LEVEL = 30;
/** Objects covering more of the frame than this are scenery: their colours cannot be told from the frame. */
const MAX_OBJECT_SHARE = 0.4;
/**
 * The object the prompt names is followed up to this share: a close-up subject (a pizza filling
 * the plate, a hammer filling the picture) is exactly what a viewer watches, and the colour model
 * still has the rest of the frame to tell it from.
 */
const MAX_SUBJECT_SHARE = 0.7;
/** Pieces this many sizes from an object's main piece (plus its speed) are still its own. */
const REACH = 4;
/** A piece smaller than this share of the object's first-frame area is noise, not a piece. */
const PIECE_SHARE = 0.15;

/** One object in one frame, in grid pixels. */
export interface Seen {
  found: boolean;
  cx: number;
  cy: number;
  area: number;
  pieces: number;
  /** Area of the second-largest piece. */
  second: number;
  /** Box around all pieces; `y1` is the lowest row reached. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Not found because its predicted place is outside the frame. */
  exited: boolean;
  /** Share of its first-frame box that would be inside the frame at this position. */
  visible: number;
}

export interface ObjectTrack {
  id: string;
  label: string;
  dynamic: boolean;
  /** False for scenery-sized objects and ones whose colours match their surroundings: not followed. */
  tracked: boolean;
  /** Why it is not tracked, for the reasons shown. */
  untracked?: string;
  mask0: Uint8Array;
  /** Area the colour model finds at frame 0 (grid pixels). */
  refArea: number;
  /** First-frame box size, grid pixels. */
  w0: number;
  h0: number;
  size: number;
  pieces0: number;
  model: ColorModel | null;
  threshold: number;
  seen: Seen[];
}

function boxOf(mask: Uint8Array, w: number, h: number): { x0: number; y0: number; x1: number; y1: number; n: number } {
  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      n++;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
    }
  }
  return { x0, y0, x1, y1, n };
}

/** A rectangle of the grid, in grid pixels (x1, y1 exclusive). */
interface Window {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The colour-model foreground of one object inside a window of the grid (written compactly,
 * window row by row): object-like colours that changed, or that sit where it started.
 */
function foreground(t: ObjectTrack, bins: Uint16Array, changed: Uint8Array, out: Uint8Array, gw: number, win: Window): Uint8Array {
  const p = (t.model as ColorModel).p;
  const ww = win.x1 - win.x0;
  for (let y = win.y0; y < win.y1; y++) {
    const row = y * gw;
    const o = (y - win.y0) * ww - win.x0;
    for (let x = win.x0; x < win.x1; x++) {
      const i = row + x;
      out[o + x] = (changed[i] || t.mask0[i]) && (p[bins[i] as number] as number) > t.threshold ? 1 : 0;
    }
  }
  return out;
}

/** Pieces of the object's foreground inside the window, in grid coordinates. */
function piecesIn(cv: CV, t: ObjectTrack, bins: Uint16Array, changed: Uint8Array, scratch: Uint8Array, gw: number, win: Window, minArea: number): Component[] {
  const ww = win.x1 - win.x0;
  const wh = win.y1 - win.y0;
  if (ww <= 0 || wh <= 0) return [];
  const fg = foreground(t, bins, changed, scratch, gw, win).subarray(0, ww * wh);
  return components(cv, fg, ww, wh, minArea).map((c) => ({
    ...c,
    cx: c.cx + win.x0,
    cy: c.cy + win.y0,
    x0: c.x0 + win.x0,
    x1: c.x1 + win.x0,
    y0: c.y0 + win.y0,
    y1: c.y1 + win.y0,
    bottom: c.bottom + win.y0,
  }));
}

/** Sets up one track per object from frame 0 (`bins0`: colour bin per grid pixel). */
export function startTracks(cv: CV, grid: Grid, objects: EvalObject[], bins0: Uint16Array, subjects: ReadonlySet<string> = new Set()): ObjectTrack[] {
  const { w, h } = grid;
  const frame0 = grid.frames[0] as Uint8Array;
  const masks = objects.map((o) => maskOnGrid(o.mask, w, h));
  const anyObject = new Uint8Array(w * h);
  for (const m of masks) for (let i = 0; i < m.length; i++) if (m[i]) anyObject[i] = 1;
  const scratch = new Uint8Array(w * h);
  const none = new Uint8Array(w * h);
  const all: Window = { x0: 0, y0: 0, x1: w, y1: h };
  return objects.map((o, k) => {
    const mask0 = masks[k] as Uint8Array;
    const box = boxOf(mask0, w, h);
    const base: ObjectTrack = {
      id: o.id,
      label: o.label,
      dynamic: o.dynamic,
      tracked: false,
      mask0,
      refArea: box.n,
      w0: Math.max(1, box.x1 - box.x0),
      h0: Math.max(1, box.y1 - box.y0),
      size: Math.max(1, box.x1 - box.x0, box.y1 - box.y0),
      pieces0: 1,
      model: null,
      threshold: 0.5,
      seen: [],
    };
    if (!o.dynamic) return { ...base, untracked: 'it is marked static' };
    if (box.n < 3) return { ...base, untracked: 'it is too small to measure' };
    if (box.n > (subjects.has(o.id) ? MAX_SUBJECT_SHARE : MAX_OBJECT_SHARE) * w * h) return { ...base, untracked: 'it fills most of the frame' };
    // Colours sampled from the object's core: a loose outline from perception takes in some of the
    // background around it, and edges are anti-aliased, so neither should teach the model.
    let inside = mask0;
    for (const r of [Math.round(0.15 * Math.min(base.w0, base.h0)), 1]) {
      if (r < 1) continue;
      const core = morph(cv, mask0, w, h, -r);
      if (core.reduce((n, v) => n + v, 0) >= 12) {
        inside = core;
        break;
      }
    }
    const outside = morph(cv, anyObject, w, h, 1).map((v) => 1 - v);
    const model = colorModel(frame0, inside, outside);
    const t: ObjectTrack = { ...base, tracked: true, model };
    // The loosest threshold that still keeps most of the object, so dull objects are followed too.
    for (const threshold of [0.5, 0.35, 0.2]) {
      t.threshold = threshold;
      const fg = foreground(t, bins0, none, scratch, w, all);
      let n = 0;
      for (let i = 0; i < fg.length; i++) n += fg[i] as number;
      t.refArea = n;
      if (n >= 0.6 * box.n) break;
    }
    if (t.refArea < Math.max(3, 0.3 * box.n)) return { ...base, untracked: 'its colours match its surroundings' };
    const first = components(cv, foreground(t, bins0, none, scratch, w, all), w, h, Math.max(2, PIECE_SHARE * t.refArea));
    t.pieces0 = Math.max(1, first.length);
    return t;
  });
}

function visibleShare(t: ObjectTrack, cx: number, cy: number, w: number, h: number): number {
  const x0 = Math.max(0, cx - t.w0 / 2);
  const x1 = Math.min(w, cx + t.w0 / 2);
  const y0 = Math.max(0, cy - t.h0 / 2);
  const y1 = Math.min(h, cy + t.h0 / 2);
  return (Math.max(0, x1 - x0) * Math.max(0, y1 - y0)) / (t.w0 * t.h0);
}

function lastFound(seen: Seen[], before = seen.length): { at: number; s: Seen } | null {
  for (let i = before - 1; i >= 0; i--) if (seen[i]?.found) return { at: i, s: seen[i] as Seen };
  return null;
}

/** Where the object should be now: its last position carried on at its last velocity. */
function predict(seen: Seen[]): { x: number; y: number; vx: number; vy: number } {
  const a = lastFound(seen);
  if (!a) return { x: Number.NaN, y: Number.NaN, vx: 0, vy: 0 };
  const b = lastFound(seen, a.at);
  const gap = seen.length - a.at;
  const vx = b ? (a.s.cx - b.s.cx) / (a.at - b.at) : 0;
  const vy = b ? (a.s.cy - b.s.cy) / (a.at - b.at) : 0;
  return { x: a.s.cx + vx * gap, y: a.s.cy + vy * gap, vx, vy };
}

/**
 * Finds each tracked object in one frame: the pieces of its colour-model foreground, the main
 * one nearest where it should be (and of a like size), plus any other piece close to it.
 */
export function stepTracks(cv: CV, tracks: ObjectTrack[], grid: Grid, bins: Uint16Array, changed: Uint8Array, scratch: Uint8Array): void {
  const { w, h } = grid;
  const predictions = new Map(tracks.filter((t) => t.tracked && t.seen.length > 0).map((t) => [t, predict(t.seen)]));
  for (const t of tracks) {
    if (!t.tracked) continue;
    const pred = t.seen.length === 0 ? { x: Number.NaN, y: Number.NaN, vx: 0, vy: 0 } : predict(t.seen);
    const hasPred = Number.isFinite(pred.x);
    const minArea = Math.max(2, 0.08 * t.refArea);
    // Look near where it should be first (cheap); only if it is not there, over the whole frame.
    const half = REACH * t.size + Math.hypot(pred.vx, pred.vy) + 2;
    const near: Window | null = hasPred
      ? {
          x0: Math.max(0, Math.floor(pred.x - half)),
          y0: Math.max(0, Math.floor(pred.y - half)),
          x1: Math.min(w, Math.ceil(pred.x + half)),
          y1: Math.min(h, Math.ceil(pred.y + half)),
        }
      : null;
    let parts = near ? piecesIn(cv, t, bins, changed, scratch, w, near, minArea) : [];
    const fits = (c: Component) => c.area >= 0.25 * t.refArea;
    if (!near || !parts.some(fits)) parts = piecesIn(cv, t, bins, changed, scratch, w, { x0: 0, y0: 0, x1: w, y1: h }, minArea);
    let main: Component | null = null;
    let best = Number.POSITIVE_INFINITY;
    for (const c of parts) {
      const dist = hasPred ? Math.hypot(c.cx - pred.x, c.cy - pred.y) / t.size : 0;
      // Far from where it should be, only a piece of about its own size can be it.
      if (dist > 2 && c.area < 0.25 * t.refArea) continue;
      const cost = dist + 0.7 * Math.abs(Math.log(c.area / t.refArea));
      if (cost < best) {
        best = cost;
        main = c;
      }
    }
    if (!main) {
      const vis = hasPred ? visibleShare(t, pred.x, pred.y, w, h) : 1;
      // Last seen against the frame's edge and now gone: it went out, it did not vanish.
      const prev = t.seen[t.seen.length - 1];
      const atEdge = !!prev && (prev.exited || (prev.found && (prev.x0 <= 0 || prev.y0 <= 0 || prev.x1 >= w || prev.y1 >= h)));
      t.seen.push({
        found: false,
        cx: Number.NaN,
        cy: Number.NaN,
        area: 0,
        pieces: 0,
        second: 0,
        x0: 0,
        y0: 0,
        x1: 0,
        y1: 0,
        exited: vis < 0.3 || atEdge,
        visible: vis,
      });
      continue;
    }
    const m = main;
    const reach = (REACH - 0.5) * t.size + Math.hypot(pred.vx, pred.vy);
    // A piece nearer where another object should be is that object (two balls of one colour).
    const theirs = (c: Component) =>
      [...predictions].some(([o, p]) => o !== t && Number.isFinite(p.x) && Math.hypot(c.cx - p.x, c.cy - p.y) < Math.hypot(c.cx - m.cx, c.cy - m.cy));
    const mine = parts.filter((c) => c === m || (c.area >= PIECE_SHARE * t.refArea && Math.hypot(c.cx - m.cx, c.cy - m.cy) <= reach && !theirs(c)));
    const area = mine.reduce((s, c) => s + c.area, 0);
    const sorted = mine.map((c) => c.area).sort((a, b) => b - a);
    const cx = mine.reduce((s, c) => s + c.cx * c.area, 0) / area;
    const cy = mine.reduce((s, c) => s + c.cy * c.area, 0) / area;
    t.seen.push({
      found: true,
      cx,
      cy,
      area,
      pieces: mine.length,
      second: sorted[1] ?? 0,
      x0: Math.min(...mine.map((c) => c.x0)),
      y0: Math.min(...mine.map((c) => c.y0)),
      x1: Math.max(...mine.map((c) => c.x1)),
      y1: Math.max(...mine.map((c) => c.y1)),
      exited: false,
      // Cut by the frame's edge, only part of it can show.
      visible:
        Math.min(...mine.map((c) => c.x0)) <= 0 ||
        Math.min(...mine.map((c) => c.y0)) <= 0 ||
        Math.max(...mine.map((c) => c.x1)) >= w ||
        Math.max(...mine.map((c) => c.y1)) >= h
          ? 0
          : visibleShare(t, cx, cy, w, h),
    });
  }
}
