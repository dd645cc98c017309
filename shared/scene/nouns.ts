import nlp from 'compromise';
import { materialByWord } from '../refine/kb/materials';
import { COLOUR_WORDS } from './priors';

/**
 * The things a prompt names, as noun phrases: only these may become object labels. Verbs
 * ("falls"), adverbs, directions ("left") and places ("sky") never do, whatever a tagger says:
 * prompts are short and taggers misread them ("The orange falls" tags "falls" as a plural noun).
 */
export interface NounPhrase {
  /** The words of the phrase as written, lower case ("red soccer ball"). */
  text: string;
  /** Head noun, singular, lower case ("soccer ball": compounds keep their modifier noun). */
  noun: string;
  colour?: string;
  size?: 'big' | 'small';
  /** A position named with it: "the cup on the left", "the left cup". */
  /** Front is nearest the camera (lowest in the picture), back the farthest. */
  position?: 'left' | 'right' | 'top' | 'bottom' | 'front' | 'back';
  /** "a glass of water": water's container is glass. */
  containedIn?: string;
  /** A size the prompt states for it, metres ("a 30 cm ball"). */
  statedSizeM?: number;
  /** Index of its head word in the prompt's words, for ordering. */
  at: number;
}

/** Motion and action verbs, as lemmas; their inflections are never object nouns after a noun. */
const VERBS = new Set(
  'fall drop bounce roll slide slip tip topple tumble fly launch jump leap hop pass kick throw toss hit strike push pull shove spin swing sink float pour spill break shatter crash collide move rise lift land knock flip swirl wobble rock sway glide skid dribble shoot catch hurl fling bump tilt crack burst melt splash explode lean hang rest sit stand lie stay settle wait start stop go come run walk play hold carry bat serve volley take march drift hover orbit climb descend accelerate slow turn rotate twist bend stretch squash squeeze compress collapse freeze boil light glow shine give get put place set make let keep see look watch seem appear remain become tip trickle drip flow fill empty open close shake vibrate wobble dive swim sail drive ride race chase follow lead kick catch fetch bite grab drag lower raise'.split(
    ' ',
  ),
);
/** Verbs whose motion goes to what they act on ("they kick the ball": the ball moves). */
export const TRANSITIVE = new Set(
  'pass kick throw toss hit strike push pull shove knock flip dribble shoot hurl fling bat serve volley drop launch lift carry'.split(' '),
);
/** Words for where, never what. */
const PLACES = new Set(
  'sky air space left right top bottom middle center centre side edge corner distance background foreground horizon above below ground floor way front back rear direction camera picture image photo frame scene view air distance height mid midair mid-air surface place area hill slope road street field pitch court grass lawn wall room kitchen park beach sea ocean lake river pool stage world earth moon planet orbit night day morning sunlight sunset'.split(
    ' ',
  ),
);
/** Pronouns, abstractions and time words: never a region of the picture. */
const NOT_THINGS = new Set(
  'i me you he she it we they him her us them someone somebody something anyone anything everyone everything nobody nothing there here gravity force speed velocity motion movement time second seconds minute moment way slow-motion while bit lot few couple times end start beginning impact momentum energy weight power spin push pull kick hit throw'.split(
    ' ',
  ),
);
/** Worn things: "the guy in the red shirt" names the guy; the shirt describes him. */
const WORN = new Set(
  'shirt t-shirt sweatshirt hoodie sweater jumper hat cap beanie coat jacket uniform dress skirt jeans trousers pants shorts boots shoes scarf gloves glasses sunglasses helmet suit tie apron'.split(
    ' ',
  ),
);
const DETERMINERS = new Set(
  'a an the this that these those one two three four five some several many its their his her my our your each every another'.split(' '),
);
const SIZE_WORDS: Record<string, 'big' | 'small'> = {
  big: 'big',
  large: 'big',
  huge: 'big',
  giant: 'big',
  small: 'small',
  tiny: 'small',
  little: 'small',
  mini: 'small',
};
const STOP = new Set(
  'and or of on in into onto to from off over under with at by as then while when after before it they them he she we you is are was were be been being slowly quickly gently fast hard very across toward towards through down up out around along against near beside behind between'.split(
    ' ',
  ),
);
const POSITIONS = new Set(['left', 'right', 'top', 'bottom', 'front', 'back']);
/** Auxiliaries and negations ("the flower doesn't move"): grammar, never a thing, whatever stands before a verb. */
const AUXILIARY =
  /^(?:do|does|did|don't|doesn't|didn't|will|won't|would|wouldn't|can't|cannot|could|couldn't|should|shouldn't|must|might|may|shall|has|have|had|hasn't|haven't|isn't|aren't|wasn't|weren't|not|just|still|never|also)$/;

const IRREGULAR: Record<string, string> = {
  men: 'man',
  women: 'woman',
  people: 'person',
  children: 'child',
  knives: 'knife',
  leaves: 'leaf',
  mice: 'mouse',
  geese: 'goose',
  feet: 'foot',
  teeth: 'tooth',
  dice: 'die',
};

const singulars = new Map<string, string>();

export function singular(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word] as string;
  if (word.length > 3 && /(ss|us|is)$/.test(word)) return word;
  const cached = singulars.get(word);
  if (cached) return cached;
  const s = nlp(word).nouns().toSingular().text().toLowerCase();
  const out = s && s !== word ? s : word.replace(/(?<=[^s])s$/, '');
  if (singulars.size < 5000) singulars.set(word, out);
  return out;
}

function lemma(word: string): string {
  for (const [suffix, replace] of [
    ['ies', 'y'],
    ['ing', ''],
    ['es', ''],
    ['ed', ''],
    ['s', ''],
    ['ing', 'e'],
    ['es', 'e'],
    ['ed', 'e'],
  ] as const) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length) + replace;
      if (VERBS.has(stem)) return stem;
      // Doubled consonant: "dropped", "hopping".
      if (VERBS.has(stem.slice(0, -1)) && stem.at(-1) === stem.at(-2)) return stem.slice(0, -1);
    }
  }
  return word;
}

const UNITS: Record<string, number> = { mm: 0.001, cm: 0.01, m: 1, metre: 1, meter: 1, metres: 1, meters: 1, inch: 0.0254, inches: 0.0254, in: 0.0254 };

export interface PromptParse {
  phrases: NounPhrase[];
  /** Verb lemmas in order, with the phrase before and after each. */
  verbs: Array<{ verb: string; subject?: NounPhrase; object?: NounPhrase }>;
}

/**
 * Splits a prompt into noun phrases. A word is a head noun when the tagger calls it a noun (or
 * it names a thing we know) and it is not a verb by position (a verb right after a noun), not a
 * place or direction, not a colour used as an adjective before another noun.
 */
export function parsePrompt(prompt: string, known: (noun: string) => boolean = () => false): PromptParse {
  const words = prompt
    .toLowerCase()
    .replace(/[^a-z0-9.'\- ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/\.$/, ''));
  const terms = nlp(prompt).json({ terms: { tags: true } }) as Array<{ terms: Array<{ normal: string; tags: string[] }> }>;
  const tagged = new Map<string, string[]>();
  for (const s of terms) for (const t of s.terms) if (!tagged.has(t.normal)) tagged.set(t.normal, t.tags);
  type Kind = 'noun' | 'verb' | 'adj' | 'det' | 'place' | 'num' | 'stop';
  const kinds: Kind[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const prev = kinds[i - 1];
    const tags = tagged.get(w) ?? [];
    if (/^\d+(\.\d+)?$/.test(w)) kinds.push('num');
    else if (prev === 'num' && UNITS[w] !== undefined) kinds.push('stop');
    else if (DETERMINERS.has(w)) kinds.push('det');
    else if (PLACES.has(w)) kinds.push('place');
    else if (STOP.has(w) || AUXILIARY.test(w)) kinds.push('stop');
    else if (VERBS.has(lemma(w)) && !(prev === 'det' || prev === 'adj') && !known(singular(w))) kinds.push('verb');
    else if (VERBS.has(lemma(w)) && prev === 'noun') kinds.push('verb');
    else if (NOT_THINGS.has(w)) kinds.push('stop');
    else if (SIZE_WORDS[w] || (COLOUR_WORDS[w] && !known(w))) kinds.push('adj');
    else if (known(singular(w)) || tags.includes('Noun')) kinds.push('noun');
    // "pencil rolls": a word right before one of our motion verbs is its subject, whatever the tagger says.
    else if (tags.includes('Verb') && prev !== 'det' && prev !== 'adj' && !VERBS.has(lemma(words[i + 1] ?? ''))) kinds.push('verb');
    else if (tags.includes('Verb')) kinds.push('noun');
    else if (tags.includes('Adjective')) kinds.push('adj');
    else kinds.push('stop');
  }
  // A colour or material that is also a thing ("orange", "glass", "steel") is an adjective when
  // another noun follows it directly: "an orange ball", "a steel box".
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (kinds[i] === 'noun' && (COLOUR_WORDS[w] || materialByWord(w)) && kinds[i + 1] === 'noun') kinds[i] = 'adj';
  }

  const phrases: NounPhrase[] = [];
  const verbs: PromptParse['verbs'] = [];
  let i = 0;
  let last: NounPhrase | undefined;
  let firstSinceVerb: NounPhrase | undefined;
  while (i < words.length) {
    if (kinds[i] === 'verb') {
      // The clause's subject is its first phrase: "the glass on the bar tips" is about the glass.
      const subject = firstSinceVerb ?? last;
      verbs.push({ verb: lemma(words[i] as string), ...(subject ? { subject } : {}) });
      firstSinceVerb = undefined;
      i++;
      continue;
    }
    if (kinds[i] !== 'noun' && kinds[i] !== 'adj' && kinds[i] !== 'num') {
      i++;
      continue;
    }
    const start = i;
    while (
      i < words.length &&
      (kinds[i] === 'adj' || kinds[i] === 'num' || (kinds[i] === 'stop' && UNITS[words[i] as string] !== undefined && kinds[i - 1] === 'num'))
    )
      i++;
    const nounStart = i;
    while (i < words.length && kinds[i] === 'noun') i++;
    if (i === nounStart) continue;
    const modifiers = words.slice(start, nounStart);
    const nouns = words.slice(nounStart, i).map((w, k, all) => (k === all.length - 1 ? singular(w) : w));
    // Compounds keep a known two-word name ("soccer ball"), else the last noun is the head.
    const two = nouns.slice(-2).join(' ');
    const noun = nouns.length >= 2 && known(two) ? two : (nouns.at(-1) as string);
    const phrase: NounPhrase = { text: words.slice(start, i).join(' '), noun, at: i - 1 };
    const colour = modifiers.find((w) => COLOUR_WORDS[w]);
    if (colour) phrase.colour = colour;
    const size = modifiers.find((w) => SIZE_WORDS[w]);
    if (size) phrase.size = SIZE_WORDS[size] as 'big' | 'small';
    const number = modifiers.findIndex((w) => /^\d/.test(w));
    const unit = number >= 0 ? UNITS[modifiers[number + 1] ?? ''] : undefined;
    if (number >= 0 && unit) phrase.statedSizeM = Number(modifiers[number]) * unit;
    // "the left cup" / "the cup on the left".
    const before = words[start - 1];
    if (before && POSITIONS.has(before)) phrase.position = before as NounPhrase['position'];
    const after = words.slice(i, i + 4).join(' ');
    const m = /^(?:on|at|to|in) (?:the )?(left|right|top|bottom|front|back)\b/.exec(after);
    if (m && !phrase.position) phrase.position = m[1] as NounPhrase['position'];
    // "a glass of water": a container holding its contents, two phrases.
    if (words[start - 1] === 'of' || (words[start - 1] && DETERMINERS.has(words[start - 1] as string) && words[start - 2] === 'of')) {
      const container = phrases.at(-1);
      if (container && container.at >= start - 3) phrase.containedIn = container.noun;
    }
    // "the guy in the red shirt", "a man with a hat": clothing describes the one before it.
    const linked = words.slice(Math.max(0, start - 4), start).some((w) => w === 'in' || w === 'with' || w === 'wearing');
    if (WORN.has(noun) && last && linked) continue;
    phrases.push(phrase);
    firstSinceVerb ??= phrase;
    const openVerb = verbs.at(-1);
    if (openVerb && !openVerb.object && (openVerb.subject === undefined || openVerb.subject !== phrase)) openVerb.object = phrase;
    last = phrase;
  }
  return { phrases, verbs };
}
