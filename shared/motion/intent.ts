import { centroid } from '../physics/geometry';
import type { Action, Analysis } from '../refine/schema';
import type { Point, Scene, SceneObject } from '../scene/schema';

export const MOTION_KINDS = ['fall', 'throw', 'push', 'roll', 'slide', 'topple', 'bounce', 'collide', 'rise', 'float', 'still', 'none'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/** What the prompt asks of the scene, resolved to objects in it. */
export interface Intent {
  kind: MotionKind;
  /** The verb as the prompt says it, for explanations. */
  verb: string | null;
  /** Object ids that the verb moves (a toppling stack moves several). */
  subjects: string[];
  /** The object aimed at ("thrown at the bottle"), if any. */
  target: string | null;
  /** Unit direction in image axes (y down) named by the prompt, if any. */
  direction: Point | null;
  /** "off the table", "off the edge": the motion goes past the end of the supporting surface. */
  offEdge: boolean;
  /** "rolls out of frame", "flies away": the prompt lets the object leave the picture. */
  leavesFrame: boolean;
  /** A verb the preview's rigid-body physics cannot show, and the motion shown in its place. */
  unsupported: { verb: string; nearest: MotionKind; suggestion: string } | null;
}

/**
 * Verbs rigid bodies cannot act out in the preview tier: what each becomes instead, and the
 * prompt a user could type to get that on purpose.
 */
const UNSUPPORTED: Record<string, { nearest: MotionKind; suggestion: string }> = {
  launch: { nearest: 'throw', suggestion: 'is thrown upward' },
  fly: { nearest: 'float', suggestion: 'floats upward slowly' },
  flew: { nearest: 'float', suggestion: 'floats upward slowly' },
  soar: { nearest: 'float', suggestion: 'floats upward slowly' },
  explode: { nearest: 'still', suggestion: 'falls and bounces' },
  burst: { nearest: 'still', suggestion: 'falls and bounces' },
  shatter: { nearest: 'fall', suggestion: 'falls' },
  melt: { nearest: 'still', suggestion: 'stands still' },
  freeze: { nearest: 'still', suggestion: 'stands still' },
  froze: { nearest: 'still', suggestion: 'stands still' },
  frozen: { nearest: 'still', suggestion: 'stands still' },
  boil: { nearest: 'still', suggestion: 'stands still' },
  break: { nearest: 'fall', suggestion: 'falls' },
  crack: { nearest: 'still', suggestion: 'stands still' },
  splash: { nearest: 'still', suggestion: 'falls' },
  ignite: { nearest: 'still', suggestion: 'stands still' },
  burn: { nearest: 'still', suggestion: 'stands still' },
  dissolve: { nearest: 'still', suggestion: 'stands still' },
  evaporate: { nearest: 'still', suggestion: 'stands still' },
  pour: { nearest: 'still', suggestion: 'topples over' },
  spill: { nearest: 'topple', suggestion: 'topples over' },
  bend: { nearest: 'still', suggestion: 'stands still' },
  stretch: { nearest: 'still', suggestion: 'stands still' },
  grow: { nearest: 'still', suggestion: 'stands still' },
  shrink: { nearest: 'still', suggestion: 'stands still' },
  walk: { nearest: 'slide', suggestion: 'slides to the right' },
  march: { nearest: 'slide', suggestion: 'slides to the right' },
  dance: { nearest: 'still', suggestion: 'stands still' },
  crawl: { nearest: 'slide', suggestion: 'slides to the right' },
  run: { nearest: 'slide', suggestion: 'slides to the right' },
  swim: { nearest: 'float', suggestion: 'floats upward slowly' },
  jump: { nearest: 'throw', suggestion: 'is thrown upward' },
  spin: { nearest: 'still', suggestion: 'rolls to the right' },
};

const VERBS: Record<string, MotionKind> = {
  fall: 'fall',
  drop: 'fall',
  tumble: 'fall',
  plummet: 'fall',
  plunge: 'fall',
  release: 'fall',
  fell: 'fall',
  throw: 'throw',
  thrown: 'throw',
  threw: 'throw',
  flung: 'throw',
  shot: 'throw',
  toss: 'throw',
  hurl: 'throw',
  fling: 'throw',
  lob: 'throw',
  pitch: 'throw',
  kick: 'throw',
  shoot: 'throw',
  push: 'push',
  bat: 'throw',
  swat: 'throw',
  shove: 'push',
  nudge: 'push',
  flick: 'push',
  knock: 'push',
  roll: 'roll',
  slide: 'slide',
  slid: 'slide',
  glide: 'slide',
  skid: 'slide',
  topple: 'topple',
  tip: 'topple',
  collapse: 'topple',
  bounce: 'bounce',
  collide: 'collide',
  crash: 'collide',
  smash: 'collide',
  hit: 'collide',
  strike: 'collide',
  struck: 'collide',
  bump: 'collide',
  slam: 'collide',
  ram: 'collide',
  rise: 'rise',
  float: 'float',
  drift: 'float',
  hover: 'float',
  stand: 'still',
  stood: 'still',
  rest: 'still',
  sit: 'still',
  sat: 'still',
  stay: 'still',
  remain: 'still',
  lie: 'still',
  lay: 'still',
  lying: 'still',
  wait: 'still',
};

/** When several verbs appear, the one that sets things moving decides the initial conditions. */
const PRIORITY: MotionKind[] = ['throw', 'topple', 'roll', 'slide', 'push', 'collide', 'fall', 'bounce', 'rise', 'float', 'still'];

const DIRECTIONS: Array<[RegExp, Point]> = [
  [/\b(to(wards?)? the left|leftwards?|left)\b/i, { x: -1, y: 0 }],
  [/\b(to(wards?)? the right|rightwards?|right)\b/i, { x: 1, y: 0 }],
  [/\b(upwards?|up)\b/i, { x: 0, y: -1 }],
  [/\b(downwards?|down)\b/i, { x: 0, y: 1 }],
];

function verbKind(verb: string): MotionKind | undefined {
  const v = verb.toLowerCase();
  // "dropped", "slipping": the stem doubles its last consonant before the ending.
  const undoubled = v.replace(/([b-df-hj-np-tv-z])\1(ed|ing)$/, '$1');
  return (
    VERBS[v] ??
    VERBS[v.replace(/(es|s|ed|ing)$/, '')] ??
    VERBS[v.replace(/(s|d)$/, '')] ??
    VERBS[undoubled] ??
    // "toppling", "bounced": the stem's silent e went before the ending.
    VERBS[v.replace(/(ing|ed)$/, 'e')]
  );
}

function unsupportedVerb(verb: string): { verb: string; nearest: MotionKind; suggestion: string } | null {
  const v = verb.toLowerCase();
  for (const stem of [v, v.replace(/(es|s|ed|ing)$/, ''), v.replace(/(s|d)$/, ''), v.replace(/(ing|ed)$/, 'e'), v.replace(/ies$/, 'y')]) {
    const hit = UNSUPPORTED[stem];
    if (hit) return { verb, ...hit };
  }
  return null;
}

/** Phrasal verbs the physics cannot show either: "the plane takes off", "the rocket blasts off". */
function unsupportedPhrase(prompt: string): { action: Action; hit: NonNullable<Intent['unsupported']> } | undefined {
  const m = /\b((?:takes?|took|taking|lifts?|lifted|blasts?|blasted) off)\b/i.exec(prompt);
  if (!m) return undefined;
  const text = m[1] as string;
  const before = prompt.slice(0, m.index).match(/([a-z]+)\s*$/i)?.[1] ?? null;
  return {
    action: { text, verb: 'launch', subject: before, negated: false },
    hit: { verb: text, ...(UNSUPPORTED.launch as { nearest: MotionKind; suggestion: string }) },
  };
}

/** Verbs that name a collision only with "into" after them: "runs into the wall", "drives into it". */
const COLLIDE_WITH_INTO = new Set(['run', 'ran', 'drive', 'drove', 'plough', 'plow']);

function phrasalKind(prompt: string, action: Action): MotionKind | undefined {
  const lemma = action.verb.toLowerCase();
  if (!COLLIDE_WITH_INTO.has(lemma) && !COLLIDE_WITH_INTO.has(action.text.toLowerCase())) return undefined;
  return new RegExp(String.raw`\b${action.text}\s+into\b`, 'i').test(prompt) ? 'collide' : undefined;
}

/**
 * Motion the analyzer lists no verb for: a passive participle it reads as an adjective ("the ball
 * is dropped") or a collision named by its noun ("in a collision with the bottle").
 */
function unlistedActions(prompt: string): Action[] {
  const found: Action[] = [];
  for (const m of prompt.matchAll(/\b([a-z]+)\s+(?:is|are|was|were|gets?|got)\s+(?:being\s+)?(?:[a-z]+ly\s+)?([a-z]+)/gi)) {
    const word = m[2] ?? '';
    if (verbKind(word)) found.push({ text: word, verb: word, subject: m[1] ?? null, negated: false });
  }
  // "Someone gives the red car a push": the push (a noun) acts on the object named before it.
  for (const m of prompt.matchAll(
    /\b(?:gives?|gave|giving)\s+(?:the|a|an|my|his|her)?\s*((?:[a-z]+\s+)?[a-z]+)\s+an?\s+(?:gentle\s+|little\s+|hard\s+|big\s+)?(push|shove|nudge|kick|knock)\b/gi,
  )) {
    const noun = (m[1] ?? '').split(/\s+/).at(-1) ?? null;
    found.push({ text: m[2] ?? 'push', verb: m[2] ?? 'push', subject: noun, negated: false });
  }
  // "The ball is in a collision with …": the noun before the verb is the one colliding.
  const collision = /(?:\b([a-z]+)\s+(?:is|are|was|were|has|had|gets?|got)\b[^.;]*?)?\bcollisions?\s+with\b/i.exec(prompt);
  if (collision) found.push({ text: 'collision', verb: 'collide', subject: collision[1] ?? null, negated: false });
  return found;
}

/** Objects whose label names the noun ("tennis ball" matches "ball" and "tennis ball"). */
function objectsNamed(scene: Scene, noun: string | null): SceneObject[] {
  if (!noun) return [];
  const words = noun.toLowerCase().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  return scene.objects.filter((o) => {
    const label = o.label.toLowerCase();
    return label === noun.toLowerCase() || label.split(/\s+/).includes(head) || label.replace(/s$/, '') === head.replace(/s$/, '');
  });
}

/** Words after which the next noun is what the motion is aimed at. */
const AIMED_AT = 'at|toward|towards|into|against|onto';
/** Verbs that take what they strike as their object: "hits the bottle", "knocks over the vase". */
const STRIKES = 'hits?|strikes?|struck|knocks?(?: over)?|knocked(?: over)?|bumps?|bumped|smash(?:es|ed)?|rams?|rammed|slams?|slammed';
/**
 * "with" names a target only after a collision word ("collides with the bottle", "crashes
 * head-on with the cart"): elsewhere it names a part or companion ("a ball with stripes").
 */
const COLLIDES_WITH = String.raw`(?:collid(?:es?|ed|ing)|collisions?|crash(?:es|ed|ing)?|bump(?:s|ed|ing)?|smash(?:es|ed|ing)?|slam(?:s|med|ming)?)(?:\s+(?:head-on|[a-z]+ly))?\s+with`;
const TARGET = new RegExp(String.raw`\b(?:${COLLIDES_WITH}|${AIMED_AT}|${STRIKES})\s+(?:the|a|an|another)\s+([a-z]+(?:\s+[a-z]+)?)`, 'gi');

function targetOf(prompt: string, scene: Scene, subjects: string[]): string | null {
  for (const m of prompt.matchAll(TARGET)) {
    const phrase = (m[1] ?? '').toLowerCase();
    for (const candidate of [phrase, phrase.split(' ')[0] ?? '', phrase.split(' ').at(-1) ?? '']) {
      const hit = objectsNamed(scene, candidate).find((o) => !subjects.includes(o.id));
      if (hit) return hit.id;
    }
  }
  return null;
}

/**
 * "The ball with a ribbon rolls": the analyzer takes the noun nearest the verb (the ribbon) as its
 * subject, but a noun after "with" belongs to the one before it, which the sentence is about.
 */
function ownerOf(prompt: string, noun: string): string | null {
  const escaped = noun.replace(/[^a-z0-9 -]/gi, '');
  const owned = new RegExp(String.raw`\b([a-z]+)\s+with\s+(?:(?:a|an|the|some|its|two|three)\s+)?(?:[a-z]+\s+)?${escaped}(?:e?s)?\b`, 'i');
  return owned.exec(prompt)?.[1] ?? null;
}

function subjectsNamed(prompt: string, scene: Scene, noun: string | null): SceneObject[] {
  const owner = noun ? ownerOf(prompt, noun) : null;
  // A named object moves even if perception took it for part of the room (a truck, a table that
  // topples); only the user's "static" holds it.
  const movable = (o: SceneObject) => o.dynamic || o.provenance.dynamic !== 'user';
  const owners = objectsNamed(scene, owner).filter(movable);
  return owners.length > 0 ? owners : objectsNamed(scene, noun).filter(movable);
}

function topmost(objects: SceneObject[]): SceneObject[] {
  return [...objects].sort((a, b) => centroid(a.polygon).y - centroid(b.polygon).y);
}

/**
 * Reads the motion the prompt asks for from its analysis (verbs with their subjects) and ties it
 * to the scene's objects. Without a matching label the largest dynamic object is the subject,
 * the one a viewer would take the sentence to be about.
 */
export function motionIntent(prompt: string, scene: Scene, analysis: Analysis | null): Intent {
  const all = [...(analysis?.actions ?? []), ...unlistedActions(prompt)];
  const listed = all.filter((a) => !a.negated);
  const known = (a: Action) => verbKind(a.verb) ?? verbKind(a.text) ?? unsupportedVerb(a.verb) ?? unsupportedVerb(a.text);
  // The analyzer read no motion verb at all, negated or not ("the soldier on the left marches
  // away"): a word of the prompt that is one, not a noun after an article, is the verb.
  const actions = all.some(known) ? listed : [...listed, ...bareVerbs(prompt)];
  const ranked = actions
    .map((a) => ({ action: a, kind: verbKind(a.verb) ?? verbKind(a.text) ?? phrasalKind(prompt, a) }))
    .filter((a): a is { action: (typeof actions)[number]; kind: MotionKind } => a.kind !== undefined)
    .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
  // A verb the physics cannot show decides only when nothing it can show is asked for as well
  // ("the rocket launches and falls back" shows the fall).
  const unsupportedAction =
    actions
      .map((a) => {
        const hit = unsupportedVerb(a.verb) ?? unsupportedVerb(a.text);
        // Named as the prompt writes it ("explodes"), found by its stem.
        return { action: a, hit: hit ? { ...hit, verb: a.text } : null };
      })
      .find((a) => a.hit) ?? unsupportedPhrase(prompt);
  const shown = ranked.filter((r) => r.kind !== 'still');
  let chosen: { action: Action; kind: MotionKind } | undefined = shown[0] ?? (unsupportedAction ? undefined : ranked[0]);
  let unsupported: Intent['unsupported'] = null;
  if (!shown[0] && unsupportedAction?.hit) {
    unsupported = unsupportedAction.hit;
    chosen = { action: unsupportedAction.action, kind: unsupported.nearest };
  }
  // "In zero gravity the apple drifts", "floating in space": weightless, whatever the verb. A
  // photo looking straight down has no gravity in its plane either, but things there still rest.
  const topDown = (scene as { view?: string }).view === 'top-down';
  const weightless = scene.gravity.x === 0 && scene.gravity.y === 0 && !topDown;
  if (!chosen && weightless) chosen = { action: { text: 'floats', verb: 'float', subject: null, negated: false }, kind: 'float' };
  if (chosen && weightless && (chosen.kind === 'fall' || chosen.kind === 'rise')) chosen = { ...chosen, kind: 'float' };
  // "Falls over", "fell over backwards": a tip about the base, not a drop; "falls over the edge"
  // is a drop.
  if (
    chosen?.kind === 'fall' &&
    new RegExp(String.raw`\b${chosen.action.text.replace(/[^a-z ]/gi, '')}\s+over\b(?!\s+(the|an?|its|his|her|their|this|that)\b)`, 'i').test(prompt)
  )
    chosen = { ...chosen, kind: 'topple' };
  const dynamic = scene.objects.filter((o) => o.dynamic);
  const largest = [...dynamic].sort((a, b) => b.bbox.w * b.bbox.h - a.bbox.w * a.bbox.h)[0];
  // Perception may already have grounded the prompt's subject in a region: that one is it.
  const grounded = scene.objects.find((o) => o.id === (scene as { subjectId?: string }).subjectId);
  // Unless the words plainly name another region first, as the verb's subject ("the blackberry
  // drops off the branch" grounded in the branch): the thing named first, before the verb, moves.
  const named = chosen ? subjectsNamed(prompt, scene, chosen.action.subject) : [];
  const first = firstNamed(prompt, scene)[0];
  const overruled = grounded && first && first.id !== grounded.id && named.some((o) => o.id === first.id);
  let subjects: SceneObject[] = grounded && !overruled ? [grounded] : overruled && first ? [first] : named;
  // No verb's subject names an object: the prompt's first noun that does is what it is about.
  if (subjects.length === 0) subjects = firstNamed(prompt, scene);
  if (subjects.length === 0 && largest) subjects = chosen?.kind === 'topple' ? dynamic : [largest];
  // One thrown ball is one object; a toppling stack is all of its blocks.
  if (chosen?.kind !== 'topple') subjects = topmost(subjects).slice(0, 1);
  const ids = subjects.map((o) => o.id);
  // A launch shown as a throw goes up, unless the prompt says which way.
  // "The soldier on the left" says where it is, not which way it goes.
  const heading = prompt.replace(/\b(?:on|at|in|from)\s+the\s+(?:far\s+)?(?:left|right)\b/gi, ' ');
  const direction = DIRECTIONS.find(([re]) => re.test(heading))?.[1] ?? (unsupported?.nearest === 'throw' ? { x: 0, y: -1 } : null);
  return {
    kind: chosen?.kind ?? 'none',
    verb: chosen?.action.text ?? null,
    subjects: ids,
    target: chosen ? targetOf(prompt, scene, ids) : null,
    direction,
    offEdge: /\boff\b/i.test(prompt) && !/\b(?:takes?|took|taking|lifts?|lifted|blasts?|blasted) off\b/i.test(prompt),
    leavesFrame: /\b(out of (the )?(frame|picture|shot|view)|off[- ]screen|away|leaves the (frame|picture))\b/i.test(prompt),
    unsupported,
  };
}

/** Words of the prompt that are motion verbs (ours or ones the preview cannot show), not nouns after an article. */
function bareVerbs(prompt: string): Action[] {
  const found: Action[] = [];
  for (const m of prompt.matchAll(/\b(?:(the|a|an|his|her|its|their|my|your|our|not|never|n't|no)\s+)?([a-z]+)\b/gi)) {
    const word = m[2] ?? '';
    if (m[1] || word.length < 3) continue;
    if (verbKind(word) || unsupportedVerb(word)) found.push({ text: word, verb: word, subject: null, negated: false });
  }
  return found;
}

/** Dynamic objects named by the prompt's words, in the order the prompt names them: the first. */
function firstNamed(prompt: string, scene: Scene): SceneObject[] {
  const words = prompt.toLowerCase().match(/[a-z]+/g) ?? [];
  for (const word of words) {
    const hit = objectsNamed(scene, word).filter((o) => (o.dynamic || o.provenance.dynamic !== 'user') && !o.label.startsWith('object '));
    if (hit.length > 0) return hit;
  }
  return [];
}
