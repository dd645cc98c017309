import type { Metrics } from '../run/schema';

export const METRIC_PARTS = ['gravity', 'interpenetration', 'support', 'energy'] as const;
export type MetricPart = (typeof METRIC_PARTS)[number];

/** Names a viewer reads at a glance (the same as the breakdown under each player). */
export const METRIC_NAMES: Record<MetricPart, string> = { gravity: 'Gravity', interpenetration: 'Solidity', support: 'Support', energy: 'Bounces' };

/**
 * The part of a clip's score that pulls it down most: the lowest part that was measured, the
 * first in the breakdown's order on a tie. Null when nothing could be measured.
 */
export function weakestPart(metrics: Metrics): { part: MetricPart; name: string; score: number; summary: string } | null {
  let weakest: { part: MetricPart; name: string; score: number; summary: string } | null = null;
  for (const part of METRIC_PARTS) {
    const { score, summary } = metrics[part];
    if (score === null || (weakest && score >= weakest.score)) continue;
    weakest = { part, name: METRIC_NAMES[part], score, summary };
  }
  return weakest;
}
