import type { Parsed } from './parse';
import type { Phenomenon } from './schema';

const STOPWORDS = new Set(
  'a an the of on in into onto off at to from with and or but then is are was were be been being it its they their them this that these those as by for so very just also there here which who what'.split(
    ' ',
  ),
);

/** Lower case without accents: compromise folds "glaçon" to "glacon", so both sides must. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).map(fold));
}

/** The original's content words (entities, actions, style words): what must survive refinement. */
export function contentWords(parsed: Parsed): string[] {
  return [...new Set(parsed.tokens.filter((t) => !STOPWORDS.has(t.norm) && !t.tags.has('Pronoun') && !t.tags.has('Auxiliary')).map((t) => t.norm))];
}

/** Share of the original's content words that the refined prompt still contains (1 when there are none). */
export function intentKept(content: string[], refined: string): number {
  if (content.length === 0) return 1;
  const present = words(refined);
  return content.filter((w) => present.has(fold(w))).length / content.length;
}

/** A consequence counts as stated when most of its distinctive words appear in the refined prompt. */
export function statesConsequence(refinedWords: Set<string>, consequence: string): boolean {
  const key = [...words(consequence)].filter((w) => w.length > 3 && !STOPWORDS.has(w));
  if (key.length === 0) return true;
  return key.filter((w) => refinedWords.has(w)).length / key.length >= 0.6;
}

/** Share of detected phenomena whose consequence the refined prompt states (0 when none were recognised: nothing is covered). */
export function physicsCovered(phenomena: Phenomenon[], refined: string): number {
  if (phenomena.length === 0) return 0;
  const present = words(refined);
  return phenomena.filter((p) => statesConsequence(present, p.consequence)).length / phenomena.length;
}
