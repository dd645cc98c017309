import { pick, seeded } from '../util/random';
import type { Analysis, Phenomenon } from './schema';
import type { TokenCounter } from './tokens';

export type Style = 'standard' | 'concise' | 'detailed' | 'cinematic';

const CINEMATIC = [
  'Filmed as a cinematic shot with a steady camera, natural lighting and realistic motion blur.',
  'Shot cinematically on a locked-off camera with soft natural light and true-to-life motion blur.',
  'Cinematic framing, steady camera, physically plausible lighting and motion blur.',
];
const THEN = ['Then', 'Next', 'After that'];

/** The same choice in a few words, for tight budgets. */
function shortCamera(analysis: Analysis): string {
  const ids = new Set(analysis.phenomena.map((p) => p.id));
  if (analysis.context.timeScale === 'slow' || ids.has('fracture') || ids.has('splashing')) return 'High-speed camera, hard side light.';
  if (analysis.context.timeScale === 'fast') return 'Time-lapse camera, soft light.';
  return 'Cinematic camera and light.';
}

/** Camera and light that suit the clip's time scale and what it shows. */
function cameraAndLight(analysis: Analysis, rng: () => number): string {
  const ids = new Set(analysis.phenomena.map((p) => p.id));
  if (analysis.context.timeScale === 'slow' || ids.has('fracture') || ids.has('splashing'))
    return 'Shot on a high-speed camera in crisp slow motion, low angle, hard side light that catches every fragment and droplet against a dark background.';
  if (
    analysis.context.timeScale === 'fast' ||
    ['melting', 'evaporation', 'oxidation', 'sublimation', 'deposition', 'dissolving'].some((id) => ids.has(id as never))
  )
    return 'Locked-off time-lapse camera, close-up, soft even diffused light so the slow change reads clearly from start to end.';
  if (['refraction', 'dispersion', 'scattering', 'interference', 'reflection', 'shadow'].some((id) => ids.has(id as never)))
    return 'Dark background, a single hard light source, slow dolly-in, shallow depth of field so the light itself is the subject.';
  if (ids.has('combustion') || ids.has('flame_color')) return 'Dim room lit only by the flame, macro lens, slow push-in, warm flicker on nearby surfaces.';
  return pick(rng, CINEMATIC);
}

const endSentence = (s: string) => (/[.!?…"')\]]$/u.test(s) ? s : `${s}.`);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The first clause of a sentence: what a concise prompt keeps of an outcome. */
function shorten(sentence: string): string {
  const cut = sentence.search(/[,;:](\s|$)/);
  return endSentence(cut > 20 ? sentence.slice(0, cut) : sentence);
}

/** Phenomena in the order they are shown, with the most important first when space is short. */
/** Backdrop phenomena: true but rarely the point of the prompt, so they give way first. */
const BACKDROP = new Set(['gravity', 'collision', 'friction', 'shadow', 'reflection']);

function byPriority(analysis: Analysis): Phenomenon[] {
  const rank = (p: Phenomenon) => (p.trigger.startsWith('implied') ? 2 : 0) + (BACKDROP.has(p.id) ? 1 : 0);
  return [...analysis.phenomena].sort((a, b) => rank(a) - rank(b));
}

/** How much of a style's extra text to include: mechanisms and constraints (detailed), the full or short camera line (cinematic). */
interface Extras {
  explained: number;
  constraints: boolean;
  camera: 'full' | 'short' | 'none';
}

function prose(original: string, chosen: Phenomenon[], analysis: Analysis, style: Style, rng: () => number, extras: Extras): string {
  const explained = extras.explained;
  const withReason = new Set(
    byPriority(analysis)
      .filter((p) => chosen.includes(p))
      .slice(0, explained),
  );
  const order = analysis.phenomena.filter((p) => chosen.includes(p));
  const sentences: string[] = [endSentence(original.trim())];
  order.forEach((p, i) => {
    const text = style === 'concise' ? shorten(p.consequence) : p.consequence;
    const connector = i > 0 && i === order.length - 1 && order.length > 2 ? 'Finally, ' : i > 0 && rng() < 0.5 ? `${pick(rng, THEN)}, ` : '';
    sentences.push(connector && !/^Then\b/.test(text) ? connector + lowerFirst(text) : text);
    if (style === 'detailed' && withReason.has(p)) sentences.push(p.explanation);
  });
  if (chosen.length === order.length) for (const note of analysis.outcomes ?? []) sentences.push(style === 'concise' ? shorten(note) : note);
  if (style === 'detailed' && extras.constraints) sentences.push(...analysis.constraints.slice(1, 3));
  if (style === 'cinematic' && extras.camera !== 'none') sentences.push(extras.camera === 'full' ? cameraAndLight(analysis, rng) : shortCamera(analysis));
  return sentences.join(' ');
}

export interface Composed {
  text: string;
  included: Phenomenon[];
  truncated: boolean;
}

/**
 * Writes the refined prompt: the user's words first, unchanged, then the predicted physical
 * behaviour as prose in the order it happens. Phenomena are dropped from least important until
 * the text fits the budget; if the original alone does not fit, it is cut at a word boundary.
 */
export function compose(original: string, analysis: Analysis, style: Style, budget: number, count: TokenCounter, seed: number): Composed {
  const ranked = byPriority(analysis);
  // Concise keeps the main outcomes only: backdrop physics goes unless it is all there is.
  const main = ranked.filter((p) => !BACKDROP.has(p.id) && !p.trigger.startsWith('implied'));
  let chosen = style === 'concise' ? (main.length > 0 ? main : ranked).slice(0, 2) : ranked;
  for (;;) {
    // Each style drops its own extras (mechanisms, constraints, the long camera line) before any outcome.
    const tries: Extras[] = [];
    if (style === 'detailed') {
      for (let explained = chosen.length; explained >= 0; explained--) tries.push({ explained, constraints: true, camera: 'none' });
      tries.push({ explained: 0, constraints: false, camera: 'none' });
    } else if (style === 'cinematic') {
      tries.push({ explained: 0, constraints: false, camera: 'full' }, { explained: 0, constraints: false, camera: 'short' });
      if (chosen.length > 0) tries.push({ explained: 0, constraints: false, camera: 'none' });
    } else tries.push({ explained: 0, constraints: false, camera: 'none' });
    for (const extras of tries) {
      const text = prose(original, chosen, analysis, style, seeded(seed), extras);
      if (count(text) <= budget) return { text, included: chosen, truncated: false };
    }
    if (style !== 'standard' && style !== 'concise' && chosen.length === 0) {
      // Even the bare original plus the style sentence is too long: fall back to the plain form.
      return compose(original, analysis, 'standard', budget, count, seed);
    }
    if (chosen.length === 0) break;
    chosen = chosen.slice(0, -1);
  }
  // The longest word prefix that fits; token counts grow with the prefix, so bisect.
  const words = original.trim().split(/\s+/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(words.slice(0, mid).join(' ')) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return { text: words.slice(0, lo).join(' '), included: [], truncated: true };
}
