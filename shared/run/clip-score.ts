import type { Clip, Variant } from './schema';

/**
 * The score shown for a clip wherever it appears (player label, breakdown, captions, the
 * composite the app or the engine builds, history, the CLI): the pixel evaluation's, measured
 * from the clip's own frames; the path metrics' only for runs made before the evaluator.
 */
export function clipScore(clip: Pick<Clip, 'evaluation' | 'metrics'>): number {
  return clip.evaluation?.score ?? clip.metrics.score;
}

/** What each side of a side-by-side composite is called. */
export const CLIP_NAMES: Record<Variant, string> = { baseline: 'Baseline: no physics conditioning', physics: 'Physics-conditioned' };

/** The label over one side of a composite: the clip's name and its shown score. */
export function clipLabel(clip: Pick<Clip, 'variant' | 'evaluation' | 'metrics'>): string {
  return `${CLIP_NAMES[clip.variant]} · score ${Math.round(clipScore(clip))}`;
}
