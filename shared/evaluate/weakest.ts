import type { Check, PixelEvaluation } from './schema';

/** The check that pulls a clip's score down most: the failed one with the most weight lost, else the lowest applicable one. */
export function weakestCheck(e: PixelEvaluation): Check | null {
  const used = e.checks.filter((c) => c.applicable);
  const lost = (c: Check) => c.weight * (1 - c.score) + (c.pass ? 0 : 1);
  return used.sort((a, b) => lost(b) - lost(a))[0] ?? null;
}
