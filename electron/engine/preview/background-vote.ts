import { type Field, R, whole } from './background-patchmatch';

/** Each step deeper into the hole halves how much a patch's say counts. */
const RIM_TRUST = 2;

/**
 * Rebuilds the hole from the matches (Wexler et al. 2007): each hole pixel becomes the weighted
 * mean of what every overlapping source patch, shifted by its brightness offset, says it should
 * be. Close matches count for more, which keeps edges sharp where a few patches agree and the rest
 * are poor; so do patches near the rim, which see the most known picture, so structure grows in
 * from the edge rather than being invented in the middle.
 */
export function vote(field: Field): void {
  const { level, targets, match, cost, means, gain, depth, box } = field;
  const { width: W, height: H, rgb, hole } = level;
  // Patches reach R beyond the targets' box, but only hole pixels are voted on, and those lie inside it.
  if (!field.acc) field.acc = new Float64Array(W * H * 4);
  const acc = field.acc;
  acc.fill(0, 4 * box.y0 * W, 4 * (box.y1 + 1) * W);
  // Trust relative to the pixel voted on: the chessboard depth changes by at most R across a
  // patch, so a small table covers it (and deep holes cannot underflow the weights).
  const trust = Array.from({ length: 2 * R + 1 }, (_, i) => RIM_TRUST ** (i - R));
  const perSample = (2 * R + 1) ** 2 * 3;
  // The scale of "close": a typical (upper-quartile) cost among the targets, per sample.
  const sorted = Float64Array.from(cost).sort();
  const typical = Math.max(1, (sorted[Math.floor(sorted.length * 0.75)] as number) / perSample);
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k] as number;
    const s = match[k] as number;
    const tx = t % W;
    const ty = (t - tx) / W;
    const g = whole(W, H, t) ? (gain[s] as number) : 0;
    const sr = g * ((means[3 * t] as number) - (means[3 * s] as number));
    const sg = g * ((means[3 * t + 1] as number) - (means[3 * s + 1] as number));
    const sb = g * ((means[3 * t + 2] as number) - (means[3 * s + 2] as number));
    const w = Math.exp(-(cost[k] as number) / perSample / (2 * typical));
    const dt = (depth[t] as number) - R;
    for (let dy = Math.max(-R, -ty); dy <= Math.min(R, H - 1 - ty); dy++)
      for (let dx = Math.max(-R, -tx); dx <= Math.min(R, W - 1 - tx); dx++) {
        const p = t + dy * W + dx;
        if (!hole[p]) continue;
        const q = 3 * (s + dy * W + dx);
        const wp = w * (trust[(depth[p] as number) - dt] as number);
        const a = 4 * p;
        acc[a] = (acc[a] as number) + wp * ((rgb[q] as number) + sr);
        acc[a + 1] = (acc[a + 1] as number) + wp * ((rgb[q + 1] as number) + sg);
        acc[a + 2] = (acc[a + 2] as number) + wp * ((rgb[q + 2] as number) + sb);
        acc[a + 3] = (acc[a + 3] as number) + wp;
      }
  }
  for (let p = box.y0 * W; p < (box.y1 + 1) * W; p++) {
    const w = acc[4 * p + 3] as number;
    if (!hole[p] || w <= 0) continue;
    rgb[3 * p] = (acc[4 * p] as number) / w;
    rgb[3 * p + 1] = (acc[4 * p + 1] as number) / w;
    rgb[3 * p + 2] = (acc[4 * p + 2] as number) / w;
  }
}
