import type { Refinement } from '../../../shared/refine/schema';
import { baselineChanges, runInputsKey } from '../../../shared/run/baseline-key';
import type { RenderSettings } from '../../../shared/run/render';
import type { GenerateSettings } from '../../../shared/run/schema';
import type { Scene } from '../../../shared/scene/schema';

/** What a generation request is made from (besides its job id and the image's name). */
export interface RunInputs {
  image: string;
  prompt: string;
  refinement: Refinement | null;
  scene: Scene;
  settings: GenerateSettings;
  /** For a render-tier run: the pack and its settings. */
  render?: RenderSettings | undefined;
}

/** The refinement a generation sends: the refined prompt (as the user edited it) when they chose it, else none. */
export function requestRefinement(refine: { use: 'refined' | 'original'; refinement: Refinement | null; edited: string | null }): Refinement | null {
  return refine.use === 'refined' && refine.refinement ? { ...refine.refinement, refined: refine.edited ?? refine.refinement.refined } : null;
}

/**
 * How the current inputs differ from those a shown run was made from:
 * - `none`: nothing a clip depends on changed;
 * - `physics`: only what the simulation reads changed, so regenerating the physics clip alone
 *   gives a pair made from the same inputs;
 * - `both`: something the baseline depends on changed too (`what` says which, in plain words),
 *   so only generating both again gives a matching pair.
 */
export type Staleness = { kind: 'none' } | { kind: 'physics' } | { kind: 'both'; what: string[] };

/** JSON with keys in order: settings restored from a run list them in the schema's order, not the store's. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export function staleness(made: RunInputs, now: RunInputs): Staleness {
  // The engine regenerates one clip with the run's own settings; new settings need both clips again.
  const changedSettings = stable(made.settings) !== stable(now.settings) || stable(made.render ?? null) !== stable(now.render ?? null);
  const settings = changedSettings ? ['the Render tab’s settings'] : [];
  const what = [...baselineChanges(made, now), ...settings];
  if (what.length > 0) return { kind: 'both', what };
  return runInputsKey(made) === runInputsKey(now) ? { kind: 'none' } : { kind: 'physics' };
}
