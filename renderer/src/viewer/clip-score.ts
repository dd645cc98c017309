import type { Run } from '../../../shared/run/schema';

/**
 * The score shown for a clip wherever it appears (player label, breakdown, captions, exported
 * composite, history): the pixel evaluation's, measured from the clip's own frames; the path
 * metrics' only for runs made before the evaluator.
 */
export function clipScore(clip: Pick<Run['clips']['physics'], 'evaluation' | 'metrics'>): number {
  return clip.evaluation?.score ?? clip.metrics.score;
}
