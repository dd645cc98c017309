import { z } from 'zod';
import type { Clip, Metrics } from '../run/schema';
import type { Check, ClipScores } from './schema';

/**
 * The pixel physics score of a clip as the report and the dataset show it. The pixel evaluator
 * (measured from the clip's frames) stores `evaluation` on a clip; until a clip has one, its
 * `metrics` stand in, and the source is named so nobody mistakes one for the other.
 */
// Read loosely (shared/evaluate owns the schema): only what the report shows. Check scores are 0..1 there.
const PixelEvaluationSchema = z.object({
  score: z.number().min(0).max(100),
  verdict: z.string().optional(),
  checks: z.array(
    z.object({
      id: z.string(),
      label: z.string().optional(),
      score: z.number().min(0).max(1),
      pass: z.boolean(),
      reason: z.string(),
      applicable: z.boolean().optional(),
    }),
  ),
});

const METRIC_PARTS = ['gravity', 'interpenetration', 'support', 'energy'] as const;

function fromMetrics(m: Metrics): ClipScores {
  const checks: Check[] = METRIC_PARTS.map((id) => ({ id, score: m[id].score, pass: null, reason: m[id].summary }));
  return { score: m.score, source: 'metrics', verdict: null, checks };
}

export function clipScores(clip: Clip): ClipScores {
  const parsed = PixelEvaluationSchema.safeParse((clip as Clip & { evaluation?: unknown }).evaluation);
  if (!parsed.success) return fromMetrics(clip.metrics);
  const e = parsed.data;
  return {
    score: e.score,
    source: 'pixel-evaluator',
    verdict: e.verdict ?? null,
    // A check with nothing to judge in this clip has no score, and neither passes nor fails.
    checks: e.checks.map((c) =>
      c.applicable === false
        ? { id: c.id, score: null, pass: null, reason: c.reason }
        : { id: c.id, score: Math.round(c.score * 1000) / 10, pass: c.pass, reason: c.reason },
    ),
  };
}
