import { useMemo } from 'react';
import { isDrawnInput } from '../../../shared/run/drawn-input';
import type { Run } from '../../../shared/run/schema';
import { useApi } from '../api/use-api';
import { useInput } from '../stores/input';
import { useModels } from '../stores/models';
import { useRefine } from '../stores/refine';
import { chooseRender, useRender } from '../stores/render';
import { useRun } from '../stores/run';
import { requestRefinement, type Staleness, staleness } from '../stores/run-inputs';
import { useScene } from '../stores/scene';

function sentence(what: string[]): string {
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : (what[0] ?? '');
  return list.charAt(0).toUpperCase() + list.slice(1);
}

export type RunStaleness = Staleness | { kind: 'render' } | { kind: 'image' };

/** How the inputs on screen differ from those the shown run was made from. */
export function useStaleness(run: Run): RunStaleness {
  const madeFrom = useRun((s) => s.madeFrom);
  const settings = useRun((s) => s.settings);
  const scene = useScene((s) => s.scene);
  const imagePath = useScene((s) => s.imagePath);
  const image = useInput((s) => s.image);
  const prompt = useInput((s) => s.prompt);
  const use = useRefine((s) => s.use);
  const refinement = useRefine((s) => s.refinement);
  const edited = useRefine((s) => s.edited);
  const tier = useRender((s) => s.tier);
  const packId = useRender((s) => s.packId);
  const saved = useRender((s) => s.byPack);
  const packs = useModels((s) => s.packs);
  return useMemo<RunStaleness>(() => {
    // Another picture (or none) is a new scene altogether: these clips show something else.
    if (!image || (imagePath && imagePath !== run.input.image)) return { kind: 'image' };
    if (!madeFrom || !scene || !imagePath) return { kind: 'none' };
    const render = tier === 'render' ? chooseRender(packs, packId, saved)?.settings : undefined;
    const now = staleness(madeFrom, { image: imagePath, prompt, refinement: requestRefinement({ use, refinement, edited }), scene, settings, render });
    // A neural render is made whole: any change means rendering both clips again.
    return now.kind !== 'none' && run.render ? { kind: 'render' } : now;
  }, [madeFrom, image, scene, imagePath, run.input.image, run.render, prompt, use, refinement, edited, settings, tier, packId, saved, packs]);
}

/**
 * Says when the inputs changed since the shown clips were made, and offers the one action that
 * keeps the pair honest: regenerating only the physics clip when only the physics changed (the
 * baseline does not depend on it), else generating both again.
 */
export function StaleBanner({ run, state }: { run: Run; state: RunStaleness }) {
  const api = useApi();
  const busy = useRun((s) => s.busy);
  const generate = useRun((s) => s.generate);
  const tier = useRender((s) => s.tier);
  const image = useInput((s) => s.image);
  if (state.kind === 'none') return null;
  return (
    <div className="viewer__stale" role="status" data-testid="stale-banner">
      <span className="stale-badge" data-testid="stale-badge">
        Stale
      </span>
      {state.kind === 'image' ? (
        <>
          These clips were made from {isDrawnInput(run.input) ? 'a scene drawn from their prompt' : run.input.name}, not from the picture now loaded
          {image ? '' : ' (none is)'}.
          {image && (
            <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => void generate(api)} data-testid="regenerate-both">
              Generate from the new picture
            </button>
          )}
        </>
      ) : state.kind === 'render' ? (
        <>
          The scene, the prompt or the settings changed since these clips were rendered; a video model makes both clips together.
          <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => void generate(api)} data-testid="regenerate-both">
            {tier === 'render' ? 'Render both again' : 'Generate both again'}
          </button>
        </>
      ) : state.kind === 'physics' ? (
        <>
          The physics changed since these clips were made; the baseline does not depend on it.
          <button
            type="button"
            className="btn btn--small btn--primary"
            disabled={busy}
            onClick={() => void generate(api, 'physics')}
            data-testid="regenerate-physics"
          >
            Regenerate physics clip
          </button>
        </>
      ) : (
        <>
          {sentence(state.what)} changed since these clips were made, and the baseline depends on {state.what.length > 1 ? 'them' : 'it'}.
          <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => void generate(api)} data-testid="regenerate-both">
            Generate both again
          </button>
        </>
      )}
    </div>
  );
}
