/** A pixel rectangle, inclusive bounds. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Mean of a 3-channel image over the (2r+1)² window centred on each pixel of `rect`, written to
 * `out` (same layout). Only centres whose window lies wholly inside the picture get a value.
 * Running sums down columns, then along rows, both in memory order: the patch search refreshes
 * these every round, so they must cost little more than a copy.
 */
export function boxMeans(W: number, H: number, src: Float64Array, r: number, out: Float64Array, rect: Rect = { x0: 0, y0: 0, x1: W - 1, y1: H - 1 }): void {
  const x0 = Math.max(r, rect.x0);
  const x1 = Math.min(W - 1 - r, rect.x1);
  const y0 = Math.max(r, rect.y0);
  const y1 = Math.min(H - 1 - r, rect.y1);
  if (x0 > x1 || y0 > y1) return;
  const side = 2 * r + 1;
  const area = side * side;
  // Column sums over the window's height, for every column the row sums reach.
  const c0 = 3 * (x0 - r);
  const c1 = 3 * (x1 + r + 1);
  const cols = new Float64Array(c1 - c0);
  for (let y = y0 - r; y < y0 + r; y++) {
    const base = 3 * y * W;
    for (let j = c0; j < c1; j++) cols[j - c0] = (cols[j - c0] as number) + (src[base + j] as number);
  }
  for (let y = y0; y <= y1; y++) {
    const add = 3 * (y + r) * W;
    const sub = 3 * (y - r) * W;
    for (let j = c0; j < c1; j++) cols[j - c0] = (cols[j - c0] as number) + (src[add + j] as number);
    let a = 0;
    let b = 0;
    let c = 0;
    for (let k = 0; k < 3 * (side - 1); k += 3) {
      a += cols[k] as number;
      b += cols[k + 1] as number;
      c += cols[k + 2] as number;
    }
    let o = 3 * (y * W + x0);
    for (let k = 3 * (side - 1), e = c1 - c0; k < e; k += 3) {
      a += cols[k] as number;
      b += cols[k + 1] as number;
      c += cols[k + 2] as number;
      out[o] = a / area;
      out[o + 1] = b / area;
      out[o + 2] = c / area;
      const d = k - 3 * (side - 1);
      a -= cols[d] as number;
      b -= cols[d + 1] as number;
      c -= cols[d + 2] as number;
      o += 3;
    }
    for (let j = c0; j < c1; j++) cols[j - c0] = (cols[j - c0] as number) - (src[sub + j] as number);
  }
}
