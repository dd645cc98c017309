import { area, roundness } from '../physics/geometry';
import { classesFor, isKnownThing, STUFF, SUPPORT_CLASSES, SUPPORT_NOUNS, VIA_WEIGHT } from './lexicon';
import { type NounPhrase, type PromptParse, TRANSITIVE } from './nouns';
import { COLOUR_WORDS } from './priors';
import type { BBox, Grounding, Point, Rle } from './schema';

/** An object proposal from the detector or from segmentation, in original-image pixels. */
export interface Proposal {
  polygon: Point[];
  bbox: BBox;
  colour: { r: number; g: number; b: number };
  mask: Rle;
  /** Present when the detector found it: its class, confidence, and how its outline was made. */
  detection?: { cocoClass: string; score: number; outline: 'grabcut' | 'box'; alternatives?: Array<{ cocoClass: string; score: number }> };
  /** The photo's salient thing, found without a class (the one thing the picture is of). */
  salient?: boolean;
}

export interface Landed {
  phrase: NounPhrase;
  via: Grounding['via'];
}

export interface GroundResult {
  /** Proposal index → the phrase that landed on it. */
  landed: Map<number, Landed>;
  /** Phrases that name a thing no proposal was found for. */
  missing: NounPhrase[];
  /** Proposal the prompt's motion applies to. */
  subject?: number;
}

const POSITION = {
  left: (b: BBox) => b.x + b.w / 2,
  right: (b: BBox) => -(b.x + b.w / 2),
  top: (b: BBox) => b.y + b.h / 2,
  bottom: (b: BBox) => -(b.y + b.h / 2),
  // Nearest the camera: its base lowest in the picture.
  front: (b: BBox) => -(b.y + b.h),
  back: (b: BBox) => b.y + b.h,
} as const;

function colourFactor(p: Proposal, colour: string | undefined): number {
  const anchor = colour ? COLOUR_WORDS[colour] : undefined;
  if (!anchor) return 1;
  const d = Math.hypot(p.colour.r - anchor[0], p.colour.g - anchor[1], p.colour.b - anchor[2]);
  return 1 - 0.7 * Math.min(1, d / 250);
}

function pickByWords(phrase: NounPhrase, candidates: number[], proposals: Proposal[]): number[] {
  const position = phrase.position;
  if (position)
    return [...candidates].sort((a, b) => POSITION[position]((proposals[a] as Proposal).bbox) - POSITION[position]((proposals[b] as Proposal).bbox));
  if (phrase.size) {
    const sign = phrase.size === 'big' ? -1 : 1;
    return [...candidates].sort((a, b) => sign * (area((proposals[a] as Proposal).polygon) - area((proposals[b] as Proposal).polygon)));
  }
  return candidates;
}

/** Plural as written ("the cups"): every matching detection, not just the best. */
const isPlural = (p: NounPhrase) => {
  const last = p.text.split(' ').at(-1) ?? '';
  return last !== p.noun.split(' ').at(-1) && /s$/.test(last);
};

/**
 * Lands each of the prompt's noun phrases on a region. A detection matches by class, synonym or
 * family, weighted by the detector's confidence and any colour word; position and size words
 * choose among matches ("the cup on the left"). Regions from segmentation (no class) are used
 * only for phrases no detection matches, by colour, position, size or the order of mention.
 * A phrase that matches nothing is reported missing, never forced onto an unrelated region.
 */
export function ground(parse: PromptParse, proposals: Proposal[], width = Number.POSITIVE_INFINITY, height = Number.POSITIVE_INFINITY): GroundResult {
  const landed = new Map<number, Landed>();
  const missing: NounPhrase[] = [];
  const phrases = parse.phrases.filter((p) => !STUFF.has(p.noun));
  const free = (i: number) => !landed.has(i);
  const pending: NounPhrase[] = [];
  for (const phrase of phrases) {
    const classes = classesFor(phrase.noun);
    const scored: Array<{ i: number; s: number; via: Grounding['via'] }> = [];
    proposals.forEach((p, i) => {
      if (!free(i) || !p.detection) return;
      // The detector's first guess, or another class it saw on the same object.
      let top: { s: number; via: Grounding['via'] } | undefined;
      for (const h of [p.detection, ...(p.detection.alternatives ?? [])]) {
        const match = classes.find((c) => c.cocoClass === h.cocoClass);
        const s = match ? VIA_WEIGHT[match.via] * h.score * colourFactor(p, phrase.colour) : 0;
        if (match && (!top || s > top.s)) top = { s, via: match.via };
      }
      if (top) scored.push({ i, ...top });
    });
    if (scored.length) {
      scored.sort((a, b) => b.s - a.s);
      const best = scored[0] as (typeof scored)[number];
      // Only the best way of matching counts: a lemon lands on an orange before an apple.
      // Position and size words choose among every match of the best kind; otherwise weak ones drop out.
      // (a sliver of a person cut by the frame is not "the one on the left").
      let close = scored.filter((c) => c.via === best.via && c.s >= best.s * (phrase.position || phrase.size ? 0.25 : 0.35)).map((c) => c.i);
      // "The one on the left" is a whole one: a sliver cut by the frame's side is not it when a whole one is there.
      if (phrase.position && close.length > 1) {
        const whole = close.filter((i) => !cutBySide(proposals[i] as Proposal, width));
        if (whole.length) close = whole;
      }
      const chosen = isPlural(phrase) ? close : [pickByWords(phrase, close, proposals)[0] as number];
      const via: Grounding['via'] = phrase.position && close.length > 1 ? 'position' : phrase.colour && close.length > 1 ? 'colour' : best.via;
      for (const i of chosen) landed.set(i, { phrase, via });
      continue;
    }
    pending.push(phrase);
  }
  // Phrases no detection matched. A weak detection whose class nothing in the prompt claims is
  // likely misnamed (a plate called "toilet"); segmentation's regions have no name at all. Either
  // may carry the phrase, picked by its words (colour, position, size, roundness), never a
  // background region unless the phrase names a support.
  const claimed = new Set(phrases.flatMap((p) => classesFor(p.noun).map((c) => c.cocoClass)));
  const order: NounPhrase[] = [];
  // Things before the supports they stand on: in a close-up the pencil is the long flat region, not the desk.
  const things = pending.filter((p) => !SUPPORT_NOUNS.has(p.noun));
  const supports = pending.filter((p) => SUPPORT_NOUNS.has(p.noun));
  // A region lying inside the photo's salient thing is a part of it (a screwdriver's red handle):
  // a named thing is the whole. A detection is whole already (the salient region around it may
  // be a group: a ball and a box on a table).
  const whole = (i: number) => {
    const part = proposals[i] as Proposal;
    if (part.detection) return i;
    const j = proposals.findIndex(
      (q, k) =>
        k !== i &&
        q.salient &&
        free(k) &&
        !isBackgroundBox(q, width, height) &&
        inside(part.bbox, q.bbox) >= 0.85 &&
        area(part.polygon) < 0.8 * area(q.polygon),
    );
    return j >= 0 ? j : i;
  };
  const place = (phrase: NounPhrase) => {
    const support = SUPPORT_NOUNS.has(phrase.noun);
    const open = (i: number, allowBackground: boolean) => {
      const p = proposals[i] as Proposal;
      if (!free(i) || (!allowBackground && isBackgroundBox(p, width, height))) return false;
      return !p.detection || (p.detection.score < WEAK && !claimed.has(p.detection.cocoClass));
    };
    // A close-up fills the frame: when only background-shaped regions are left, the named thing is one of them.
    let regions = proposals.map((_, i) => i).filter((i) => open(i, support));
    if (regions.length === 0 && !support) regions = proposals.map((_, i) => i).filter((i) => open(i, true));
    if (regions.length === 0) {
      if (!support) missing.push(phrase);
      return;
    }
    if (phrase.colour) {
      // A round thing by its colour and its shape: the white ball, not a white sliver at the frame's edge.
      const match = (i: number) =>
        colourFactor(proposals[i] as Proposal, phrase.colour) * (ROUND.test(phrase.noun) ? 0.2 + roundness((proposals[i] as Proposal).polygon) : 1);
      const i = [...regions].sort((a, b) => match(b) - match(a))[0] as number;
      landed.set(whole(i), { phrase, via: 'colour' });
    } else if (phrase.position) {
      // "Little" among unnamed regions says how big the thing is, not which region: that is left to salience.
      landed.set(whole(pickByWords(phrase, regions, proposals)[0] as number), { phrase, via: 'position' });
    } else if (support) {
      // A table or shelf is the widest, flattest region, if one is flat enough.
      const i = [...regions].sort((a, b) => aspect(proposals[b] as Proposal) - aspect(proposals[a] as Proposal))[0] as number;
      if (aspect(proposals[i] as Proposal) >= 1.8) landed.set(i, { phrase, via: 'size' });
    } else if (ROUND.test(phrase.noun)) {
      const i = [...regions].sort((a, b) => roundness((proposals[b] as Proposal).polygon) - roundness((proposals[a] as Proposal).polygon))[0] as number;
      landed.set(whole(i), { phrase, via: 'shape' });
    } else order.push(phrase);
  };
  for (const phrase of things) place(phrase);
  // The rest by salience: people frame what they talk about, so the largest region nearest the
  // centre comes first; a weak detection beats an unnamed region; background comes last.
  const salience = (i: number) => {
    const p = proposals[i] as Proposal;
    const cx = (p.bbox.x + p.bbox.w / 2) / (Number.isFinite(width) ? width : 1);
    const cy = (p.bbox.y + p.bbox.h / 2) / (Number.isFinite(height) ? height : 1);
    const central = Number.isFinite(width) ? 1 - Math.min(1, Math.hypot(cx - 0.5, cy - 0.5) / 0.71) : 1;
    const size = Number.isFinite(width) ? Math.sqrt(Math.min(1, area(p.polygon) / (width * height))) : 1;
    return (0.3 + central) * (0.2 + size) * (p.detection ? 1 + p.detection.score : 1) * (isBackgroundBox(p, width, height) ? 0.5 : 1);
  };
  const rest = proposals
    .map((_, i) => i)
    .filter(
      (i) => free(i) && (!proposals[i]?.detection || ((proposals[i]?.detection?.score ?? 1) < WEAK && !claimed.has(proposals[i]?.detection?.cocoClass ?? ''))),
    )
    .sort((a, b) => salience(b) - salience(a));
  order.forEach((phrase) => {
    const i = rest.filter(free)[0];
    if (i !== undefined) landed.set(whole(i), { phrase, via: 'order' });
    else missing.push(phrase);
  });
  for (const phrase of supports) place(phrase);
  // Only things worth a click are reported: known kinds of object, and what the motion is about.
  const about = new Set(parse.verbs.flatMap((v) => (v.subject ? [v.subject] : [])));
  return { landed, missing: missing.filter((m) => isKnownThing(m.noun) || about.has(m)), subject: subjectOf(parse, landed, proposals) };
}

/** Share of box a's area that lies inside box b. */
function inside(a: BBox, b: BBox): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (w * h) / Math.max(1, a.w * a.h);
}

/** A detection weaker than this may be misnamed: an unmatched phrase can land on it. */
const WEAK = 0.6;
const ROUND =
  /\b(ball|orange|apple|lemon|lime|marble|egg|bead|pearl|globe|sphere|coin|wheel|tyre|tire|plate|disc|disk|puck|melon|peach|tomato|plum|bubble|balloon|bulb)\b/;

/** Touches two image borders or covers most of the frame (see buildScene's isBackground). */
function isBackgroundBox(p: Proposal, width: number, height: number): boolean {
  if (!Number.isFinite(width)) return false;
  const m = 2;
  const borders = [p.bbox.x <= m, p.bbox.y <= m, p.bbox.x + p.bbox.w >= width - m, p.bbox.y + p.bbox.h >= height - m].filter(Boolean).length;
  return borders >= 2 || area(p.polygon) > 0.45 * width * height;
}

/** Cut by the frame's left or right side. */
const cutBySide = (p: Proposal, width: number) => Number.isFinite(width) && (p.bbox.x <= 2 || p.bbox.x + p.bbox.w >= width - 2);

const aspect = (p: Proposal) => p.bbox.w / Math.max(1, p.bbox.h);

const isSupport = (l: Landed, p: Proposal) => SUPPORT_NOUNS.has(l.phrase.noun) || SUPPORT_CLASSES.has(p.detection?.cocoClass ?? '');

/**
 * The object the prompt's motion is about: what a transitive verb acts on ("they pass the
 * basketball"), else the verb's subject ("the orange falls"), else the first thing named that
 * is not a support.
 */
function subjectOf(parse: PromptParse, landed: Map<number, Landed>, proposals: Proposal[]): number | undefined {
  const indexOf = (phrase: NounPhrase | undefined) => {
    if (!phrase) return undefined;
    for (const [i, l] of landed) if (l.phrase === phrase && !isSupport(l, proposals[i] as Proposal)) return i;
    return undefined;
  };
  for (const v of parse.verbs) {
    const target = TRANSITIVE.has(v.verb) ? (indexOf(v.object) ?? indexOf(v.subject)) : (indexOf(v.subject) ?? indexOf(v.object));
    if (target !== undefined) return target;
  }
  const first = [...landed.entries()].filter(([i, l]) => !isSupport(l, proposals[i] as Proposal)).sort((a, b) => a[1].phrase.at - b[1].phrase.at)[0];
  return first?.[0];
}
