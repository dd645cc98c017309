/**
 * One scale of the patch-fill pyramid: the picture as floats (RGB, interleaved), which pixels are
 * hole, and which pixels may be copied from. Typed arrays only, so the fill is exact and the same
 * on every run.
 */
export interface Level {
  width: number;
  height: number;
  rgb: Float64Array;
  /** 1 where the picture is unknown and must be filled. */
  hole: Uint8Array;
  /** 1 where a pixel must not be copied from: the hole, and anything the caller marked. */
  blocked: Uint8Array;
}

/**
 * Half-size copy. A coarse pixel is hole (or blocked) when any of its four children is, so a
 * known coarse pixel holds only known colour; its colour is the mean of its children.
 */
export function halve(level: Level): Level {
  const { width: W, height: H } = level;
  const w = (W + 1) >> 1;
  const h = (H + 1) >> 1;
  const rgb = new Float64Array(w * h * 3);
  const hole = new Uint8Array(w * h);
  const blocked = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let n = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      let isHole = 0;
      let isBlocked = 0;
      for (let dy = 0; dy < 2; dy++) {
        const yy = 2 * y + dy;
        if (yy >= H) continue;
        for (let dx = 0; dx < 2; dx++) {
          const xx = 2 * x + dx;
          if (xx >= W) continue;
          const i = yy * W + xx;
          r += level.rgb[3 * i] as number;
          g += level.rgb[3 * i + 1] as number;
          b += level.rgb[3 * i + 2] as number;
          isHole |= level.hole[i] as number;
          isBlocked |= level.blocked[i] as number;
          n++;
        }
      }
      const o = y * w + x;
      rgb[3 * o] = r / n;
      rgb[3 * o + 1] = g / n;
      rgb[3 * o + 2] = b / n;
      hole[o] = isHole;
      blocked[o] = isBlocked | isHole;
    }
  }
  return { width: w, height: h, rgb, hole, blocked };
}

/** Largest distance (8-connected steps) from a hole pixel to the nearest known one. */
export function holeDepth(hole: Uint8Array, W: number, H: number): number {
  let max = 0;
  for (const v of depthMap(hole, W, H)) if (v > max) max = v;
  return max;
}

/** Per pixel, the distance (8-connected steps) to the nearest known pixel: 0 outside the hole. */
export function depthMap(hole: Uint8Array, W: number, H: number): Int32Array {
  const d = new Int32Array(W * H);
  const far = W + H;
  for (let i = 0; i < W * H; i++) d[i] = hole[i] ? far : 0;
  // Two chamfer sweeps give the exact chessboard distance.
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      let v = d[i] as number;
      if (!v) continue;
      if (x > 0) v = Math.min(v, (d[i - 1] as number) + 1);
      if (y > 0) {
        v = Math.min(v, (d[i - W] as number) + 1);
        if (x > 0) v = Math.min(v, (d[i - W - 1] as number) + 1);
        if (x < W - 1) v = Math.min(v, (d[i - W + 1] as number) + 1);
      }
      d[i] = v;
    }
  for (let y = H - 1; y >= 0; y--)
    for (let x = W - 1; x >= 0; x--) {
      const i = y * W + x;
      let v = d[i] as number;
      if (!v) continue;
      if (x < W - 1) v = Math.min(v, (d[i + 1] as number) + 1);
      if (y < H - 1) {
        v = Math.min(v, (d[i + W] as number) + 1);
        if (x < W - 1) v = Math.min(v, (d[i + W + 1] as number) + 1);
        if (x > 0) v = Math.min(v, (d[i + W - 1] as number) + 1);
      }
      d[i] = v;
    }
  return d;
}
