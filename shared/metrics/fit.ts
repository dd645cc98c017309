/** Consecutive frames, inclusive at both ends. */
export interface Stretch {
  first: number;
  last: number;
}

export interface Fit {
  /** Units/s². */
  acceleration: number;
  /** Units/s at the middle of the stretch. */
  velocity: number;
  /** How firmly the stretch pins the acceleration (Σ q²): pooling several stretches weighs each by it. */
  weight: number;
}

/**
 * Least-squares parabola v = c + b·t + (a/2)·t² through one stretch, t centred on its middle.
 * Eliminating c and b leaves q = t² minus its projection on {1, t}, and a/2 = Σ q·v / Σ q²; with t
 * centred, b = Σ t·v / Σ t². Pooling stretches as Σ w·a / Σ w is the joint fit with one shared
 * acceleration and a start position and velocity per stretch. Null below three frames.
 */
export function fitStretch(values: ArrayLike<number>, stretch: Stretch, fps: number): Fit | null {
  const n = stretch.last - stretch.first + 1;
  if (n < 3) return null;
  const mid = (stretch.first + stretch.last) / 2;
  let mean = 0;
  let s2 = 0;
  let s3 = 0;
  for (let f = stretch.first; f <= stretch.last; f++) {
    const t = (f - mid) / fps;
    mean += values[f] as number;
    s2 += t * t;
    s3 += t * t * t;
  }
  mean /= n;
  const m2 = s2 / n;
  const k = s3 / s2;
  let qv = 0;
  let qq = 0;
  let tv = 0;
  for (let f = stretch.first; f <= stretch.last; f++) {
    const t = (f - mid) / fps;
    const v = (values[f] as number) - mean;
    const q = t * t - m2 - k * t;
    qv += q * v;
    qq += q * q;
    tv += t * v;
  }
  return { acceleration: (2 * qv) / qq, velocity: tv / s2, weight: qq };
}
