import { useInput } from '../stores/input';
import { estimate, formatDuration } from '../stores/rates';
import { chosenRender, useRender } from '../stores/render';
import { plannedWork, useRun } from '../stores/run';

/** What a Generate will take on this machine, from the rates its own earlier runs measured. */
export function useEstimate(): { text: string; ms: number | null } {
  const image = useInput((s) => s.image);
  const settings = useRun((s) => s.settings);
  const history = useRun((s) => s.history);
  const tier = useRender((s) => s.tier);
  useRender((s) => s.byPack);
  void history; // re-read the rates after each run
  const chosen = tier === 'render' ? chosenRender() : null;
  if (tier === 'render' && !chosen) return { text: '', ms: null };
  const e = estimate(tier, plannedWork(image, settings, chosen?.settings));
  if (!e) return { text: 'The first run measures how long runs take on this machine; later ones show an estimate here.', ms: null };
  return {
    text: `About ${formatDuration(e.totalMs)} for both clips at these settings (measured from ${e.runs} earlier ${e.runs === 1 ? 'run' : 'runs'} here).`,
    ms: e.totalMs,
  };
}

export function Estimate() {
  const { text, ms } = useEstimate();
  if (!text) return null;
  return (
    <span className="muted small" data-testid="estimate" data-estimate-ms={ms ?? ''}>
      {text}
    </span>
  );
}
