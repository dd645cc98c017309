import type { Conditions } from '../conditions';
import { type Properties, propertiesOf } from '../kb/properties';
import type { Context } from '../schema';
import type { PhenomenonId } from '../taxonomy';

/**
 * Inference over properties and conditions: what the set-up in the prompt makes happen, with
 * the numbers that decide it. Each rule reads materials' properties (kb/properties.ts) and the
 * conditions (conditions.ts) and states the visible outcome in plain words.
 */

/** An entity as inference sees it. */
export interface Thing {
  noun: string;
  /** "the steel bolt" */
  name: string;
  plural: boolean;
  material: string | null;
  state: string;
  density: number | null;
  restitution: number | null;
  brittleness: number | null;
  /** What a container holds ("water" for "a glass of water"). */
  contents?: string;
  /** Word position of the phrase in the prompt. */
  start: number;
  /** Support surface, place or other thing that does not move (floor, table, wall). */
  fixed: boolean;
}

export interface Inferred {
  id: PhenomenonId;
  /** 0 setting (throughout), 1 start of motion, 2 in flight or under way, 3 contact, 4 aftermath. */
  stage: number;
  /** Order within the stage. */
  order: number;
  explanation: string;
  consequence: string;
  trigger: string;
  entities: string[];
}

export interface Inference {
  events: Inferred[];
  /** Visible outcomes that are the absence of change ("the granite does not burn"). */
  nonEvents: string[];
  /** Phenomena the set-up rules out even if a word suggested them. */
  ruledOut: Set<PhenomenonId>;
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const verb = (t: Thing, singular: string, plural: string) => (t.plural ? plural : singular);
export const fmt = (n: number) =>
  Math.abs(n) >= 1000 ? Math.round(n).toString() : Math.abs(n) < 1 ? (Math.round(n * 100) / 100).toString() : (Math.round(n * 10) / 10).toString();
export const deg = (n: number) => `${fmt(n)} °C`;
export const re = (text: string, pattern: RegExp) => pattern.test(text);

export const SOFT_SURFACE = /\b(carpet|rug|mattress|memory-foam|foam|cushion|pillow|bed|sofa|sand|snow|grass|lawn|mud|hay|towel|duvet)\b/;
export const BOUNCY = /\b(ball|basketball|football|tennis ball|golf ball|superball|bouncy ball|soccer ball|rubber ball|volleyball)\b/;
export const NOT_BOUNCY = /\b(bowling ball|billiard|pool ball|cue ball|cannonball|lead ball|iron ball|steel ball|ball bearing)\b/;
export const ROUND = /\b(ball|marble|wheel|tyre|tire|can|tin|orange|apple|log|egg|cylinder|barrel|bottle|coin|hoop|pipe|pea|bead)\b/;
/** Vessels and appliances that do the heating: their not melting is not news. */
export const HEATERS =
  /\b(pan|pot|skillet|saucepan|stove|hob|kettle|furnace|oven|plate|tray|burner|forge|grill|griddle|spoon|tongs|wire|loop|flask|tube|beaker|stick)\b/;
export const PEOPLE = /\b(boy|girl|man|woman|child|kid|person|people|diver|swimmer|dog|cat|horse|skydiver|astronaut|player|someone)\b/;
export const OPEN_WATER = /\b(pool|swimming pool|pond|lake|river|sea|ocean|fountain|puddle|harbour|harbor|bath)\b/;
export const WATERY = new Set([
  'water',
  'salt water',
  'coffee',
  'milk',
  'vinegar',
  'lemon juice',
  'red cabbage',
  'universal indicator',
  'hydrochloric acid',
  'sodium hydroxide',
  'ammonia',
  'phenolphthalein',
]);
export const VISCOUS: Record<string, number> = { honey: 10, oil: 0.08, lava: 1000, petrol: 0.0006 };
export const ACIDS = new Set(['vinegar', 'lemon juice', 'hydrochloric acid', 'sulfuric acid']);
export const BASES = new Set(['sodium hydroxide', 'ammonia', 'baking soda', 'soap']);
export const INDICATORS = new Set(['red cabbage', 'blue litmus', 'red litmus', 'phenolphthalein', 'universal indicator']);
/** Mohs hardness of objects that are not one material in our table. */
export const OBJECT_MOHS: Record<string, number> = {
  fingernail: 2.5,
  nail: 2.5,
  file: 6.5,
  cutter: 9,
  'glass cutter': 9,
  pencil: 1.5,
  chalk: 1,
  crayon: 1,
  knife: 5.5,
  key: 3.5,
};

export function props(t: Thing | undefined): Properties | undefined {
  return propertiesOf(t?.material);
}

export interface Ctx {
  c: Conditions;
  things: Thing[];
  context: Context;
  events: Inferred[];
  nonEvents: string[];
  ruledOut: Set<PhenomenonId>;
}

export function add(
  ctx: Ctx,
  id: PhenomenonId,
  stage: number,
  order: number,
  explanation: string,
  consequence: string,
  trigger: string,
  things: Array<Thing | undefined>,
) {
  const existing = ctx.events.find((e) => e.id === id);
  if (existing) return;
  ctx.events.push({
    id,
    stage,
    order,
    explanation,
    consequence,
    trigger: `inferred from ${trigger}`,
    entities: things.filter((t): t is Thing => t !== undefined).map((t) => t.noun),
  });
}

export const isLiquid = (t: Thing) => t.state === 'liquid';
export const isSolid = (t: Thing) => t.state !== 'liquid' && t.state !== 'gas';

/** The thing the prompt is about: the first movable solid that is not only a container. */
export function mainSolid(ctx: Ctx): Thing | undefined {
  const solids = ctx.things.filter((t) => isSolid(t) && !t.fixed);
  return solids.find((t) => !t.contents) ?? solids[0];
}
