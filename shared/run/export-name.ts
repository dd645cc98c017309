/**
 * Export file names that say what they hold: the prompt as a slug, the seed and which clip,
 * e.g. `red-rubber-ball-rolls-off-the-seed7-physics.mp4`, rather than `composite.mp4`.
 */

const MAX_SLUG = 40;

export function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > MAX_SLUG) break;
    out = next;
  }
  return out || (words[0]?.slice(0, MAX_SLUG) ?? '');
}

export interface NamedRun {
  input: { prompt: string; name: string };
  settings: { seed: number };
  render?: unknown;
}

/** The stem (no extension) for one stream of a run; the input's name stands in for an empty prompt. */
export function exportStem(run: NamedRun, which: string, preset?: string): string {
  const subject = slug(run.input.prompt) || slug(run.input.name.replace(/\.[a-z0-9]+$/i, '')) || 'physstudio';
  const tier = run.render ? '-render' : '';
  const quality = preset && preset !== 'web' ? `-${preset}` : '';
  return `${subject}-seed${run.settings.seed}-${which}${tier}${quality}`;
}

export function exportFileName(run: NamedRun, which: string, ext: string, preset?: string): string {
  return `${exportStem(run, which, preset)}.${ext}`;
}
