import { WEIGHTS } from './constants';

/** 100 up to `free`, then exponential decay: a smooth score with no cliff at the tolerance. */
export function decayScore(error: number, free: number, rate: number): number {
  return clampScore(100 * Math.exp(-rate * Math.max(0, error - free)));
}

export function clampScore(score: number): number {
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}

export function round(value: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}

export type PartName = keyof typeof WEIGHTS;

/** Weighted mean of the parts that measured something. */
export function overallScore(parts: Record<PartName, number | null>): number {
  let sum = 0;
  let weight = 0;
  for (const name of Object.keys(WEIGHTS) as PartName[]) {
    const score = parts[name];
    if (score === null) continue;
    sum += WEIGHTS[name] * score;
    weight += WEIGHTS[name];
  }
  return weight > 0 ? clampScore(sum / weight) : 100;
}
