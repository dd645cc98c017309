import type { Check } from '../../../shared/evaluate/schema';

/** A clip with any failed check scores at most this: a failure shows as a failing score. */
export const FAILED_CAP = 59;

/**
 * Overall score: the weighted mean of the applicable checks, 0..100, capped at 59 when any of
 * them fails. Plausible only when every applicable check passes.
 */
export function overall(checks: Check[]): { score: number; verdict: 'plausible' | 'implausible'; summary: string } {
  const used = checks.filter((c) => c.applicable);
  const weight = used.reduce((s, c) => s + c.weight, 0);
  const mean = weight > 0 ? used.reduce((s, c) => s + c.weight * c.score, 0) / weight : 1;
  const failed = used.filter((c) => !c.pass).sort((a, b) => b.weight * (1 - b.score) - a.weight * (1 - a.score));
  const score = Math.round(100 * mean);
  if (failed.length === 0) return { score, verdict: 'plausible', summary: `Plausible: all ${used.length} applicable checks pass.` };
  const first = failed[0] as Check;
  return {
    score: Math.min(score, FAILED_CAP),
    verdict: 'implausible',
    summary: `Implausible: ${first.reason}${failed.length > 1 ? ` (${failed.length - 1} more check${failed.length > 2 ? 's' : ''} failed)` : ''}`,
  };
}
