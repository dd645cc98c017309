import { readConditions } from './conditions';
import { type Inferred, infer, type Thing } from './infer';
import { CONTEXT_RULES } from './kb/contexts';
import { type Material, materialByName, materialByWord } from './kb/materials';
import { CONTAINER_NOUNS, MEASURE_NOUNS, NON_PHYSICAL_NOUNS, OBJECT_DENSITY, OBJECT_MATERIALS, PLACE_NOUNS } from './kb/objects';
import { type Actor, type PhenomenonRule, RULES, RULES_BY_ID, type RuleMatch } from './kb/phenomena';
import { type NounPhrase, type Parsed, parse, type Token } from './parse';
import type { Action, Analysis, Context, Entity, Phenomenon, SceneHint } from './schema';
import { branchOf, type PhenomenonId } from './taxonomy';

export const MAX_ANALYSED_CHARS = 2000;
const MAX_ENTITIES = 16;

interface Located {
  entity: Entity;
  np: NounPhrase | undefined;
  actor: Actor;
}

function findMaterial(np: NounPhrase): Material | undefined {
  // Two-word names first: "dry ice", "copper sulfate", "baking soda", "lemon juice".
  const surface = np.text.split(' ');
  for (const words of [surface, np.words]) {
    for (let i = 0; i + 1 < words.length; i++) {
      const pair = `${words[i]} ${words[i + 1]}`;
      const material = materialByWord(pair) ?? materialByName(OBJECT_MATERIALS[pair] ?? '');
      if (material) return material;
    }
  }
  // Modifiers name the material ("rubber ball", "glass of water" is handled as two phrases).
  const objectMaterial = OBJECT_MATERIALS[np.head] ?? OBJECT_MATERIALS[np.words.at(-1) ?? ''];
  for (const word of np.words.slice(0, -1)) {
    const material = materialByWord(word);
    // "wine glass", "water bottle", "milk jug": a liquid before a known object says what it is for.
    if (material && objectMaterial && (material.state === 'liquid' || material.state === 'gas')) continue;
    if (material) return material;
  }
  const byObject = OBJECT_MATERIALS[np.head] ?? OBJECT_MATERIALS[np.words.at(-1) ?? ''];
  if (byObject) return materialByName(byObject);
  return materialByWord(np.head) ?? materialByWord(np.words.at(-1) ?? '');
}

/** "glass marble" names a marble made of glass; "ice cube" is an object in its own right. */
function objectHead(head: string, words: string[] = []): string {
  const pair = words.slice(-2).join(' ');
  if (words.length >= 2 && OBJECT_MATERIALS[pair]) return pair;
  const [first, ...rest] = head.split(' ');
  return rest.length > 0 && !OBJECT_MATERIALS[head] && first && materialByWord(first) ? rest.join(' ') : head;
}

const MOLTEN = /\b(melted|molten|liquid|runny)\b/;
const POWDER = /\b(granules?|powder|grounds|crystals?|grains?|flakes?)\b/;

function stateOf(text: string, material: Material | undefined): Entity['state'] {
  if (!material) return 'rigid';
  if (MOLTEN.test(text) && material.state !== 'gas') return 'liquid';
  if (POWDER.test(text) && material.state === 'liquid') return 'granular';
  return material.state;
}

function entityFrom(text: string, noun: string, material: Material | undefined, source: Entity['source']): Entity {
  // "frozen lake", "frozen pond": the water is ice.
  if (/\bfrozen\b/.test(text) && material?.name === 'water') material = materialByName('ice');
  return {
    text,
    noun,
    material: material?.name ?? null,
    state: stateOf(text, material),
    properties: {
      density: OBJECT_DENSITY[noun] ?? OBJECT_DENSITY[text] ?? material?.density ?? null,
      elasticity: material && material.state !== 'liquid' && material.state !== 'gas' ? material.restitution : null,
      friction: material && material.state !== 'liquid' && material.state !== 'gas' ? material.friction : null,
      brittleness: material && material.state !== 'liquid' && material.state !== 'gas' ? material.brittleness : null,
    },
    source,
  };
}

function actorOf(entity: Entity, plural: boolean): Actor {
  const last = entity.noun.split(' ').at(-1) ?? entity.noun;
  return {
    name: `the ${entity.text}`,
    plural,
    material: entity.material,
    density: entity.properties.density,
    state: entity.state,
    fixed: FIXED_NOUNS.has(entity.noun) || FIXED_NOUNS.has(last),
  };
}

function collectEntities(parsed: Parsed, scene: SceneHint | undefined): Located[] {
  const located: Located[] = [];
  const phrases = parsed.nounPhrases;
  phrases.forEach((np, i) => {
    if (located.length >= MAX_ENTITIES) return;
    const next = phrases[i + 1];
    const lastWord = np.head.split(' ').at(-1) ?? np.head;
    // "a spoonful of sugar" names the sugar; "a glass of water" names a glass holding water.
    const ofNext = parsed.tokens[np.end + 1]?.norm === 'of';
    if (ofNext && (MEASURE_NOUNS.has(np.head) || MEASURE_NOUNS.has(lastWord)) && !(np.words.length > 1 && OBJECT_MATERIALS[np.head])) return;
    if (NON_PHYSICAL_NOUNS.has(np.head) || NON_PHYSICAL_NOUNS.has(np.text) || NON_PHYSICAL_NOUNS.has(lastWord) || np.head.length < 2) return;
    if (PLACE_NOUNS.has(np.head) || PLACE_NOUNS.has(lastWord)) return;
    // A verb compromise read as a noun ("the glass falls"): an event word alone is not a thing.
    const token = parsed.tokens[np.end];
    const afterNoun = phrases[i - 1]?.end === np.start - 1;
    const known = OBJECT_MATERIALS[np.head] !== undefined || materialByWord(np.head) !== undefined;
    if (np.words.length === 1 && token && !known && ((token.tags.has('Verb') && !token.tags.has('Noun')) || afterNoun || isEventVerb(np.head))) {
      if (token.tags.has('Verb') || isEventVerb(np.head)) return;
    }
    const head = objectHead(np.head, np.words);
    // "the ball" again is the same ball; "a wooden block" beside "an iron block" is another one.
    if (located.some((l) => l.entity.noun === head && (np.words.length === 1 || l.entity.text === np.text))) return;
    const entity = entityFrom(np.text, head, findMaterial(np), 'prompt');
    if (ofNext && next && (CONTAINER_NOUNS.has(np.head) || CONTAINER_NOUNS.has(lastWord))) {
      entity.contents = objectHead(next.head);
      // "a bath of mercury": the bath holds the liquid named, not water.
      if (entity.state === 'liquid') Object.assign(entity, entityFrom(np.text, head, undefined, 'prompt'), { contents: entity.contents });
    }
    located.push({ entity, np, actor: actorOf(entity, np.plural) });
  });
  // Known things compromise read as verbs ("wooden blocks is bumped", "an iron nail left"):
  // a known object or material word after an article, adjective or material is a thing too.
  const covered = new Set(phrases.flatMap((np) => Array.from({ length: np.end - np.start + 1 }, (_, k) => np.start + k)));
  parsed.tokens.forEach((t, i) => {
    if (covered.has(i) || located.length >= MAX_ENTITIES) return;
    const prev = parsed.tokens[i - 1];
    const singular = t.norm.endsWith('s') && OBJECT_MATERIALS[t.norm.slice(0, -1)] ? t.norm.slice(0, -1) : t.norm;
    if (!OBJECT_MATERIALS[singular] || !prev) return;
    const nounContext =
      /^(a|an|the|of|some|two|three|wooden|metal|plastic|glass|steel|iron|rubber|old|small|big|large|tall|heavy)$/.test(prev.norm) ||
      materialByWord(prev.norm) !== undefined ||
      prev.tags.has('Adjective');
    if (!nounContext) return;
    const modifier = prev.tags.has('Adjective') || materialByWord(prev.norm) ? `${prev.norm} ` : '';
    if (located.some((l) => l.entity.noun === singular)) return;
    // "an iron nail": compromise made "iron" a phrase of its own; the nail replaces it.
    const alone = located.findIndex((l) => modifier && l.np?.end === i - 1 && l.entity.text === prev.norm);
    if (alone >= 0) located.splice(alone, 1);
    const material = (modifier && materialByWord(prev.norm)) || materialByName(OBJECT_MATERIALS[singular] ?? '');
    const entity = entityFrom(`${modifier}${t.norm}`, singular, material, 'prompt');
    const np: NounPhrase = {
      text: entity.text,
      head: singular,
      words: [singular],
      plural: singular !== t.norm,
      start: modifier ? i - 1 : i,
      end: i,
      prepositional: false,
      coordinated: false,
    };
    located.push({ entity, np, actor: actorOf(entity, np.plural) });
  });
  located.sort((a, b) => (a.np?.start ?? 1e9) - (b.np?.start ?? 1e9));
  for (const object of scene?.objects ?? []) {
    const label = object.label.toLowerCase().trim();
    const match = located.find((l) => label === l.entity.noun || label.endsWith(` ${l.entity.noun}`) || l.entity.text.endsWith(label));
    const material = object.material ? (materialByWord(object.material) ?? materialByName(object.material)) : undefined;
    if (match) {
      if (!match.entity.material && material) {
        const upgraded = entityFrom(match.entity.text, match.entity.noun, material, 'scene');
        match.entity = upgraded;
        match.actor = actorOf(upgraded, match.actor.plural);
      }
    } else if (located.length < MAX_ENTITIES) {
      const entity = entityFrom(label, label.split(' ').at(-1) ?? label, material ?? materialByName(OBJECT_MATERIALS[label] ?? ''), 'scene');
      located.push({ entity, np: undefined, actor: actorOf(entity, false) });
    }
  }
  return located;
}

/** Phrase words split on spaces and hyphens; matched against each word's surface or root form. */
function phraseAt(units: Array<{ norm: string; lemma: string; index: number }>, phrase: string): number[] {
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  const hits: number[] = [];
  for (let i = 0; i + words.length <= units.length; i++) {
    if (words.every((w, k) => units[i + k]?.norm === w || units[i + k]?.lemma === w)) hits.push(units[i]?.index ?? 0);
  }
  return hits;
}

function wordUnits(tokens: Token[]) {
  return tokens.flatMap((t, index) => {
    const parts = t.norm.split('-').filter(Boolean);
    return parts.length > 1 ? parts.map((p) => ({ norm: p, lemma: p, index })) : [{ norm: t.norm, lemma: t.lemma, index }];
  });
}

function detectContext(units: ReturnType<typeof wordUnits>): Context {
  const context: Context = { gravity: 'earth', medium: 'air', timeScale: 'normal', surface: 'normal' };
  for (const rule of CONTEXT_RULES) {
    if (rule.phrases.some((p) => phraseAt(units, p).length > 0)) Object.assign(context, rule.apply);
  }
  return context;
}

interface Hit {
  rule: PhenomenonRule;
  index: number;
  trigger: string;
  implied: boolean;
}

/** Regular inflections of a trigger word: drop → drops, dropped, dropping; slide → sliding. */
function inflections(word: string): string[] {
  const forms = [word, `${word}s`, `${word}es`, `${word}ed`, `${word}d`, `${word}ing`];
  const last = word.at(-1) ?? '';
  if (word.endsWith('e')) forms.push(`${word.slice(0, -1)}ing`);
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`);
  if (/[bdgmnprt]/.test(last) && !/[aeiou]{2}./.test(word.slice(-3))) forms.push(`${word}${last}ed`, `${word}${last}ing`);
  return forms;
}

/** Trigger words that are verbs ("fall", "shatter"), for the parser's noun-or-verb decisions. */
const EVENT_VERBS = new Set(RULES.flatMap((r) => (r.words ?? []).filter((w) => !w.endsWith(':n')).map((w) => w.replace(/:v$/, ''))));
const isEventVerb = (lemma: string) => EVENT_VERBS.has(lemma) || EVENT_VERBS.has(lemma.replace(/s$/, ''));

interface WordTrigger {
  forms: Set<string>;
  tag: 'Noun' | 'Verb' | null;
}

const TRIGGERS = new Map<PhenomenonRule, WordTrigger[]>(
  RULES.map((rule) => [
    rule,
    (rule.words ?? []).map((w) => {
      const [word = '', kind] = w.split(':');
      return { forms: new Set(inflections(word)), tag: kind === 'n' ? 'Noun' : kind === 'v' ? 'Verb' : null };
    }),
  ]),
);

function findHits(parsed: Parsed, units: ReturnType<typeof wordUnits>, context: Context, hasLiquid: boolean): Hit[] {
  const hits: Hit[] = [];
  for (const rule of RULES) {
    if (rule.blockedBy?.(context) || (rule.needsLiquid && !hasLiquid)) continue;
    const excluded = new Set<number>();
    for (const phrase of rule.except ?? []) {
      const length = phrase.split(/[\s-]+/).length;
      for (const index of phraseAt(units, phrase)) for (let k = 0; k < length; k++) excluded.add(index + k);
    }
    let best: Hit | undefined;
    const consider = (index: number, trigger: string) => {
      if (parsed.tokens[index]?.negated || excluded.has(index)) return;
      if (!best || index < best.index) best = { rule, index, trigger, implied: false };
    };
    const triggers = TRIGGERS.get(rule) ?? [];
    parsed.tokens.forEach((t, i) => {
      const trigger = triggers.find((w) => (w.forms.has(t.lemma) || w.forms.has(t.norm)) && (!w.tag || t.tags.has(w.tag)));
      if (trigger) consider(i, t.text);
    });
    for (const phrase of rule.phrases ?? []) for (const index of phraseAt(units, phrase)) consider(index, phrase);
    if (rule.together) {
      const positions = rule.together.map((group) => parsed.tokens.findIndex((t) => group.some((w) => inflections(w).includes(t.norm) || t.lemma === w)));
      if (positions.every((p) => p >= 0)) consider(Math.max(...positions), rule.together.map((g) => g[0]).join(' + '));
    }
    if (best) hits.push(best);
  }
  // A bounce is also a collision; a throw is also gravity at work (unless there is none).
  for (const hit of [...hits]) {
    for (const id of hit.rule.implies ?? []) {
      const rule = RULES_BY_ID.get(id);
      if (!rule || rule.blockedBy?.(context) || hits.some((h) => h.rule.id === id)) continue;
      hits.push({ rule, index: hit.index, trigger: `implied by ${hit.rule.id.replace('_', ' ')}`, implied: true });
    }
  }
  if (context.gravity === 'zero' && !hits.some((h) => h.rule.id === 'zero_gravity')) {
    const rule = RULES_BY_ID.get('zero_gravity');
    if (rule) hits.push({ rule, index: 0, trigger: 'zero-gravity setting', implied: false });
  }
  return hits;
}

const NON_SUBJECT_STATES = new Set(['liquid', 'gas']);
/** Phenomena whose subject is the solid thing acted on, not the liquid around it. */
const SOLID_SUBJECT: ReadonlySet<PhenomenonId> = new Set(['buoyancy', 'dissolving', 'melting', 'fracture', 'elasticity', 'rolling', 'toppling']);
/** Phenomena whose templates compare the two subjects themselves (not a joined pair). */
const SINGLE_SUBJECT: ReadonlySet<PhenomenonId> = new Set(['buoyancy', 'collision', 'hardness']);

/** "the iron block and the wooden block": one plural actor for subjects joined by "and". */
function joinActors(first: Located, second: Located): Actor {
  return { name: `${first.actor.name} and ${second.actor.name}`, plural: true, material: null, density: null, state: first.entity.state };
}

/**
 * The actor of a trigger: the nearest phrase before it that is not the object of a preposition
 * ("the ball rolls off the table and bounces": the ball bounces, not the table), else the nearest
 * phrase before, else the first after.
 */
function chooseActors(hit: Hit, located: Located[]): { subject: Located | undefined; subjectActor: Actor | undefined; other: Located | undefined } {
  const withPos = located.filter((l) => l.np);
  const before = withPos.filter((l) => (l.np?.end ?? 0) < hit.index);
  const after = withPos.find((l) => (l.np?.start ?? 0) > hit.index);
  // Supports and places do not tip, fall or bounce: they are rarely the one acting.
  const movable = before.filter((l) => !l.actor.fixed);
  let subject: Located | undefined =
    hit.rule.stage === 0
      ? (located[0] ?? before.at(-1) ?? after)
      : (movable.filter((l) => !l.np?.prepositional).at(-1) ?? movable.at(-1) ?? before.at(-1) ?? after ?? located[0]);
  if (subject && SOLID_SUBJECT.has(hit.rule.id) && NON_SUBJECT_STATES.has(subject.entity.state)) {
    subject = located.find((l) => !NON_SUBJECT_STATES.has(l.entity.state)) ?? subject;
  }
  let subjectActor = subject?.actor;
  const index = subject ? withPos.indexOf(subject) : -1;
  const previous = index > 0 ? withPos[index - 1] : undefined;
  if (subject?.np?.coordinated && previous && !NON_SUBJECT_STATES.has(previous.entity.state) && !SINGLE_SUBJECT.has(hit.rule.id)) {
    subjectActor = joinActors(previous, subject);
  }
  const other = located.find((l) => l !== subject && l !== previous && l.np && (l.np.start ?? 0) > hit.index) ?? located.find((l) => l !== subject && l.np);
  return { subject, subjectActor, other };
}

function collectActions(parsed: Parsed, located: Located[]): Action[] {
  const actions: Action[] = [];
  parsed.tokens.forEach((t, i) => {
    if (!t.tags.has('Verb') || t.tags.has('Auxiliary') || t.tags.has('Copula') || t.tags.has('Modal')) return;
    const subject = located.filter((l) => l.np && l.np.end < i).at(-1);
    const action = { text: t.text.replace(/[^\p{L}\p{N}'-]/gu, ''), verb: t.lemma, subject: subject?.entity.noun ?? null, negated: t.negated };
    // One action per verb and subject: a long prompt that repeats "falls" still has one fall.
    if (actions.some((a) => a.verb === action.verb && a.subject === action.subject && a.negated === action.negated)) return;
    actions.push(action);
  });
  return actions.slice(0, 32);
}

const SUPPORT_NOUNS = new Set([
  'table',
  'floor',
  'ground',
  'shelf',
  'desk',
  'counter',
  'ramp',
  'stairs',
  'step',
  'road',
  'track',
  'ice',
  'field',
  'court',
  'plate',
  'tray',
]);

function collectConstraints(phenomena: Set<PhenomenonId>, located: Located[], context: Context): string[] {
  const solids = located.filter((l) => !NON_SUBJECT_STATES.has(l.entity.state));
  const constraints = ['Objects keep their identity: nothing appears or vanishes without a cause.'];
  if (solids.length >= 2 || phenomena.has('collision')) constraints.push('Solid objects never pass through each other; they touch only at their surfaces.');
  if (solids.some((l) => l.entity.state === 'rigid') && !phenomena.has('deformation') && !phenomena.has('fracture')) {
    constraints.push('Rigid objects keep their shape and size throughout.');
  }
  if (phenomena.has('fracture')) constraints.push('The fragments add up to the original object: mass is conserved.');
  if (['pouring', 'splashing', 'flow', 'melting', 'boiling', 'evaporation', 'dissolving', 'viscosity'].some((id) => phenomena.has(id as PhenomenonId))) {
    constraints.push('Mass and volume of liquids are conserved: levels rise and fall consistently.');
  }
  if (context.gravity !== 'zero' && located.some((l) => SUPPORT_NOUNS.has(l.entity.noun))) {
    constraints.push('Objects at rest are supported by what they stand on; nothing hovers unsupported.');
  }
  if (phenomena.has('elasticity')) constraints.push('Each bounce is lower than the last: energy is never gained.');
  if (context.gravity === 'zero') constraints.push('Nothing falls or settles; free objects move in straight lines.');
  return constraints;
}

/** Nouns of things that stay where they are: what rests on them never pushes them away. */
const FIXED_NOUNS = new Set([
  ...SUPPORT_NOUNS,
  'wall',
  'pavement',
  'driveway',
  'court',
  'patio',
  'concrete',
  'tile',
  'workbench',
  'bench',
  'lane',
  'barrier',
  'slab',
  'board',
  'windowsill',
  'sill',
  'counter',
  'stove',
  'hob',
  'burner',
  'campfire',
  'bonfire',
  'fire',
  'oven',
  'freezer',
  'fridge',
  'mattress',
  'carpet',
  'rug',
  'lawn',
  'field',
  'beach',
  'cliff',
  'hill',
  'road',
  'pavement',
  'street',
  'rink',
]);

function thingOf(l: Located): Thing {
  return {
    noun: l.entity.noun,
    name: l.actor.name,
    plural: l.actor.plural,
    material: l.entity.material,
    state: l.entity.state,
    density: l.entity.properties.density,
    restitution: l.entity.properties.elasticity,
    brittleness: l.entity.properties.brittleness,
    contents: l.entity.contents,
    start: l.np?.start ?? 0,
    fixed: FIXED_NOUNS.has(l.entity.noun) || FIXED_NOUNS.has(l.entity.noun.split(' ').at(-1) ?? ''),
  };
}

type Ranked = { phenomenon: Phenomenon; stage: number; order: number; index: number };

/**
 * Inferred events take the place of the same phenomenon found by a trigger word (they know the
 * materials and numbers); phenomena the set-up rules out are dropped; then everything is put in
 * the order it happens: setting, start of motion, flight, contact, aftermath.
 */
function mergeInferred(triggered: Ranked[], inferred: Inferred[], ruledOut: Set<PhenomenonId>): Ranked[] {
  const byId = new Map(inferred.map((e) => [e.id, e]));
  const out: Ranked[] = triggered
    .filter((t) => !ruledOut.has(t.phenomenon.id as PhenomenonId) || byId.has(t.phenomenon.id as PhenomenonId))
    .map((t) => {
      const e = byId.get(t.phenomenon.id as PhenomenonId);
      if (!e) return t;
      byId.delete(e.id);
      return {
        phenomenon: {
          ...t.phenomenon,
          explanation: e.explanation,
          consequence: e.consequence,
          entities: e.entities.length ? e.entities.slice(0, 8) : t.phenomenon.entities,
        },
        stage: e.stage,
        order: e.order,
        index: t.index,
      };
    });
  for (const e of inferred) {
    if (!byId.has(e.id)) continue;
    out.push({
      phenomenon: {
        id: e.id,
        branch: branchOf(e.id),
        explanation: e.explanation,
        consequence: e.consequence,
        trigger: e.trigger,
        entities: e.entities.slice(0, 8),
      },
      stage: e.stage,
      order: e.order,
      index: 1000,
    });
  }
  return out.sort((a, b) => a.stage - b.stage || a.order - b.order || a.index - b.index);
}

const DEFAULT_ACTOR: Actor = { name: 'the object', plural: false, material: null, density: null, state: 'rigid' };

export interface AnalyzeResult {
  analysis: Analysis;
  parsed: Parsed;
  notices: string[];
}

/** The built-in chain of thought: entities → actions → phenomena → sequence → constraints. */
export function analyze(prompt: string, scene?: SceneHint): AnalyzeResult {
  const notices: string[] = [];
  let text = prompt;
  if (text.length > MAX_ANALYSED_CHARS) {
    text = text.slice(0, MAX_ANALYSED_CHARS);
    notices.push(`Only the first ${MAX_ANALYSED_CHARS} characters were analysed.`);
  }
  const parsed = parse(text, isEventVerb);
  const units = wordUnits(parsed.tokens);
  const context = detectContext(units);
  const located = collectEntities(parsed, scene);
  const liquid = located.find((l) => l.entity.state === 'liquid');
  const hits = findHits(parsed, units, context, liquid !== undefined).sort((a, b) => a.rule.stage - b.rule.stage || a.index - b.index);

  const triggered: Array<{ phenomenon: Phenomenon; stage: number; order: number; index: number }> = hits.map((hit) => {
    const { subject, subjectActor, other } = chooseActors(hit, located);
    const solids = located.filter((l) => !NON_SUBJECT_STATES.has(l.entity.state) && !SUPPORT_NOUNS.has(l.entity.noun) && l.entity.properties.density !== null);
    const match: RuleMatch = {
      trigger: hit.trigger,
      subject: subjectActor ?? DEFAULT_ACTOR,
      other: other?.actor,
      liquid: liquid?.actor,
      solids: solids.map((l) => l.actor),
      ctx: context,
    };
    return {
      phenomenon: {
        id: hit.rule.id,
        branch: branchOf(hit.rule.id),
        explanation: hit.rule.explain(match),
        consequence: hit.rule.consequence(match),
        trigger: hit.trigger,
        entities: [subject, other].filter((l): l is Located => l !== undefined).map((l) => l.entity.noun),
      },
      stage: hit.rule.stage,
      order: 5,
      index: hit.index,
    };
  });

  // Inference over properties and conditions refines or replaces what trigger words found.
  const conditions = readConditions(text);
  const inference = infer(located.map(thingOf), conditions, context);
  const merged = mergeInferred(triggered, inference.events, inference.ruledOut);
  const phenomena = merged.map((m) => m.phenomenon);

  const events = merged.map((m) => ({ stage: m.stage, text: m.phenomenon.consequence }));
  const moving = events.filter((e) => e.stage > 0);
  const ordered = [...moving, ...events.filter((e) => e.stage === 0)];
  const sequence = ordered.map((e, i) => {
    const label = e.stage === 0 ? 'Throughout' : i === 0 ? 'First' : i === moving.length - 1 ? 'Finally' : 'Then';
    return `${label}: ${e.text}`;
  });
  for (const note of inference.nonEvents) sequence.push(`Throughout: ${note}`);

  return {
    analysis: {
      entities: located.map((l) => l.entity),
      actions: collectActions(parsed, located),
      phenomena,
      sequence: sequence.slice(0, 16),
      constraints: collectConstraints(new Set(phenomena.map((p) => p.id as PhenomenonId)), located, context),
      context,
      ...(inference.nonEvents.length > 0 ? { outcomes: inference.nonEvents.slice(0, 4) } : {}),
    },
    parsed,
    notices,
  };
}
