import { boxMeans } from './background-box';
import type { Level } from './background-level';

/** What a shift in mean colour costs, against the same difference in pattern (1: as much). */
const OFFSET_PRICE = 0.5;
/** Mean squared Laplacian (summed over channels) at which a source may take only half an offset: above sensor grain, below most patterns. */
const TEXTURE = 1000;

/**
 * A source patch may be copied lighter or darker than it is, to the mean of the target, so a wall
 * under falling light or any smooth gradient continues through the hole instead of being pieced
 * together from patches of slightly the wrong shade. Only smooth sources: shifting stripes or wood
 * grain towards a wrong guess of the local brightness would wash the pattern out. The gain (the
 * share of the offset a source takes) falls with its texture, measured as the patch's mean squared
 * Laplacian, which is zero on a plane of colour at every scale, unlike the variance.
 */
export function offsetGain(level: Level, valid: Uint8Array, r: number): Float64Array {
  const { width: W, height: H, rgb } = level;
  const energy = new Float64Array(W * H * 3);
  for (let y = 1; y < H - 1; y++)
    for (let x = 1; x < W - 1; x++) {
      const i = 3 * (y * W + x);
      for (let c = 0; c < 3; c++) {
        const lap =
          4 * (rgb[i + c] as number) -
          (rgb[i + c - 3] as number) -
          (rgb[i + c + 3] as number) -
          (rgb[i + c - 3 * W] as number) -
          (rgb[i + c + 3 * W] as number);
        energy[i + c] = lap * lap;
      }
    }
  const mean = new Float64Array(W * H * 3);
  boxMeans(W, H, energy, r, mean);
  const gain = new Float64Array(W * H);
  for (let s = 0; s < W * H; s++) {
    if (!valid[s]) continue;
    const e = (mean[3 * s] as number) + (mean[3 * s + 1] as number) + (mean[3 * s + 2] as number);
    gain[s] = 1 / (1 + (e / TEXTURE) ** 2);
  }
  return gain;
}

/**
 * How much less than its plain SSD a match costs when the source is shifted by `gain` of the
 * difference in means, `spread` being area × |Δmean|². With SSD = zero-mean SSD + spread, the
 * shifted patch leaves (1 - gain)² of the spread as error and pays OFFSET_PRICE for the gain² it
 * moved.
 */
export function offsetRebate(gain: number, spread: number): number {
  return (1 - (1 - gain) * (1 - gain) - OFFSET_PRICE * gain * gain) * spread;
}
