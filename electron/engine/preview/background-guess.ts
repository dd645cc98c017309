import type { Level } from './background-level';

// First guesses for the hole at the coarsest level, before any patch is matched. The patch search
// compares against the guess, so it must be close in colour and, where it can be, in structure.

/**
 * A first guess for the coarsest level, peeled in from the rim: each ring of hole pixels takes the
 * mean of its already-known neighbours. Smooth and structureless; the patch search that follows
 * replaces it, but it must be close enough in colour that the first matches are sensible.
 */
export function peelFill(level: Level): void {
  const { width: W, height: H, rgb, hole } = level;
  const known = new Uint8Array(W * H);
  let ring: number[] = [];
  for (let i = 0; i < W * H; i++) known[i] = hole[i] ? 0 : 1;
  for (let i = 0; i < W * H; i++) if (!known[i] && touchesKnown(known, W, H, i)) ring.push(i);
  while (ring.length) {
    for (const i of ring) {
      const x = i % W;
      const y = (i - x) / W;
      let n = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
          const j = yy * W + xx;
          if (known[j] !== 1) continue;
          r += rgb[3 * j] as number;
          g += rgb[3 * j + 1] as number;
          b += rgb[3 * j + 2] as number;
          n++;
        }
      rgb[3 * i] = r / n;
      rgb[3 * i + 1] = g / n;
      rgb[3 * i + 2] = b / n;
    }
    // The whole ring becomes known at once, so the order within a ring does not matter.
    for (const i of ring) known[i] = 1;
    const next: number[] = [];
    for (const i of ring) {
      const x = i % W;
      const y = (i - x) / W;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
          const j = yy * W + xx;
          if (!known[j]) {
            known[j] = 2;
            next.push(j);
          }
        }
    }
    next.sort((a, b) => a - b);
    ring = next;
  }
}

function touchesKnown(known: Uint8Array, W: number, H: number, i: number): boolean {
  const x = i % W;
  const y = (i - x) / W;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < W && yy < H && known[yy * W + xx]) return true;
    }
  return false;
}

/** Colour distance (RGB) between a span's two ends at which the span counts half. */
const AGREE = 20;

/**
 * A first guess that keeps straight structure: each hole pixel interpolated linearly between the
 * known pixels either side of it along its row and along its column, weighting more the shorter
 * span and the one whose ends agree in colour (the direction a line runs in rather than one it
 * crosses). The edge of a table or the line where wall meets floor passes straight behind an
 * object; this carries such lines across the hole, where peeling in from the rim would bend them
 * towards the nearer rim, and the patch search only has to sharpen them. Pixels with no known
 * pixel on both sides in either direction keep what they had.
 */
export function crossFill(level: Level): void {
  const { width: W, height: H, rgb, hole } = level;
  const acc = new Float64Array(W * H * 4);
  const span = (start: number, stride: number, n: number) => {
    let k = 0;
    while (k < n) {
      if (!hole[start + k * stride]) {
        k++;
        continue;
      }
      const a = k - 1;
      while (k < n && hole[start + k * stride]) k++;
      if (a < 0 || k >= n) continue;
      const len = k - a;
      const pa = 3 * (start + a * stride);
      const pb = 3 * (start + k * stride);
      let d2 = 0;
      for (let c = 0; c < 3; c++) d2 += ((rgb[pa + c] as number) - (rgb[pb + c] as number)) ** 2;
      const w = 1 / (len * len) / (1 + d2 / AGREE ** 2);
      for (let j = a + 1; j < k; j++) {
        const t = (j - a) / len;
        const p = start + j * stride;
        for (let c = 0; c < 3; c++) {
          const a = rgb[pa + c] as number;
          acc[4 * p + c] = (acc[4 * p + c] as number) + w * (a + ((rgb[pb + c] as number) - a) * t);
        }
        acc[4 * p + 3] = (acc[4 * p + 3] as number) + w;
      }
    }
  };
  for (let y = 0; y < H; y++) span(y * W, 1, W);
  for (let x = 0; x < W; x++) span(x, W, H);
  for (let p = 0; p < W * H; p++) {
    const w = acc[4 * p + 3] as number;
    if (!hole[p] || w <= 0) continue;
    for (let c = 0; c < 3; c++) rgb[3 * p + c] = (acc[4 * p + c] as number) / w;
  }
}
