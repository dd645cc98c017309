import { crossFill, peelFill } from './background-guess';
import { halve, holeDepth, type Level } from './background-level';
import { createField, type Field, R, refreshCosts, rng, sweep } from './background-patchmatch';
import { vote } from './background-vote';

/** The coarsest level keeps at least this many pixels on its short side, so it still has texture to copy. */
const MIN_SIDE = 24;
/**
 * Halving stops once the hole is at most this deep. Deeper than a patch and the coarsest fill is
 * a guess; much coarser and thin structure (a table top, the line where wall meets floor) is
 * gone before the fill starts, and the levels above cannot bring it back.
 */
const COARSEST_DEPTH = 2 * R + 1;
/**
 * Rounds of match-then-vote: many where they are cheap (coarsest), one at full size, where the
 * doubled matches are already right and a second round changed no measured result.
 */
const ROUNDS_COARSEST = 8;
const ROUNDS = 3;
const ROUNDS_FINEST = 1;
/** Finer levels start from the doubled coarse matches, so their random search stays near them. */
const LOCAL_SEARCH = 8;
/** Sources are looked for within this many pixels of the hole's bounding box, or its size if larger. */
const REACH = 64;

/**
 * Exemplar-based hole filling, coarse to fine (Wexler et al. 2007, with PatchMatch for the search).
 * The picture is halved until the hole is only about a patch deep; there the hole is filled by
 * alternately matching every patch that overlaps it to the most similar known patch and rebuilding
 * it from the matches. The matches, doubled, seed the next finer level, so structure settled at
 * low resolution (an edge's height, the phase of stripes) carries up while each level adds the
 * detail it can see. Unlike diffusion it copies real texture into the hole, grain included.
 *
 * Only the neighbourhood of the hole takes part: nearby texture is the likeliest match, and a
 * small object must not pay for passes over the whole picture.
 *
 * `rgb` is 3 bytes a pixel; `avoid` marks pixels that are known but must not be copied (another
 * fill's output). Returns a new buffer that differs from `rgb` only inside the hole, or null when
 * there is nothing whole to copy from. Deterministic: a fixed seed and a fixed order throughout.
 */
export function patchFill(rgb: Uint8Array, W: number, H: number, hole: Uint8Array, avoid?: Uint8Array): Uint8Array | null {
  let x0 = W;
  let y0 = H;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if (hole[y * W + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return rgb.slice();
  const reach = Math.max(REACH, x1 - x0 + 1, y1 - y0 + 1);
  x0 = Math.max(0, x0 - reach);
  y0 = Math.max(0, y0 - reach);
  x1 = Math.min(W - 1, x1 + reach);
  y1 = Math.min(H - 1, y1 + reach);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const top: Level = { width: w, height: h, rgb: new Float64Array(w * h * 3), hole: new Uint8Array(w * h), blocked: new Uint8Array(w * h) };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y + y0) * W + x + x0;
      const o = y * w + x;
      top.rgb[3 * o] = rgb[3 * i] as number;
      top.rgb[3 * o + 1] = rgb[3 * i + 1] as number;
      top.rgb[3 * o + 2] = rgb[3 * i + 2] as number;
      top.hole[o] = hole[i] ? 1 : 0;
      top.blocked[o] = hole[i] || avoid?.[i] ? 1 : 0;
    }
  if (!fillLevels(top)) return null;
  const out = rgb.slice();
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = y * w + x;
      if (!top.hole[o]) continue;
      const i = (y + y0) * W + x + x0;
      for (let c = 0; c < 3; c++) out[3 * i + c] = Math.min(255, Math.max(0, Math.round(top.rgb[3 * o + c] as number)));
    }
  return out;
}

/** Fills `top.hole` in place, coarse to fine; false when no level has whole patches to copy. */
function fillLevels(top: Level): boolean {
  const levels: Level[] = [top];
  let depth = holeDepth(top.hole, top.width, top.height);
  for (let last = top; depth > COARSEST_DEPTH && Math.min(last.width, last.height) >= 2 * MIN_SIDE; ) {
    last = halve(last);
    levels.push(last);
    depth = holeDepth(last.hole, last.width, last.height);
  }
  // A coarse level whose hole swallows all its whole patches cannot seed anything: start finer.
  // Every level but the coarsest matches only every other patch (see createField).
  const fields: Field[] = [];
  for (const [l, level] of levels.entries()) {
    const field = createField(level, l === levels.length - 1 ? 1 : 2);
    if (!field) break;
    fields.push(field);
  }
  if (!fields.length) return false;
  const random = rng(0x2545f491);
  for (let l = fields.length - 1; l >= 0; l--) {
    const field = fields[l] as Field;
    const coarser = fields[l + 1];
    if (coarser) seedFromCoarser(field, coarser);
    else {
      // Peeling reaches every pixel; the cross fill then redoes those it can with straight lines.
      peelFill(field.level);
      crossFill(field.level);
    }
    refreshCosts(field, random);
    if (coarser) {
      // Rebuild from the doubled matches before searching: matched against the blocky upsampled
      // guess, smooth patches would beat the right but sharper ones.
      vote(field);
      refreshCosts(field, random);
    }
    const rounds = !coarser ? ROUNDS_COARSEST : l === 0 ? ROUNDS_FINEST : ROUNDS;
    const radius = coarser ? LOCAL_SEARCH : Math.max(field.level.width, field.level.height);
    for (let round = 0; round < rounds; round++) {
      sweep(field, round % 2 === 0, radius, random);
      vote(field);
      refreshCosts(field, random);
    }
  }
  return true;
}

/**
 * Doubles the coarser level's matches onto this one (same offset, twice as long) and gives the
 * hole the coarser picture as its starting colours, for the costs of targets left unmatched.
 */
function seedFromCoarser(field: Field, coarser: Field): void {
  const { level, targets, match, valid } = field;
  const { width: W, rgb, hole } = level;
  const cw = coarser.level.width;
  const ch = coarser.level.height;
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k] as number;
    const x = t % W;
    const y = (t - x) / W;
    // The nearest coarse target at or before this pixel: coarse targets may lie on a grid.
    const cx = Math.min(cw - 1, x >> 1) - (Math.min(cw - 1, x >> 1) % coarser.stride);
    const cy = Math.min(ch - 1, y >> 1) - (Math.min(ch - 1, y >> 1) % coarser.stride);
    const q = coarser.slot[cy * cw + cx] as number;
    if (q < 0) continue;
    const m = coarser.match[q] as number;
    const mx = m % cw;
    const my = (m - mx) / cw;
    const sx = x + 2 * (mx - cx);
    const sy = y + 2 * (my - cy);
    if (sx >= 0 && sx < W && sy >= 0 && valid[sy * W + sx]) match[k] = sy * W + sx;
  }
  const crgb = coarser.level.rgb;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i]) continue;
    const x = i % W;
    const y = (i - x) / W;
    const j = Math.min(ch - 1, y >> 1) * cw + Math.min(cw - 1, x >> 1);
    rgb[3 * i] = crgb[3 * j] as number;
    rgb[3 * i + 1] = crgb[3 * j + 1] as number;
    rgb[3 * i + 2] = crgb[3 * j + 2] as number;
  }
}
