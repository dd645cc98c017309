/**
 * How much a colour looks like one object rather than the rest of the first frame: histograms
 * of the object's pixels and of everything else (16 levels a channel, each count spread over the
 * neighbouring bins so shading and resampling stay inside the model), compared as a likelihood
 * ratio. Rotation does not change it, so a rolling or tumbling object keeps its colours.
 */
export interface ColorModel {
  /** P(object | colour) for each of 4096 bins, 0..1. */
  p: Float32Array;
}

const BINS = 16;

export function binOf(data: Uint8Array, i: number): number {
  return ((data[i] as number) >> 4) * 256 + ((data[i + 1] as number) >> 4) * 16 + ((data[i + 2] as number) >> 4);
}

export function spread(hist: Float32Array): Float32Array {
  const out = new Float32Array(hist.length);
  for (let r = 0; r < BINS; r++) {
    for (let g = 0; g < BINS; g++) {
      for (let b = 0; b < BINS; b++) {
        const v = hist[r * 256 + g * 16 + b] as number;
        if (v === 0) continue;
        for (let dr = -1; dr <= 1; dr++) {
          const rr = r + dr;
          if (rr < 0 || rr >= BINS) continue;
          for (let dg = -1; dg <= 1; dg++) {
            const gg = g + dg;
            if (gg < 0 || gg >= BINS) continue;
            for (let db = -1; db <= 1; db++) {
              const bb = b + db;
              if (bb < 0 || bb >= BINS) continue;
              // The centre bin counts most: neighbours catch drift, not equal evidence.
              const wgt = dr === 0 && dg === 0 && db === 0 ? 4 : 1;
              out[rr * 256 + gg * 16 + bb] = (out[rr * 256 + gg * 16 + bb] as number) + v * wgt;
            }
          }
        }
      }
    }
  }
  return out;
}

/** `inside` and `outside`: grid masks (1 = sample) over the RGBA frame `data`. */
export function colorModel(data: Uint8Array, inside: Uint8Array, outside: Uint8Array): ColorModel {
  const obj = new Float32Array(4096);
  const bg = new Float32Array(4096);
  let nObj = 0;
  let nBg = 0;
  for (let p = 0; p < inside.length; p++) {
    if (inside[p]) {
      obj[binOf(data, 4 * p)] = (obj[binOf(data, 4 * p)] as number) + 1;
      nObj++;
    } else if (outside[p]) {
      bg[binOf(data, 4 * p)] = (bg[binOf(data, 4 * p)] as number) + 1;
      nBg++;
    }
  }
  const so = spread(obj);
  const sb = spread(bg);
  const p = new Float32Array(4096);
  for (let i = 0; i < 4096; i++) {
    const po = (so[i] as number) / Math.max(1, nObj);
    const pb = (sb[i] as number) / Math.max(1, nBg);
    p[i] = po + pb > 0 ? po / (po + pb) : 0;
  }
  return { p };
}
