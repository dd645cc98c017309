import { boxMeans, type Rect } from './background-box';
import { depthMap, type Level } from './background-level';
import { offsetGain, offsetRebate } from './background-offset';

/** Patch half-size: 7×7 patches, big enough to carry a texture's period and an edge's direction. */
export const R = 3;

/**
 * The nearest-neighbour field of one level: for every patch that overlaps the hole (a target),
 * the centre of the known patch most like it (a source) and how unlike they are.
 */
export interface Field {
  level: Level;
  /** Target patch centres, in raster order, on a grid of this spacing. */
  stride: number;
  targets: Int32Array;
  /** Pixel → index into `targets`, or -1. */
  slot: Int32Array;
  /** Source centre per target (pixel index). */
  match: Int32Array;
  cost: Float64Array;
  /** 1 where a patch centred here lies wholly inside the picture and outside `blocked`. */
  valid: Uint8Array;
  /** The valid centres, for when a match has to be drawn at random. */
  sources: Int32Array;
  /** Mean colour of the patch centred on each pixel: sources once, targets every round. */
  means: Float64Array;
  /** Per source centre, how much of a brightness offset it may take. */
  gain: Float64Array;
  /** Steps from each hole pixel to the known picture, for trusting patches near the rim more. */
  depth: Int32Array;
  /** Bounding box of the targets. */
  box: Rect;
  /** Vote accumulator, kept between rounds. */
  acc?: Float64Array;
}

/** Small, seeded generator: the fill must come out the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Marks centres whose (2R+1)² window holds no `mask` pixel (`clean`) or at least one (`!clean`),
 * clipped windows counting as not clean. Running counts along rows, then down columns.
 */
function windowTest(mask: Uint8Array, W: number, H: number, clean: boolean): Uint8Array {
  // rows[i]: how many mask pixels lie in the horizontal run of 2R + 1 centred on i (clipped).
  const rows = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    let run = 0;
    for (let x = -R; x < W; x++) {
      if (x + R < W) run += mask[y * W + x + R] as number;
      if (x - R - 1 >= 0) run -= mask[y * W + x - R - 1] as number;
      if (x >= 0) rows[y * W + x] = run;
    }
  }
  const out = new Uint8Array(W * H);
  const cols = new Int32Array(W);
  for (let y = -R; y < H; y++) {
    if (y + R < H) for (let x = 0; x < W; x++) cols[x] = (cols[x] as number) + (rows[(y + R) * W + x] as number);
    if (y - R - 1 >= 0) for (let x = 0; x < W; x++) cols[x] = (cols[x] as number) - (rows[(y - R - 1) * W + x] as number);
    if (y < 0) continue;
    for (let x = 0; x < W; x++) {
      const any = (cols[x] as number) > 0;
      if (!clean) out[y * W + x] = any ? 1 : 0;
      else out[y * W + x] = !any && x >= R && y >= R && x < W - R && y < H - R ? 1 : 0;
    }
  }
  return out;
}

function indices(mask: Uint8Array, keep: (i: number) => boolean = () => true): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && keep(i)) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && keep(i)) out[n++] = i;
  return out;
}

/**
 * `stride` 2 keeps a quarter of the targets: every hole pixel is still covered by about a dozen
 * patches, plenty to vote on, at a quarter of the search.
 */
export function createField(level: Level, stride = 1): Field | null {
  const { width: W, height: H, hole } = level;
  const valid = windowTest(level.blocked, W, H, true);
  const sources = indices(valid);
  if (sources.length < 4) return null;
  // Every patch that covers a hole pixel takes part: the hole dilated by R.
  const near = windowTest(hole, W, H, false);
  const targets = indices(near, (i) => (i % W) % stride === 0 && Math.floor(i / W) % stride === 0);
  const slot = new Int32Array(W * H).fill(-1);
  const box: Rect = { x0: W, y0: H, x1: -1, y1: -1 };
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k] as number;
    slot[t] = k;
    const x = t % W;
    const y = (t - x) / W;
    box.x0 = Math.min(box.x0, x);
    box.x1 = Math.max(box.x1, x);
    box.y0 = Math.min(box.y0, y);
    box.y1 = Math.max(box.y1, y);
  }
  const means = new Float64Array(W * H * 3);
  boxMeans(W, H, level.rgb, R, means);
  return {
    level,
    stride,
    targets,
    slot,
    match: new Int32Array(targets.length).fill(-1),
    cost: new Float64Array(targets.length).fill(Number.POSITIVE_INFINITY),
    valid,
    sources,
    means,
    gain: offsetGain(level, valid, R),
    depth: depthMap(hole, W, H),
    box,
  };
}

/**
 * Sum of squared differences between the target patch at `t` and the source patch at `s`, over the
 * target's pixels inside the picture; stops early once it passes `limit`.
 */
function patchCost(level: Level, t: number, s: number, limit: number): number {
  const { width: W, height: H, rgb } = level;
  const tx = t % W;
  const ty = (t - tx) / W;
  const x0 = Math.max(-R, -tx);
  const x1 = Math.min(R, W - 1 - tx);
  const y0 = Math.max(-R, -ty);
  const y1 = Math.min(R, H - 1 - ty);
  let sum = 0;
  for (let dy = y0; dy <= y1; dy++) {
    let ti = 3 * (t + dy * W + x0);
    let si = 3 * (s + dy * W + x0);
    for (let dx = x0; dx <= x1; dx++) {
      const a = (rgb[ti] as number) - (rgb[si] as number);
      const b = (rgb[ti + 1] as number) - (rgb[si + 1] as number);
      const c = (rgb[ti + 2] as number) - (rgb[si + 2] as number);
      sum += a * a + b * b + c * c;
      ti += 3;
      si += 3;
    }
    if (sum >= limit) return sum;
  }
  return sum;
}

/** Whether the patch at `t` lies wholly inside the picture: only those take a brightness offset. */
export function whole(W: number, H: number, t: number): boolean {
  const x = t % W;
  const y = (t - x) / W;
  return x >= R && y >= R && x < W - R && y < H - R;
}

/** Cost of copying source `s` into target `t`, allowing for its brightness offset (background-offset.ts). */
function matchCost(field: Field, t: number, s: number, limit: number): number {
  const { level, means } = field;
  if (!whole(level.width, level.height, t)) return patchCost(level, t, s, limit);
  const a = (means[3 * t] as number) - (means[3 * s] as number);
  const b = (means[3 * t + 1] as number) - (means[3 * s + 1] as number);
  const c = (means[3 * t + 2] as number) - (means[3 * s + 2] as number);
  const rebate = offsetRebate(field.gain[s] as number, (2 * R + 1) ** 2 * (a * a + b * b + c * c));
  return patchCost(level, t, s, limit + rebate) - rebate;
}

/** Recomputes every target's cost against its current match, after the picture changed. */
export function refreshCosts(field: Field, random: () => number): void {
  const { level, targets, match, cost, sources, box } = field;
  boxMeans(level.width, level.height, level.rgb, R, field.means, box);
  for (let k = 0; k < targets.length; k++) {
    if ((match[k] as number) < 0) match[k] = sources[Math.floor(random() * sources.length)] as number;
    cost[k] = matchCost(field, targets[k] as number, match[k] as number, Number.POSITIVE_INFINITY);
  }
}

/**
 * One PatchMatch sweep (Barnes et al. 2009): each target tries the shifted matches of the two
 * neighbours already visited (good matches spread along coherent regions), then random sources
 * in windows halving from `radius` around its current match.
 */
export function sweep(field: Field, forward: boolean, radius: number, random: () => number): void {
  const { level, targets, slot, match, cost, valid, stride } = field;
  const W = level.width;
  const H = level.height;
  const n = targets.length;
  const step = forward ? stride : -stride;
  const consider = (k: number, s: number) => {
    if (s < 0 || s >= W * H || !valid[s] || s === match[k]) return;
    const c = matchCost(field, targets[k] as number, s, cost[k] as number);
    if (c < (cost[k] as number)) {
      cost[k] = c;
      match[k] = s;
    }
  };
  for (let j = 0; j < n; j++) {
    const k = forward ? j : n - 1 - j;
    const t = targets[k] as number;
    const tx = t % W;
    // The neighbour to the left (right on the way back), then the one above (below).
    if (forward ? tx >= stride : tx < W - stride) {
      const q = slot[t - step] as number;
      if (q >= 0) consider(k, (match[q] as number) + step);
    }
    const up = t - step * W;
    if (up >= 0 && up < W * H) {
      const q = slot[up] as number;
      if (q >= 0) consider(k, (match[q] as number) + step * W);
    }
    for (let r = radius; r >= 1; r >>= 1) {
      const m = match[k] as number;
      const mx = m % W;
      const my = (m - mx) / W;
      const sx = Math.min(W - 1 - R, Math.max(R, mx + Math.floor((2 * random() - 1) * r)));
      const sy = Math.min(H - 1 - R, Math.max(R, my + Math.floor((2 * random() - 1) * r)));
      consider(k, sy * W + sx);
    }
  }
}
