import nlp from 'compromise';

export interface Token {
  text: string;
  /** Lower-case word without punctuation. */
  norm: string;
  /** Root form when compromise knows one (infinitive verb, singular noun), else `norm`. */
  lemma: string;
  tags: Set<string>;
  /** Whether a negation word governs it ("does not break", "without gravity"). */
  negated: boolean;
  /** Punctuation after the word ends a clause. */
  clauseEnd: boolean;
  /** Could be a noun or a verb ("a ball roll across"): compromise had to guess. */
  nounOrVerb: boolean;
}

export interface NounPhrase {
  /** Words as written, without leading determiner or number ("red rubber ball"). */
  text: string;
  /** Head noun, singular, lower case ("ball"); compound heads kept ("ice cube"). */
  head: string;
  words: string[];
  plural: boolean;
  start: number;
  end: number;
  /** Follows a preposition ("off the table"): an object or place, rarely the one acting. */
  prepositional: boolean;
  /** Joined to the previous phrase by "and" ("an iron block and a wooden block"). */
  coordinated: boolean;
  /** The part after "of" in "a glass of water": contents of a container, substance of a measure. */
  ofContents?: boolean;
}

export interface Parsed {
  tokens: Token[];
  nounPhrases: NounPhrase[];
  /** " a red ball fall off the table " — lemmas joined, padded for whole-word phrase search. */
  lemmaText: string;
  /** The prompt lower-cased with punctuation as spaces, padded the same way. */
  plainText: string;
}

const NEGATORS = new Set([
  'not',
  "n't",
  'never',
  'no',
  'without',
  'nor',
  'cannot',
  "doesn't",
  "don't",
  "didn't",
  "won't",
  "isn't",
  "aren't",
  "wasn't",
  'neither',
  'nothing',
]);
const EDGE_WORDS = new Set([
  'over',
  'off',
  'onto',
  'into',
  'on',
  'in',
  'under',
  'above',
  'across',
  'through',
  'below',
  'beside',
  'outside',
  'inside',
  'behind',
  'nearby',
  'away',
  'down',
  'up',
  'around',
]);
const CLAUSE_BREAKS = new Set(['and', 'but', 'then', 'while', 'so', 'before', 'after', 'until', 'as']);
const NEGATION_REACH = 3;
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'some',
  'its',
  'his',
  'her',
  'their',
  'my',
  'your',
  'our',
  'each',
  'every',
  'another',
]);

interface TermJson {
  text: string;
  normal: string;
  post: string;
  tags: string[];
  root?: string;
  /** Set by compromise when a word could be either part of speech ("roll"). */
  switch?: string;
}

function clean(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, '');
}

/**
 * Tokenises, lemmatises and chunks a prompt with compromise; pure and deterministic.
 * `isEventVerb` names verbs the caller knows describe events ("falls", "shatters"): compromise
 * sometimes reads "a glass falls" as a compound noun, like "Niagara Falls".
 */
export function parse(text: string, isEventVerb: (lemma: string) => boolean = () => false): Parsed {
  const doc = nlp(text);
  doc.compute('root');
  const sentences = doc.json({ text: false, normal: false, terms: { normal: true } }) as Array<{ terms: TermJson[] }>;
  const tokens: Token[] = [];
  for (const sentence of sentences) {
    for (const term of sentence.terms) {
      const norm = clean(term.normal ?? term.text);
      if (!norm) continue;
      tokens.push({
        text: term.text,
        norm,
        lemma: clean(term.root ?? '') || norm,
        tags: new Set(term.tags),
        negated: false,
        clauseEnd: /[.,;:!?]/.test(term.post ?? ''),
        nounOrVerb: term.switch === 'Noun|Verb',
      });
    }
    const last = tokens.at(-1);
    if (last) last.clauseEnd = true;
  }
  // A negator reaches a few words ahead, but not across a clause boundary.
  tokens.forEach((token, i) => {
    if (!NEGATORS.has(token.norm) && !token.norm.endsWith("n't")) return;
    for (let j = i + 1; j < Math.min(tokens.length, i + 1 + NEGATION_REACH); j++) {
      const next = tokens[j] as Token;
      if (CLAUSE_BREAKS.has(next.norm)) break;
      next.negated = true;
      if (next.clauseEnd) break;
    }
  });

  const nounPhrases: NounPhrase[] = [];
  // Map compromise's noun chunks back onto our token list by walking the words in order.
  let cursor = 0;
  for (const np of doc.nouns().json({ text: false, normal: false, terms: { normal: true } }) as Array<{ terms: TermJson[] }>) {
    const words = np.terms.map((t) => clean(t.normal ?? t.text)).filter(Boolean);
    if (words.length === 0) continue;
    const start = tokens.findIndex((t, i) => i >= cursor && t.norm === words[0]);
    if (start < 0) continue;
    let end = start + words.length - 1;
    cursor = end + 1;
    const phraseTokens = tokens.slice(start, end + 1);
    const content = phraseTokens.filter((t) => !DETERMINERS.has(t.norm) && !t.tags.has('Value') && !t.tags.has('Emoji'));
    let nouns = content.filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun'));
    // "two wooden balls roll across": a trailing noun-or-verb after another noun is the verb.
    const last = nouns.at(-1);
    const next = tokens[end + 1];
    const verbContext = next !== undefined && (next.tags.has('Preposition') || next.tags.has('Adverb') || next.tags.has('Determiner'));
    if (nouns.length >= 2 && last && last === content.at(-1) && ((last.nounOrVerb && verbContext) || (last.tags.has('Plural') && isEventVerb(last.lemma)))) {
      nouns = nouns.slice(0, -1);
      last.tags.delete('Noun');
      last.tags.add('Verb');
      end -= 1;
      content.pop();
    }
    // "a tall glass of water", "a spoonful of sugar": two things, the container or measure and its contents.
    // "an aspirin tablet in a glass": compromise sometimes spans a preposition; split there too.
    const cuts = phraseTokens
      .map((t, k) => (k > 0 && k < phraseTokens.length - 1 && (t.norm === 'of' || t.tags.has('Preposition')) ? k : -1))
      .filter((k) => k > 0);
    if (cuts.length > 0) {
      const split: Token[][] = [];
      const after: boolean[] = [];
      let from = 0;
      for (const cut of [...cuts, phraseTokens.length]) {
        split.push(phraseTokens.slice(from, cut));
        after.push(from > 0 && phraseTokens[from - 1]?.norm === 'of');
        from = cut + 1;
      }
      split.forEach((part, k) => {
        if (part.length === 0) return;
        const partContent = part.filter(
          (t, i) =>
            !DETERMINERS.has(t.norm) && !t.tags.has('Value') && !t.tags.has('Preposition') && !((i === 0 || i === part.length - 1) && EDGE_WORDS.has(t.norm)),
        );
        const partNouns = partContent.filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun'));
        const head = partNouns.at(-1) ?? partContent.at(-1);
        if (!head) return;
        const prev = partNouns.at(-2);
        const compound = prev && partContent.indexOf(prev) === partContent.indexOf(head) - 1 ? `${prev.lemma} ${head.lemma}` : undefined;
        const partStart = tokens.indexOf(part[0] as Token);
        nounPhrases.push({
          text: partContent.map((t) => t.norm).join(' '),
          head: compound ?? head.lemma,
          words: partContent.map((t) => t.lemma),
          plural: head.tags.has('Plural'),
          start: partStart,
          end: partStart + part.length - 1,
          prepositional: k > 0 || (tokens[partStart - 1]?.tags.has('Preposition') ?? false),
          coordinated: false,
          ofContents: after[k] ?? false,
        });
      });
      continue;
    }
    const headToken = nouns.at(-1);
    if (!headToken) continue;
    const before = nouns.at(-2);
    const compound = before && content.indexOf(before) === content.indexOf(headToken) - 1 ? `${before.lemma} ${headToken.lemma}` : undefined;
    // Words compromise leaves at a phrase's edges ("over glass jars", "the counter below") are not part of the thing.
    const content2 = content.filter(
      (t, k) => !t.tags.has('Preposition') && !(k === 0 && EDGE_WORDS.has(t.norm)) && !(k === content.length - 1 && k > 0 && EDGE_WORDS.has(t.norm)),
    );
    nounPhrases.push({
      text: content2.map((t) => t.norm).join(' '),
      head: compound ?? headToken.lemma,
      words: content2.map((t) => t.lemma),
      plural: headToken.tags.has('Plural'),
      start,
      end,
      prepositional: tokens[start - 1]?.tags.has('Preposition') ?? false,
      coordinated: tokens[start - 1]?.norm === 'and' && nounPhrases.at(-1)?.end === start - 2,
      ofContents: tokens[start - 1]?.norm === 'of',
    });
  }

  return {
    tokens,
    nounPhrases,
    lemmaText: ` ${tokens.map((t) => t.lemma).join(' ')} `,
    plainText: ` ${text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}'-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()} `,
  };
}
