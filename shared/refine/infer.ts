import type { Conditions } from './conditions';
import { GRAVITY_MS2 } from './kb/contexts';
import { materialByWord } from './kb/materials';
import { type Properties, propertiesOf } from './kb/properties';
import type { Context } from './schema';
import type { PhenomenonId } from './taxonomy';

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

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const verb = (t: Thing, singular: string, plural: string) => (t.plural ? plural : singular);
const fmt = (n: number) =>
  Math.abs(n) >= 1000 ? Math.round(n).toString() : Math.abs(n) < 1 ? (Math.round(n * 100) / 100).toString() : (Math.round(n * 10) / 10).toString();
const deg = (n: number) => `${fmt(n)} °C`;
const re = (text: string, pattern: RegExp) => pattern.test(text);

const SOFT_SURFACE = /\b(carpet|rug|mattress|memory-foam|foam|cushion|pillow|bed|sofa|sand|snow|grass|lawn|mud|hay|towel|duvet)\b/;
const BOUNCY = /\b(ball|basketball|football|tennis ball|golf ball|superball|bouncy ball|soccer ball|rubber ball|volleyball)\b/;
const NOT_BOUNCY = /\b(bowling ball|billiard|pool ball|cue ball|cannonball|lead ball|iron ball|steel ball|ball bearing)\b/;
const ROUND = /\b(ball|marble|wheel|tyre|tire|can|tin|orange|apple|log|egg|cylinder|barrel|bottle|coin|hoop|pipe|pea|bead)\b/;
/** Vessels and appliances that do the heating: their not melting is not news. */
const HEATERS =
  /\b(pan|pot|skillet|saucepan|stove|hob|kettle|furnace|oven|plate|tray|burner|forge|grill|griddle|spoon|tongs|wire|loop|flask|tube|beaker|stick)\b/;
const PEOPLE = /\b(boy|girl|man|woman|child|kid|person|people|diver|swimmer|dog|cat|horse|skydiver|astronaut|player|someone)\b/;
const OPEN_WATER = /\b(pool|swimming pool|pond|lake|river|sea|ocean|fountain|puddle|harbour|harbor|bath)\b/;
const WATERY = new Set([
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
const VISCOUS: Record<string, number> = { honey: 10, oil: 0.08, lava: 1000, petrol: 0.0006 };
const ACIDS = new Set(['vinegar', 'lemon juice', 'hydrochloric acid', 'sulfuric acid']);
const BASES = new Set(['sodium hydroxide', 'ammonia', 'baking soda', 'soap']);
const INDICATORS = new Set(['red cabbage', 'blue litmus', 'red litmus', 'phenolphthalein', 'universal indicator']);
/** Mohs hardness of objects that are not one material in our table. */
const OBJECT_MOHS: Record<string, number> = {
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

function props(t: Thing | undefined): Properties | undefined {
  return propertiesOf(t?.material);
}

interface Ctx {
  c: Conditions;
  things: Thing[];
  context: Context;
  events: Inferred[];
  nonEvents: string[];
  ruledOut: Set<PhenomenonId>;
}

function add(
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

const isLiquid = (t: Thing) => t.state === 'liquid';
const isSolid = (t: Thing) => t.state !== 'liquid' && t.state !== 'gas';

/** The thing the prompt is about: the first movable solid that is not only a container. */
function mainSolid(ctx: Ctx): Thing | undefined {
  const solids = ctx.things.filter((t) => isSolid(t) && !t.fixed);
  return solids.find((t) => !t.contents) ?? solids[0];
}

// ── thermal ────────────────────────────────────────────────────────────────

function thermal(ctx: Ctx) {
  const { c } = ctx;
  const t = c.temperature;
  const explicitHeat = c.heat !== null || (t.max !== null && t.direction === 'up') || c.heatedVaguely;
  for (const thing of ctx.things) {
    const p = props(thing);
    if (!p) continue;
    const name = thing.name;
    // Solid → gas with no liquid between: dry ice at room temperature, warmed iodine, mothballs over time.
    if (p.sublime !== undefined && isSolid(thing)) {
      const reach = t.max ?? 21;
      const warmEnough = reach > p.sublime && (p.sublime < 0 || c.heatedVaguely || explicitHeat || (c.longTime && p.sublime <= 25));
      if (warmEnough) {
        const look =
          thing.material === 'iodine' ? 'a violet vapour that fills the flask' : 'a low, rolling white fog that pours over the edge and spills downward';
        add(
          ctx,
          'sublimation',
          2,
          0,
          `${cap(thing.material ?? 'it')} sublimes at ${deg(p.sublime)} at normal pressure (${p.source}), and here it is at about ${deg(reach)}, so it turns straight from solid to gas with no liquid.`,
          thing.material === 'naphthalene'
            ? `${cap(name)} slowly ${verb(thing, 'shrinks', 'shrink')} and ${verb(thing, 'vanishes', 'vanish')} into vapour without ever leaving a puddle.`
            : `${cap(name)} ${verb(thing, 'sublimates', 'sublimate')} without melting, giving off ${look}, and ${verb(thing, 'shrinks', 'shrink')} away.`,
          'a solid kept above its sublimation point',
          [thing],
        );
        continue;
      }
    }
    const burns = p.ignition !== undefined && c.heat?.flame === true && c.heat.celsius >= p.ignition && thing.material !== 'wax';
    if (
      (thing.material === 'snow' || thing.material === 'ice') &&
      ((t.max !== null && t.max < 0 && !c.heat) || (c.cold !== null && c.cold.celsius < 0 && !re(c.text, /\b(rises?|warms?|thaw)\b/))) &&
      re(c.text, /\b(sun|sunny|wind|windy|dry|altitude|ridge|summit)\b/)
    ) {
      add(
        ctx,
        'sublimation',
        2,
        0,
        `The air stays below 0 °C (${t.basis}), so ${thing.material} cannot melt, but sun and dry wind carry water molecules straight off the ice crystals as vapour.`,
        `${cap(name)} slowly shrinks and thins without any meltwater, sublimating straight into vapour, its edges turning sharp and pitted.`,
        'ice in sun and dry air below freezing',
        [thing],
      );
      ctx.ruledOut.add('solidification');
      continue;
    }
    const molten = /\b(melted|molten|liquid|hot wax|runny)\b/.test(name) || thing.state === 'liquid';
    if (p.melt !== undefined && !molten && isSolid(thing) && !burns) {
      if (explicitHeat && t.max !== null && t.max > p.melt) {
        const start = t.from ?? (p.melt <= 0 ? Math.min(p.melt - 5, t.min ?? p.melt - 5) : 21);
        if (start >= p.melt && t.from !== null) continue;
        const sizzle =
          t.max >= 100 && (thing.material === 'ice' || thing.material === 'snow') ? ', and the meltwater hisses and skitters on the hot metal' : '';
        const look =
          thing.material === 'butter' || thing.material === 'chocolate'
            ? `softens, slumps and melts into a glossy puddle`
            : thing.material === 'ice' || thing.material === 'snow'
              ? `melts from the edges inward, shrinking and rounding as a pool of water spreads around it`
              : thing.material === 'wax'
                ? 'melts into a clear pool of liquid wax around the wick'
                : thing.material === 'ice cream'
                  ? 'melts, slumping and dripping into a spreading puddle'
                  : thing.material === 'sugar'
                    ? 'melts into a clear syrup that turns amber, then brown'
                    : 'melts, sagging and running into a bright molten puddle';
        add(
          ctx,
          'melting',
          c.placement === 'into' ? 4 : 2,
          0,
          `${cap(thing.material ?? 'It')} melts at about ${deg(p.melt)} (${p.source}); the temperature here reaches ${deg(t.max)} (${t.basis}), so it crosses the melting point.`,
          `${cap(name)} ${verb(thing, look.split(' ')[0] ?? 'melts', look.split(' ')[0]?.replace(/s$/, '') ?? 'melt')}${look.slice(look.indexOf(' '))}${sizzle}.`,
          'the temperature path crossing the melting point',
          [thing],
        );
      } else if (
        explicitHeat &&
        t.max !== null &&
        t.max <= p.melt &&
        p.melt > 100 &&
        !p.ignition &&
        !thing.fixed &&
        !thing.contents &&
        !HEATERS.test(thing.noun)
      ) {
        ctx.nonEvents.push(
          `${cap(name)} ${verb(thing, 'stays', 'stay')} solid: ${thing.material} melts only at about ${deg(p.melt)}, well above the ${deg(t.max)} it reaches.`,
        );
        ctx.ruledOut.add('melting');
      } else if (explicitHeat && t.max !== null && t.max <= p.melt && p.melt <= 100) {
        ctx.nonEvents.push(
          `${cap(name)} ${verb(thing, 'stays', 'stay')} firm: ${thing.material} only starts to melt near ${deg(p.melt)} and it reaches just ${deg(t.max)}.`,
        );
        ctx.ruledOut.add('melting');
      }
    }
    // Liquid → solid: cooled below the freezing point.
    if (
      p.melt !== undefined &&
      (molten || isLiquid(thing)) &&
      t.min !== null &&
      t.min < p.melt &&
      (c.cold !== null || t.direction === 'down' || /\b(freez|frozen)/.test(c.text) || t.min < 0)
    ) {
      const look =
        thing.material === 'water' || thing.material === 'salt water' || thing.material === 'milk'
          ? 'freezes: a skin of ice forms at the surface and edges and thickens inward until it is solid, cloudy white ice'
          : thing.material === 'lava'
            ? 'solidifies where it meets the cold: its glowing surface darkens to a black crust that cracks into rock'
            : 'cools, turns opaque and hardens, setting solid from the edges inward';
      add(
        ctx,
        'solidification',
        2,
        1,
        `${cap(thing.material ?? 'It')} freezes at about ${deg(p.melt as number)} (${p.source}); it is cooled to about ${deg(t.min)}, below that point, so it turns solid.`,
        `${cap(name)} ${look}.`,
        'cooling below the freezing point',
        [thing],
      );
    }
    // Liquid → gas throughout the liquid: heated to its boiling point, or a liquid that boils below room temperature.
    if (isLiquid(thing) && p.boil !== undefined) {
      const reach = p.boil < 0 ? 21 : (t.max ?? null);
      if (reach !== null && reach >= p.boil && (p.boil < 0 || explicitHeat)) {
        add(
          ctx,
          'boiling',
          2,
          2,
          `${cap(thing.material ?? 'The liquid')} boils at ${deg(p.boil)} (${p.source}); here it is heated to about ${deg(reach)}, so vapour bubbles form inside it.`,
          p.boil < 0
            ? `${cap(name)} ${verb(thing, 'boils', 'boil')} violently on contact, skittering and giving off billowing white vapour as it vanishes.`
            : `${cap(name)} ${verb(thing, 'boils', 'boil')}: tiny bubbles form on the bottom, then large bubbles rise and burst at the churning surface, and steam rises.`,
          'heating to the boiling point',
          [thing],
        );
      } else if (explicitHeat && t.max !== null && t.max < p.boil && t.max > 30 && thing.material === 'water' && t.direction === 'up') {
        ctx.nonEvents.push(
          `${cap(name)} ${verb(thing, 'warms', 'warm')} but does not boil: at ${deg(t.max)} it stays below its ${deg(p.boil)} boiling point, with only faint wisps of steam.`,
        );
        ctx.ruledOut.add('boiling');
      }
    }
  }
  // Hot solids plunged into water (lava, a glowing rod) boil the water they touch.
  if (c.heat && c.heat.celsius >= 500 && !c.heat.flame && ctx.things.some((t) => t.material === 'water' || t.material === 'salt water')) {
    const water = ctx.things.find((t) => t.material === 'water' || t.material === 'salt water');
    if (water)
      add(
        ctx,
        'boiling',
        3,
        2,
        `The hot material is near ${deg(c.heat.celsius)}, far above water's 100 °C boiling point (CRC), so the water it touches flashes to steam.`,
        `Where the glowing metal meets ${water.name}, it boils instantly with a violent hiss, bubbling and throwing up clouds of white steam.`,
        'a hot solid meeting water',
        [water],
      );
  }
}

function moisture(ctx: Ctx) {
  const { c } = ctx;
  const t = c.temperature;
  const text = c.text;
  const freezing = (t.min !== null && t.min < 0) || re(text, /\b(below freezing|freezing|frost|frosty)\b/);
  const liquidWater = ctx.things.find((x) => isLiquid(x) && (x.material === 'water' || x.material === 'salt water' || x.material === 'alcohol'));
  const surface = ctx.things.find((x) => re(x.noun, /\b(windscreen|windshield|railing|leaf|window|mirror|lid|grass|car|door|can|bottle|glass|pane|roof)\b/));
  // Deposition: water vapour straight to ice on a surface below freezing.
  if (
    freezing &&
    (c.clearNight || c.humid || re(text, /\b(freezer door|open freezer)\b/)) &&
    !liquidWater &&
    surface &&
    !re(text, /\bfrom the (fridge|freezer)\b/)
  ) {
    add(
      ctx,
      'deposition',
      4,
      0,
      `${cap(surface.name)} is cooled below 0 °C (${t.basis || 'a freezing night'}); water vapour in the air meets it and turns straight into ice without becoming liquid first.`,
      `Feathery white frost crystals grow across ${surface.name}, spreading in fern-like patterns until the surface is furred with ice crystals.`,
      'a surface below freezing in moist air',
      [surface],
    );
    return;
  }
  // Condensation: warm moist air meets a surface colder than its dew point.
  const coldThing = re(
    text,
    /\b(ice-cold|ice cold|iced|cold (beer|drink|can|soda|bottle|glass|window|pane|mirror|metal)|from the fridge|out of the fridge|chilled|icy)\b/,
  );
  const steamy = re(text, /\b(hot shower|after a (hot )?shower|breathes?|breath|boiling|kettle|steam|steamy)\b/);
  const coolSurface = surface ?? ctx.things.find((x) => re(x.noun, /\b(mirror|window|lid|pane|glass)\b/));
  const dew = c.clearNight && re(text, /\b(morning|dawn)\b/) && re(text, /\b(grass|leaf|leaves|lawn|web|petal)\b/) && !freezing;
  if (
    (coldThing && (c.humid || re(text, /\b(hot|warm|summer|july|august|afternoon)\b/))) ||
    (steamy && coolSurface && re(text, /\b(mirror|window|lid|pane|over)\b/)) ||
    dew
  ) {
    const where = dew ? 'the grass blades' : (coolSurface?.name ?? mainSolid(ctx)?.name ?? 'the cold surface');
    add(
      ctx,
      'condensation',
      4,
      1,
      `${cap(where)} is colder than the dew point of the moist air around it, so water vapour condenses into liquid on it.`,
      dew
        ? `Tiny beads of dew cover the grass blades, glinting as droplets gather at their tips.`
        : `${cap(where)} fogs over as tiny droplets condense on it, then beads of water grow, merge and run down in streaks.`,
      dew ? 'a cool clear night' : 'a cold surface in moist air',
      [coolSurface],
    );
  }
  // Evaporation: liquid below its boiling point, given time, sun, a breeze or a volatile liquid.
  const wet =
    liquidWater ??
    (re(text, /\b(wet|damp|puddle|laundry)\b/) ? ctx.things.find((x) => re(x.noun, /\b(laundry|footprint|puddle|towel|clothes|pavement)\b/)) : undefined) ??
    (re(text, /\bdehydrator\b/) ? mainSolid(ctx) : undefined);
  const volatile = liquidWater?.material === 'alcohol';
  const alreadyBoiling =
    ctx.events.some((e) => e.id === 'boiling' || e.id === 'dissolving') ||
    (re(text, /\brain\b/) && !re(text, /\bafter (the |a )?(rain|shower|summer shower)\b/));
  const frozen = ctx.events.some((e) => e.id === 'solidification');
  if (
    wet &&
    !alreadyBoiling &&
    !frozen &&
    (volatile ||
      re(text, /\bdehydrator\b/) ||
      (c.drying && (c.longTime || re(text, /\b(hot|sunny|sun|breezy)\b/)) && !re(text, /\b(pour|poured|stir|drop|dropped|tips?)\b/)))
  ) {
    const p = props(wet);
    add(
      ctx,
      'evaporation',
      4,
      2,
      volatile
        ? `Rubbing alcohol boils at only ${deg(p?.boil ?? 82.5)} (${p?.source ?? 'CRC'}), so it evaporates fast even at skin temperature, cooling the skin.`
        : `Below its boiling point the liquid still evaporates from its surface; warmth, sun and moving air carry the vapour away${c.longTime ? ' over the hours' : ''}.`,
      volatile
        ? `The alcohol evaporates within seconds, its wet sheen shrinking from the edges until the skin is dry.`
        : `${cap(wet.name)} slowly evaporates: the wet area shrinks from the edges and the level drops until it dries${wet.material === 'salt water' ? ', leaving a crust of white salt crystals' : ''}.`,
      'liquid left to dry',
      [wet],
    );
  }
}

// ── fire and flame colours ───────────────────────────────────────────────────

function fire(ctx: Ctx) {
  const { c } = ctx;
  const lighting =
    (re(c.text, /\b(struck|strike|striker|brushed|lit|lights?)\b/) && re(c.text, /\b(match|matchstick|candle|lighter|wick)\b/)) ||
    re(c.text, /\b(burning|lit candle|is lit)\b/);
  const flame = c.heat?.flame ? c.heat : lighting ? { text: 'a flame', celsius: 1000, flame: true } : null;
  if (!flame) return;
  const salts = ctx.things.filter((t) => props(t)?.flame && t.material !== 'copper');
  if (salts.length === 0) {
    // The parser can split a salt's name ("copper sulfate crystals"); look for it in the words too.
    const words = c.text.trim().split(' ');
    for (let i = 0; i < words.length && salts.length === 0; i++) {
      const next = words[i + 1] ?? '';
      const material = materialByWord(`${words[i]} ${next}`) ?? (next === 'chloride' || next === 'nitrate' ? materialByWord(words[i] ?? '') : undefined);
      if (material && propertiesOf(material.name)?.flame && material.name !== 'copper')
        salts.push({
          noun: material.name,
          name: `the ${material.name.replace(' salt', '')}`,
          plural: false,
          material: material.name,
          state: 'granular',
          density: material.density,
          restitution: null,
          brittleness: null,
          start: i,
          fixed: false,
        });
    }
  }
  const copper = ctx.things.find((t) => t.material === 'copper' && re(t.noun, /\b(wire|loop|coil|strip)\b/));
  const colourSource = salts[0] ?? copper;
  if (colourSource) {
    const p = props(colourSource) as Properties;
    add(
      ctx,
      'flame_color',
      2,
      1,
      `In the ${flame.text} the ${colourSource.material?.replace(' salt', '')} atoms are excited and emit light of their own wavelengths: the flame test colour is ${p.flame} (${p.source}).`,
      `The flame turns a vivid ${p.flame} where ${colourSource.name} ${verb(colourSource, 'meets', 'meet')} it, flickering ${p.flame} above it.`,
      'a metal salt in a flame',
      [colourSource],
    );
    ctx.ruledOut.add('combustion');
    return;
  }
  const fuelIsSource = /\b(campfire|bonfire|fireplace|burning logs|log fire|candle flame|burner|stove|torch|lighter|match)\b/;
  const subjects = ctx.things.filter(
    (t) =>
      isSolid(t) && !t.fixed && !re(t.noun, fuelIsSource) && !re(t.noun, /\b(stick|skewer|tongs|hand|box|stove|pan|pot|wire|loop|spoon|flask|test tube)\b/),
  );
  const subject =
    subjects.find((t) => props(t)?.ignition !== undefined || re(t.noun, /\b(match|matchstick|candle|marshmallow)\b/)) ??
    subjects.find((t) => t.material !== null);
  if (!subject) {
    if (re(c.text, /\b(campfire|bonfire|fireplace|log fire|candle)\b/) && !ctx.things.some((t) => isSolid(t) && !t.fixed && !re(t.noun, fuelIsSource)))
      add(
        ctx,
        'combustion',
        2,
        0,
        'The fuel keeps burning: its heat keeps the next layer above its ignition point while air feeds oxygen in.',
        'The fire burns with flickering yellow-orange flames, sparks rising and the fuel glowing and slowly turning to ash.',
        'a fire',
        [],
      );
    return;
  }
  const p = props(subject);
  const ignition = re(subject.noun, /\b(match|matchstick)\b/) ? 180 : p?.ignition;
  if (ignition !== undefined && flame.celsius >= ignition) {
    const white = subject.material === 'magnesium';
    add(
      ctx,
      'combustion',
      2,
      0,
      `${cap(subject.material ?? subject.noun)} catches fire at about ${deg(ignition)} (${p?.source ?? 'NFPA'}); the ${flame.text} is roughly ${deg(flame.celsius)}, so it ignites and keeps burning on its own fuel.`,
      white
        ? `${cap(subject.name)} ${verb(subject, 'ignites', 'ignite')} and ${verb(subject, 'burns', 'burn')} with a blinding brilliant white light, crumbling to white ash.`
        : re(subject.noun, /\bcandle\b/)
          ? `The wick catches and the candle burns with a steady teardrop-shaped yellow flame that flickers in the air.`
          : `${cap(subject.name)} ${verb(subject, 'catches', 'catch')} fire: the edge blackens and curls, a yellow flame spreads across ${verb(subject, 'it', 'them')} and ${verb(subject, 'it burns', 'they burn')} down to glowing embers and ash.`,
      'a combustible material in a flame hotter than its ignition point',
      [subject],
    );
    if (re(subject.noun, /\bcandle\b/) && !ctx.events.some((e) => e.id === 'melting')) {
      add(
        ctx,
        'melting',
        2,
        1,
        'The flame heats the wax above its 50–65 °C melting point (CRC), and the liquid wax feeds the flame up the wick.',
        'The wax at the top melts into a clear pool around the wick.',
        'a lit candle',
        [subject],
      );
    }
  } else if (ignition === undefined && subject.material !== null) {
    ctx.nonEvents.push(
      `${cap(subject.name)} ${verb(subject, 'does', 'do')} not burn: ${subject.material} has no ignition point and only heats up, ${verb(subject, 'its', 'their')} surface blackened by soot while the flames lick around ${verb(subject, 'it', 'them')}, unchanged.`,
    );
    ctx.ruledOut.add('combustion');
  }
}

// ── solids meeting liquids ──────────────────────────────────────────────────

function densityCompare(solid: Thing, liquid: Thing): string {
  const ratio = (solid.density ?? 0) / (liquid.density ?? 1000);
  const a = solid.material ?? solid.noun;
  const b = liquid.material ?? liquid.noun;
  return ratio >= 1
    ? `${a} (${fmt(solid.density ?? 0)} kg/m³) is ${fmt(ratio)} times denser than ${b} (${fmt(liquid.density ?? 1000)} kg/m³)`
    : `${a} (${fmt(solid.density ?? 0)} kg/m³) is only ${fmt(ratio * 100)}% as dense as ${b} (${fmt(liquid.density ?? 1000)} kg/m³)`;
}

function liquids(ctx: Ctx) {
  const { c } = ctx;
  const liquid = ctx.things.find((t) => isLiquid(t) && t.density !== null);
  if (!liquid) return;
  const pouredIn = re(c.text, /\b(pour|pours|poured|pouring)\b/);
  const solid = ctx.things.find(
    (t) =>
      isSolid(t) &&
      !t.fixed &&
      !t.contents &&
      t.density !== null &&
      !re(t.noun, /\b(spoon|straw|pencil|stick|hand|finger|stove)\b/) &&
      !(pouredIn && re(t.noun, /\b(glass|cup|mug|bowl|jar|jug|pot|pan|beaker|bottle|bucket|mould|mold|pint)\b/)),
  );
  const acid = ctx.things.find((t) => t.material !== null && ACIDS.has(t.material));
  const text = c.text;
  // A liquid poured or released into another liquid.
  const second = ctx.things.find((t) => t !== liquid && isLiquid(t) && t.density !== null);
  const drop = ctx.things.find((t) => isLiquid(t) && re(t.noun, /\b(raindrop|drop|droplet)\b/));
  if (!solid && drop && second && re(text, /\b(lands?|falls?|drips?|splash\w*)\b/) && ctx.context.gravity !== 'zero') {
    add(
      ctx,
      'gravity',
      2,
      0,
      `Gravity (${GRAVITY_MS2[ctx.context.gravity]} m/s²) accelerates the drop until it meets the surface.`,
      `${cap(drop.name)} falls, speeding up.`,
      'a falling drop',
      [drop],
    );
    add(
      ctx,
      'splashing',
      3,
      0,
      'The drop hits faster than the water can move aside, so it throws up a crown and then a rebounding jet.',
      `It hits the surface with a splash: a crown of droplets rises, then a thin jet rebounds and ripples spread.`,
      'a drop falling into a liquid',
      [drop],
    );
    return;
  }
  if (!solid && second && (c.placement === 'into' || re(text, /\b(poured into|drop of|released into|added to)\b/))) {
    const [top, under] = (liquid.start < second.start ? [liquid, second] : [second, liquid]) as [Thing, Thing];
    const ratio = (top.density ?? 1000) / (under.density ?? 1000);
    if (Math.abs(ratio - 1) > 0.05 && !ACIDS.has(top.material ?? '') && !INDICATORS.has(top.material ?? '') && !INDICATORS.has(under.material ?? '')) {
      add(
        ctx,
        'buoyancy',
        3,
        0,
        `${densityCompare(top, under)}, and the two do not mix, so ${top.name} ${ratio < 1 ? 'rises and floats on top' : 'sinks below'}.`,
        ratio < 1
          ? `${cap(top.name)} floats up and spreads into a separate layer on top of ${under.name}, forming beads that merge into one floating layer.`
          : `${cap(top.name)} sinks through ${under.name} and settles in a layer at the bottom.`,
        'two liquids of different density',
        [top, under],
      );
    } else if (top.material === 'coffee' && re(text, /\bink\b/)) {
      add(
        ctx,
        'flow',
        2,
        0,
        'The ink is almost exactly as dense as water, so it neither sinks nor floats but is carried by the slow currents its own fall stirs up, then diffuses.',
        'The drop of ink spreads into curling plumes and swirling tendrils that slowly diffuse until the water is evenly tinted.',
        'a liquid released into a liquid of the same density',
        [top, under],
      );
    }
    return;
  }
  const mover = solid ?? ctx.things.find((t) => isSolid(t) && !t.fixed && !t.contents && PEOPLE.test(t.noun));
  if (!mover) return;
  if ((c.falls || c.thrown) && c.placement === 'into' && ctx.context.gravity !== 'zero') {
    add(
      ctx,
      'gravity',
      2,
      0,
      `Gravity (${GRAVITY_MS2[ctx.context.gravity]} m/s²) accelerates ${mover.name} down until ${verb(mover, 'it meets', 'they meet')} ${liquid.name}.`,
      `${cap(mover.name)} ${verb(mover, 'drops', 'drop')} and ${verb(mover, 'falls', 'fall')} into ${liquid.name}.`,
      'an object falling into a liquid',
      [mover],
    );
  }
  if ((c.falls || c.thrown) && re(text, OPEN_WATER) && !re(text, /\b(lowered|placed|set down|gently)\b/)) {
    add(
      ctx,
      'splashing',
      3,
      -1,
      `The falling ${mover.noun} pushes water aside faster than it can flow away, so the water is thrown up and out.`,
      `It hits the water with a splash, throwing up a crown of droplets and spreading ripples.`,
      'an object falling into open water',
      [mover, liquid],
    );
  }
  if (!solid || PEOPLE.test(solid.noun)) return;
  const p = props(solid);
  const placed =
    c.placement !== null || re(text, /\b(dropped into|put in|in a (glass|cup|bowl|beaker|jar) of|stirred into|spooned into|tipped into|dipped into)\b/);
  if (!placed) return;
  const watery = WATERY.has(liquid.material ?? '');
  // Dissolving: a soluble solid in water-based liquid.
  if (p?.solubility !== undefined && p.solubility >= 0.1 && watery && !(acid && p.acidGas)) {
    const slow = p.solubility < 1;
    const warm = c.heat && c.heat.celsius >= 40 ? ' and dissolves faster in the hot liquid' : '';
    add(
      ctx,
      'dissolving',
      3,
      1,
      `${cap(solid.material ?? solid.noun)} dissolves in water: ${fmt(p.solubility)} g per 100 mL at 20 °C (${p.source})${slow ? ', slowly, helped by the tablet breaking up' : ', far more than this amount'}${warm}.`,
      re(text, /\beffervescent|fizz/)
        ? `${cap(solid.name)} fizzes, streaming bubbles as it shrinks and dissolves completely, leaving the liquid clear.`
        : `${cap(solid.name)} ${verb(solid, 'dissolves', 'dissolve')}: grains shrink and vanish, shimmering wavy streaks of dissolving ${solid.material} swirl through ${liquid.name} until nothing solid is left.`,
      'a soluble solid in water',
      [solid, liquid],
    );
    return;
  }
  if (INDICATORS.has(solid.material ?? '')) return;
  if (p?.solubility !== undefined && p.solubility < 0.1) ctx.ruledOut.add('dissolving');
  if (acid && p?.acidGas) return;
  if (c.placement === 'gently-on-surface' || re(solid.noun, /\b(strider|pond skater|insect)\b/)) {
    if (
      re(solid.noun, /\b(needle|pin|paperclip|paper clip|razor blade|blade|strider|pond skater|insect|clip|coin|leaf)\b/) ||
      (solid.density ?? 0) > (liquid.density ?? 1000)
    ) {
      add(
        ctx,
        'surface_tension',
        3,
        0,
        `${cap(densityCompare(solid, liquid))}, yet laid flat and gently it rests on the surface: water's surface tension (0.072 N/m, CRC) acts like a stretched skin and carries its small weight.`,
        `${cap(solid.name)} floats on the surface, resting in a small dimple in the water's skin that bends the reflections around ${verb(solid, 'it', 'them')}, instead of sinking.`,
        'a small object laid gently on water',
        [solid, liquid],
      );
      return;
    }
  }
  if (solid.density === null) return;
  const others = ctx.things.filter(
    (t) => t !== solid && isSolid(t) && !t.fixed && !t.contents && t.density !== null && !PEOPLE.test(t.noun) && props(t)?.solubility === undefined,
  );
  if (others.length > 0 && !ctx.events.some((e) => e.id === 'surface_tension')) {
    const all = [solid, ...others].slice(0, 4);
    const fate = (t: Thing) =>
      (t.density ?? 0) >= (liquid.density ?? 1000)
        ? `${t.name} ${verb(t, 'sinks', 'sink')} to the bottom`
        : `${t.name} ${verb(t, 'bobs', 'bob')} up and ${verb(t, 'floats', 'float')}`;
    add(
      ctx,
      'buoyancy',
      3,
      0,
      `${all.map((t) => `${densityCompare(t, liquid)}`).join('; ')}: what is denser than the liquid sinks, what is less dense floats.`,
      `${cap(all.map(fate).join(', while '))}.`,
      'comparing densities',
      [...all, liquid],
    );
    return;
  }
  const ratio = solid.density / (liquid.density ?? 1000);
  const viscous = VISCOUS[liquid.material ?? ''];
  if (ratio >= 1) {
    add(
      ctx,
      'buoyancy',
      3,
      0,
      `${cap(densityCompare(solid, liquid))}, so its weight beats the buoyant force and it sinks.`,
      viscous && viscous > 1
        ? `${cap(solid.name)} sinks very slowly through the thick ${liquid.material}, taking a long time to reach the bottom.`
        : `${cap(solid.name)} ${verb(solid, 'sinks', 'sink')} straight to the bottom${(p?.solubility ?? 1) === 0 ? ', settling in a layer' : ''}${c.falls || c.thrown ? ', trailing a few air bubbles' : ''}.`,
      'comparing densities',
      [solid, liquid],
    );
    if (viscous && viscous > 1)
      add(
        ctx,
        'viscosity',
        3,
        1,
        `${cap(liquid.material ?? 'The liquid')} is about ${fmt(viscous * 1000)} times more viscous than water, so it resists motion through it.`,
        `${cap(liquid.name)} drags on it, so it moves slowly and smoothly, leaving a slowly closing trail.`,
        'a viscous liquid',
        [liquid],
      );
  } else {
    const rises = c.placement === 'released-under' || re(text, /\b(pushed under|held under|at the bottom)\b/);
    add(
      ctx,
      'buoyancy',
      3,
      0,
      `${cap(densityCompare(solid, liquid))}, so the buoyant force beats its weight and it floats with about ${fmt(ratio * 100)}% of its volume below the surface.`,
      rises
        ? `${cap(solid.name)} ${verb(solid, 'rises', 'rise')} quickly to the surface, pops up and bobs before it settles, floating.`
        : `${cap(solid.name)} ${verb(solid, 'floats', 'float')}, bobbing at the surface with about ${fmt(Math.min(99, ratio * 100))}% of ${verb(solid, 'itself', 'themselves')} under the water.`,
      'comparing densities',
      [solid, liquid],
    );
  }
}

// ── impacts, tipping, rolling, sliding ──────────────────────────────────────

const LANDING =
  /\b(onto|on to|on|against|into|above) (a |an |the |his |her )?([\w-]+ ){0,3}(floor|concrete|tiles?|pavement|driveway|court|plate|workbench|bench|table|road|patio|ground|steps|stairs|deck|mattress|carpet|rug|sand|snow|grass|lawn|wall|paving|marble|cushion|bed|steel plate|slab)\b/;

/** Where a falling or thrown thing lands, and whether that surface is soft. */
function landingOf(text: string): { surface: string; soft: boolean } | null {
  const landing = text.match(LANDING);
  if (landing) return { surface: landing[0].replace(/^\w+( to)? (a |an |the |his |her )?/, ''), soft: SOFT_SURFACE.test(landing[0]) };
  if (/\boff (the |a )?(edge of (the |a )?)?(kitchen )?(table|counter|shelf|desk|worktop)\b/.test(text)) return { surface: 'floor', soft: false };
  return null;
}

function impact(ctx: Ctx) {
  const { c } = ctx;
  const text = c.text;
  const subject = mainSolid(ctx);
  if (!subject) return;
  const intoLiquid = c.placement !== null && ctx.things.some(isLiquid);
  const g = GRAVITY_MS2[ctx.context.gravity];
  if (re(text, /\b(at each other|head-on|into each other|towards? each other|meet head|collide|colliding)\b/)) {
    const bumper = re(text, /\b(bumper|rubber|bouncy)\b/) || subject.state === 'elastic';
    add(
      ctx,
      'collision',
      3,
      0,
      'When they meet, equal and opposite forces act on both at the contact, so momentum passes between them while its total is kept.',
      bumper
        ? `They meet with a jolt and bounce apart, each rebounding backwards.`
        : `They meet with a sharp crack: momentum passes between them, so each one changes speed and direction at once, rebounding apart.`,
      'two objects moving toward each other',
      [subject],
    );
    if (bumper)
      add(
        ctx,
        'elasticity',
        3,
        1,
        'Rubber bumpers compress and spring back, returning most of the energy.',
        'Their rubber bumpers squash and spring back, so they rebound.',
        'elastic bumpers',
        [subject],
      );
    return;
  }
  if (re(subject.noun, /\b(car|truck|van|bus|train|lorry)\b/) && re(text, /\b(runs? into|crash(es)? into|slams? into|hits?|smashes into)\b/)) {
    const speed = text.match(/(\d+)\s*(km\/h|kph|mph)/);
    add(
      ctx,
      'collision',
      3,
      0,
      `It stops in a fraction of a second${speed ? ` from ${speed[1]} ${speed[2]}` : ''}, so the force on it is huge.`,
      `${cap(subject.name)} slams into it and stops abruptly; the barrier stays put.`,
      'a vehicle hitting a fixed object',
      [subject],
    );
    add(
      ctx,
      'deformation',
      3,
      1,
      'Its crumple zone is built to fold, absorbing the kinetic energy by bending metal.',
      `The front of ${subject.name} crumples and folds inward, the bonnet buckling, and glass cracks.`,
      'a crash',
      [subject],
    );
    return;
  }
  const blow = re(text, /\b(hammer|axe|mallet|strikes?|struck|smash(es|ed)?|blow)\b/);
  const brittleTarget = ctx.things.find((t) => t !== subject && (t.brittleness ?? 0) >= 0.7) ?? ((subject.brittleness ?? 0) >= 0.7 ? subject : undefined);
  if (blow && brittleTarget && !c.falls) {
    add(ctx, 'collision', 3, 0, 'The blow delivers a sharp impulse concentrated on a small area.', `The blow lands on ${brittleTarget.name}.`, 'a blow', [
      brittleTarget,
    ]);
    add(
      ctx,
      'fracture',
      4,
      0,
      `${cap(brittleTarget.material ?? 'It')} is brittle (brittleness ${fmt(brittleTarget.brittleness ?? 0.9)} on a 0–1 scale), so it cannot deform to absorb the blow and cracks instead.`,
      `${cap(brittleTarget.name)} cracks in a starburst from the point of impact and shatters into sharp pieces.`,
      'a blow on a brittle object',
      [brittleTarget],
    );
    return;
  }
  if (c.thrown && !intoLiquid && g > 0) {
    add(
      ctx,
      'projectile',
      1,
      0,
      `Once released only gravity (${g} m/s²) acts on it: its horizontal speed stays constant while its vertical speed changes steadily, tracing a parabola.`,
      `${cap(subject.name)} ${verb(subject, 'flies', 'fly')} through the air in a smooth parabolic arc, rising, slowing at the top, then curving back down.`,
      'an object thrown',
      [subject],
    );
    add(ctx, 'gravity', 2, 0, `Gravity pulls it down at ${g} m/s² throughout its flight.`, `Gravity bends its path steadily downward.`, 'an object in flight', [
      subject,
    ]);
    const landing = landingOf(text);
    if (landing) impactOutcome(ctx, subject, 10, landing.surface, landing.soft);
    return;
  }
  if (c.falls && !intoLiquid && g > 0 && !c.tips) {
    const h = c.height?.metres ?? 1;
    const v = Math.sqrt(2 * g * h);
    add(
      ctx,
      'gravity',
      2,
      0,
      `Gravity accelerates ${subject.name} at ${g} m/s²; falling about ${fmt(h)} m${c.height ? ` (${c.height.text})` : ''} it reaches roughly ${fmt(v)} m/s (v = √(2gh)).`,
      `${cap(subject.name)} ${verb(subject, 'falls', 'fall')} and ${verb(subject, 'accelerates', 'accelerate')} downward, speeding up until ${verb(subject, 'it hits', 'they hit')}${ctx.context.timeScale === 'slow' ? ', shown in slow motion' : ''}.`,
      'an object left unsupported',
      [subject],
    );
    const landing = landingOf(text);
    if (landing) impactOutcome(ctx, subject, v, landing.surface, landing.soft);
  }
}

function impactOutcome(ctx: Ctx, subject: Thing, v: number, surface: string, soft: boolean) {
  const text = ctx.c.text;
  const brittle = (subject.brittleness ?? 0) >= 0.7 || re(subject.noun, /\begg\b/);
  const the = `the ${surface}`;
  const speed = `${fmt(v)} m/s`;
  if (re(subject.noun, /\bwater balloon\b/)) {
    add(ctx, 'collision', 3, 0, `It reaches ${the} at about ${speed}.`, `The balloon slaps into ${the}, which stays put.`, 'an impact', [subject]);
    add(
      ctx,
      'deformation',
      3,
      1,
      'The thin rubber skin flattens far beyond its stretch limit on impact.',
      'The balloon flattens and wobbles, then bursts open.',
      'a soft impact',
      [subject],
    );
    add(
      ctx,
      'splashing',
      4,
      0,
      'The released water keeps its downward momentum and is thrown outward.',
      'Water splashes outward in a ring of droplets across the ground.',
      'a burst water balloon',
      [subject],
    );
    return;
  }
  if (soft) {
    add(
      ctx,
      'collision',
      3,
      0,
      `It lands at about ${speed} on soft ${surface}, which gives way and absorbs the energy.`,
      `${cap(subject.name)} ${verb(subject, 'lands', 'land')} with a soft thud, barely bouncing, and settles into ${the}, which stays in place.`,
      'an impact on a soft surface',
      [subject],
    );
    if ((subject.density ?? 0) > 2000 || re(subject.noun, /\bbowling ball\b/))
      add(
        ctx,
        'deformation',
        3,
        1,
        `The heavy ${subject.noun} concentrates its weight on the soft surface, compressing it.`,
        `${cap(the)} dents deeply under it, sinks and squashes around it, then slowly recovers its shape.`,
        'a heavy object on a soft surface',
        [subject],
      );
    return;
  }
  if (brittle) {
    add(
      ctx,
      'collision',
      3,
      0,
      `It strikes ${the} at about ${speed}.`,
      `${cap(subject.name)} ${verb(subject, 'hits', 'hit')} ${the}, which does not move.`,
      'an impact',
      [subject],
    );
    add(
      ctx,
      'fracture',
      4,
      0,
      `${cap(subject.material ?? subject.noun)} is brittle (brittleness ${fmt(subject.brittleness ?? 0.9)} on a 0–1 scale): it cannot bend to absorb a ${speed} impact on a hard surface, so cracks run through it.`,
      re(subject.noun, /\begg\b/)
        ? `The egg cracks open on impact and its contents splatter across ${the}.`
        : `${cap(subject.name)} ${verb(subject, 'shatters', 'shatter')} on impact into sharp fragments that skid and scatter outward across ${the}.`,
      'a brittle object hitting a hard surface',
      [subject],
    );
    return;
  }
  if (subject.state === 'deformable' || re(subject.material ?? '', /^(dough|jelly|clay)$/)) {
    add(
      ctx,
      'collision',
      3,
      0,
      `It hits ${the} at about ${speed}.`,
      `${cap(subject.name)} ${verb(subject, 'hits', 'hit')} ${the}, which stays put.`,
      'an impact',
      [subject],
    );
    add(
      ctx,
      'deformation',
      3,
      1,
      `${cap(subject.material ?? subject.noun)} is soft and barely elastic (restitution ${fmt(subject.restitution ?? 0.05)}), so the impact energy goes into changing its shape.`,
      subject.material === 'jelly'
        ? `${cap(subject.name)} squashes on landing, then wobbles and jiggles before it settles.`
        : `${cap(subject.name)} ${verb(subject, 'flattens', 'flatten')} and splats on impact, staying squashed with a flat bottom.`,
      'a soft object landing',
      [subject],
    );
    return;
  }
  const bouncy = subject.state === 'elastic' || (BOUNCY.test(subject.noun) && !NOT_BOUNCY.test(subject.name));
  if (bouncy) {
    const e = subject.restitution ?? 0.8;
    add(
      ctx,
      'collision',
      3,
      0,
      `It reaches ${the} at about ${speed}.`,
      `${cap(subject.name)} ${verb(subject, 'strikes', 'strike')} ${the}, squashing briefly against it; ${the} stays put.`,
      'an impact',
      [subject],
    );
    add(
      ctx,
      'elasticity',
      3,
      1,
      `${cap(subject.material ?? 'It')} is elastic: with a coefficient of restitution of about ${fmt(e)} it leaves ${the} at ${fmt(e * 100)}% of its impact speed, so each bounce reaches about ${fmt(e * e * 100)}% of the previous height.`,
      `${cap(subject.name)} ${verb(subject, 'bounces', 'bounce')} back up, each bounce lower than the last, until ${verb(subject, 'it settles', 'they settle')}.`,
      'an elastic object hitting a hard surface',
      [subject],
    );
    return;
  }
  if (!re(text, /\bsplit|axe\b/))
    add(
      ctx,
      'collision',
      3,
      0,
      `${cap(subject.material ?? subject.noun)} is tough, not brittle (brittleness ${fmt(subject.brittleness ?? 0.1)}), so a ${speed} impact does not break it.`,
      `${cap(subject.name)} ${verb(subject, 'lands', 'land')} on ${the} with a hard clatter, bounces a little and comes to rest; ${the} stays put.`,
      'a hard impact',
      [subject],
    );
}

function tipping(ctx: Ctx) {
  const { c } = ctx;
  if (!c.tips || re(c.text, /\b(tipped|tips?) (a |the |his |her )?([\w-]+ ){0,4}?(into|out|onto)\b/)) return;
  const subject = ctx.things.find(
    (t) =>
      isSolid(t) &&
      !t.fixed &&
      (t.contents ||
        re(t.noun, /\b(glass|vase|bottle|cup|mug|book|domino|block|stack|tower|jar|glass|can|lamp|chair|pole|column|bookcase|wardrobe|statue|jug)\b/)),
  );
  if (!subject) return;
  add(
    ctx,
    'toppling',
    2,
    1,
    `Pushed near its top, ${subject.name} pivots on its bottom edge; once its centre of mass passes over that edge, gravity's torque takes over.`,
    `${cap(subject.name)} first ${verb(subject, 'rotates', 'rotate')} about ${verb(subject, 'its', 'their')} bottom edge, tilting slowly, then ${verb(subject, 'tips', 'tip')} over faster and ${verb(subject, 'lands', 'land')} on ${verb(subject, 'its', 'their')} side.`,
    'a tall object pushed near its top',
    [subject],
  );
  if (re(c.text, /\b(domino|dominoes|stack|line of)\b/))
    add(
      ctx,
      'collision',
      3,
      0,
      'Each falling piece strikes the next above its pivot.',
      'Each piece knocks into the next, so the fall runs down the line in a chain.',
      'a chain of pieces',
      [subject],
    );
  const liquid = ctx.things.find((t) => isLiquid(t) && (subject.contents === t.noun || t.start > subject.start));
  if (liquid) {
    const thick = VISCOUS[liquid.material ?? ''] && (VISCOUS[liquid.material ?? ''] ?? 0) > 1;
    add(
      ctx,
      'pouring',
      3,
      2,
      `As ${subject.name} tilts past its rim, nothing holds ${liquid.name} in, and gravity pulls it out over the lip.`,
      `Then ${liquid.name} spills out over the rim${thick ? ' slowly' : ' in a gush'} and spreads across the surface in a widening puddle.`,
      'a container of liquid tipping over',
      [subject, liquid],
    );
  }
}

function rollingAndSliding(ctx: Ctx) {
  const { c } = ctx;
  const subject = ctx.things.find((t) => isSolid(t) && !t.fixed && ROUND.test(t.noun)) ?? mainSolid(ctx);
  if (!subject) return;
  const text = c.text;
  const name = subject.name;
  if (ROUND.test(subject.noun) && (c.slope || re(text, /\b(rolls?|rolling|rolled|down the lane|goes down|comes off)\b/)) && !c.thrown && c.placement === null) {
    add(
      ctx,
      'rolling',
      2,
      1,
      `Being round, ${name} turns instead of sliding: friction at the contact point makes it spin as it moves${c.slope ? ", and gravity's pull along the slope speeds it up" : ''}.`,
      `${cap(name)} ${verb(subject, 'rolls', 'roll')}${c.slope ? ' down the slope, turning faster and faster' : ' steadily along, spinning as it goes'}.`,
      'a round object free to move',
      [subject],
    );
    if (c.slope && !re(text, /\blane\b/) && ctx.context.gravity !== 'zero')
      add(
        ctx,
        'gravity',
        2,
        0,
        `Gravity (${GRAVITY_MS2[ctx.context.gravity]} m/s²) has a component along the slope that accelerates it.`,
        `${cap(name)} picks up speed as gravity pulls it downhill.`,
        'a slope',
        [subject],
      );
  }
  if (c.slides && !c.thrown) {
    const ice = ctx.context.surface === 'ice' || re(text, /\b(ice|frozen|rink|icy)\b/);
    const mu = ice ? 0.02 : re(text, /\b(carpet|rough|concrete|asphalt|snow)\b/) ? 0.6 : 0.3;
    const stop = ((5 * 5) / (2 * mu * 9.81)).toFixed(0);
    add(
      ctx,
      'friction',
      2,
      2,
      `Kinetic friction (μ ≈ ${mu}${ice ? ' on ice' : ''}) opposes the motion; from 5 m/s it would stop within about ${stop} m.`,
      ice
        ? `${cap(name)} glides smoothly and far across the ice, slowing only very gradually.`
        : `${cap(name)} slides, then slows steadily as friction drags on it, and stops.`,
      'sliding on a surface',
      [subject],
    );
  }
}

// ── optics ────────────────────────────────────────────────────────────────

function optics(ctx: Ctx) {
  const { c } = ctx;
  const text = c.text;
  const light = c.light;
  const prism = re(text, /\b(prism|cut crystal|crystal hanging|triangular (block|prism)|acrylic block)\b/);
  const rain = re(text, /\b(rain|sprinkler|spray|mist|waterfall|spray)\b/) && re(text, /\b(sun|sunlight|afternoon|behind the viewer|low sun)\b/);
  if ((prism && light) || rain) {
    add(
      ctx,
      'refraction',
      0,
      0,
      `Light slows in ${prism ? 'glass (refractive index about 1.52, Hecht)' : 'water (refractive index 1.333, Hecht)'} and bends as it enters and leaves.`,
      `The light bends as it passes through ${prism ? 'the glass' : 'the droplets'}.`,
      'light passing into a denser medium',
      [],
    );
    add(
      ctx,
      'dispersion',
      0,
      1,
      `The refractive index is slightly higher for violet than for red light, so each colour bends by a different angle and white light fans out into its spectrum.`,
      prism
        ? `A rainbow spectrum fans out of the prism, red at one end through to violet at the other.`
        : `A rainbow arcs across the spray, red on the outside and violet on the inside.`,
      'white light through a refracting medium',
      [],
    );
  }
  const waterObject =
    re(text, /\b(straw|pencil|spoon|stick|chopstick|oar|rod|leg)\b[^.]{0,40}\b(water|glass|jar|aquarium)\b/) && re(text, /\b(glass|jar|water)\b/);
  const depth = re(text, /\b(bottom of|at the bottom)\b[^.]{0,40}\b(pool|pond|river|lake|water)\b|\b(pool|pond)\b[^.]{0,20}\bseen from\b/);
  const lens = re(text, /\b(magnifying glass|lens|through the curved|round bowl|fish ?bowl|goblet)\b/);
  const laserIntoWater = re(text, /\b(laser|beam|flashlight|torch)\b[^.]{0,40}\b(into|through)\b[^.]{0,30}\b(aquarium|water|tank|glass of water)\b/);
  const mirage = re(text, /\b(heat rising|hot (road|asphalt)|asphalt at noon|desert road|heat haze|shimmering heat)\b/);
  const scatterer = re(text, /\b(smoke|fog|mist|haze|dust|incense|milk|milky)\b/);
  if (waterObject || depth || lens || (laserIntoWater && !scatterer) || mirage) {
    const what = waterObject
      ? 'The part under water looks bent and shifted sideways at the surface line, as if broken.'
      : depth
        ? 'It looks shallower and closer than it is, wobbling as ripples pass over it.'
        : lens
          ? 'The view through it is magnified and distorted, larger near the middle.'
          : laserIntoWater
            ? 'The beam bends sharply where it enters the water, changing direction at the surface.'
            : 'Above the hot surface the air shimmers and wavers, and a mirage of watery reflections appears near the horizon.';
    add(
      ctx,
      'refraction',
      0,
      0,
      `Light bends where it passes between air (n = 1.0003) and ${mirage ? 'hotter, thinner air' : 'water or glass (n = 1.33–1.52)'} (Hecht), so things seen through it appear displaced.`,
      what,
      'light crossing a boundary between media',
      [],
    );
  }
  const medium = text.match(/\b(smoke|fog|foggy|mist|misty|haze|hazy|dust|dusty|incense|steam|milk|milky)\b/)?.[0];
  if (medium && light && !re(text, /\bglass of milk|strawberry|latte\b/)) {
    add(
      ctx,
      'scattering',
      0,
      0,
      `Tiny particles of ${medium.replace(/y$/, '')} scatter light sideways out of the beam toward the viewer (Tyndall scattering).`,
      re(text, /\bheadlights\b/)
        ? `The headlights glow with soft halos and their beams become visible as pale cones in the fog.`
        : re(text, /\b(milk|milky)\b/)
          ? `The beam becomes visible as a glowing path through the water, faintly bluish from the side.`
          : `The beam becomes visible as a bright shaft of light cutting through the ${medium.replace(/y$/, '')}, with drifting particles glinting in it.`,
      'light through a scattering medium',
      [],
    );
  } else if (re(text, /\b(sunset|sunrise|setting sun|sun setting|sun sets)\b/)) {
    add(
      ctx,
      'scattering',
      0,
      0,
      'At sunset sunlight crosses much more air, which scatters blue light out of the direct beam (Rayleigh scattering).',
      'The sun and sky glow deep orange and red near the horizon.',
      'a low sun',
      [],
    );
  } else if (re(text, /\b(clear|cloudless|blue)\b[^.]{0,15}\bsky\b|\bmidday sky\b/)) {
    add(
      ctx,
      'scattering',
      0,
      0,
      'Air molecules scatter short blue wavelengths much more than red (Rayleigh scattering, ∝ 1/λ⁴).',
      'The sky is a deep, even blue overhead, paler toward the horizon.',
      'sunlight in clear air',
      [],
    );
  }
  if (
    re(
      text,
      /\b(soap bubble|bubble|film of (oil|petrol|gasoline)|oil (film|slick)|petrol|gasoline|drop of oil|oil on (a|the) (puddle|water)|compact disc|\bcd\b|dvd|peacock feather|beetle|iridescent)\b/,
    ) &&
    !re(text, /\bbubbles\b/)
  ) {
    add(
      ctx,
      'interference',
      0,
      1,
      'Light reflecting from the top and bottom of a film only a few hundred nanometres thick interferes, reinforcing some colours and cancelling others as the thickness changes.',
      `Swirling iridescent colours, bands of magenta, gold and green, shimmer and shift across the surface as it moves.`,
      'light on a thin film',
      [],
    );
  }
  const shiny = ctx.things.find((t) => re(t.noun, /\bmirror\b/) || (!t.fixed && re(t.name, /\b(polished|chrome|shiny|glossy|mirrored)\b/)));
  const stillWater = re(
    text,
    /\b(still|calm|glassy|mirror-like)\b[^.]{0,30}\b(lake|river|pond|sea|pool)\b|\b(lake|river)\b[^.]{0,20}\b(at dawn|at night|calm)\b|\bbeside a calm\b|\bover the ocean\b/,
  );
  if ((shiny || stillWater || re(text, /\bmirror\b/)) && !c.rubbing) {
    add(
      ctx,
      'reflection',
      0,
      2,
      'A smooth surface reflects light at the same angle it arrives (law of reflection), so it forms a mirror image.',
      stillWater
        ? 'The still water shows a crisp upside-down mirror reflection of everything above it.'
        : `${cap(shiny?.name ?? 'the mirror')} shows a sharp mirror reflection of what is in front of ${shiny?.plural ? 'them' : 'it'}, reflected the right way round and moving with it.`,
      'a smooth surface',
      shiny ? [shiny] : [],
    );
  }
  const otherOptics = ctx.events.some((e) => ['refraction', 'dispersion', 'scattering', 'interference'].includes(e.id));
  if (c.singleLight && !otherOptics) {
    const subject = mainSolid(ctx) ?? ctx.things[0];
    add(
      ctx,
      'shadow',
      0,
      3,
      'One small bright light source lights the object from one side, so the object blocks the light behind it.',
      `${cap(subject?.name ?? 'each object')} casts a crisp dark shadow on the side away from the light${c.timeScale === 'fast' ? ', sweeping round as the light moves' : ''}.`,
      'a single directional light',
      [subject],
    );
  }
}

// ── chemistry ────────────────────────────────────────────────────────────

function chemistry(ctx: Ctx) {
  const { c } = ctx;
  const text = c.text;
  const byMaterial = (set: Set<string>) => ctx.things.find((t) => t.material !== null && set.has(t.material));
  const acid = byMaterial(ACIDS);
  const base = byMaterial(BASES);
  const indicator = byMaterial(INDICATORS);
  const carbonate = ctx.things.find((t) => props(t)?.acidGas === 'carbon dioxide' && t !== base);
  const metal = ctx.things.find((t) => props(t)?.acidGas === 'hydrogen');
  const baking = ctx.things.find((t) => t.material === 'baking soda');
  if (indicator && (acid || base)) {
    const ip = props(indicator)?.indicator;
    const other = acid ?? base;
    const ph = props(other)?.ph ?? (acid ? 3 : 10);
    if (ip) {
      const colour = ph < ip.turn ? ip.acid : ph > ip.turn ? ip.base : ip.neutral;
      add(
        ctx,
        'acidity',
        2,
        0,
        `${cap(other?.material ?? 'It')} has a pH of about ${fmt(ph)} (${props(other)?.source ?? 'CRC'}): ${ph < 7 ? 'acidic' : 'alkaline'}.`,
        `Where ${other?.name} meets ${indicator.name}, the pH drops${ph < 7 ? '' : ' the other way, rising'} sharply.`,
        'an acid or base meeting an indicator',
        [other, indicator],
      );
      add(
        ctx,
        'color_change',
        4,
        0,
        `${cap(indicator.material ?? 'The indicator')} is ${ip.neutral} when neutral, ${ip.acid} in acid and ${ip.base} in base, changing near pH ${ip.turn} (${props(indicator)?.source}).`,
        `${cap(indicator.name)} changes colour, turning ${colour} as it mixes, spreading in swirls from where ${other?.name} went in.`,
        'an indicator changing colour with pH',
        [indicator],
      );
    }
    return;
  }
  const reactant = carbonate ?? baking ?? (acid && metal && acid !== metal ? metal : undefined);
  if (acid && reactant && acid.material !== 'sulfuric acid') {
    const gas = props(reactant)?.acidGas ?? 'carbon dioxide';
    add(
      ctx,
      'acidity',
      2,
      0,
      `${cap(acid.material ?? 'The acid')} (pH about ${fmt(props(acid)?.ph ?? 3)}, ${props(acid)?.source ?? 'CRC'}) reacts with ${reactant.material}, releasing ${gas} gas.`,
      `${cap(reactant.name)} ${verb(reactant, 'fizzes', 'fizz')} as soon as ${verb(reactant, 'it meets', 'they meet')} ${acid.name}: streams of bubbles rise${gas === 'carbon dioxide' && reactant === baking ? ' and a foam swells up, overflowing' : ''}, and ${reactant.name} slowly ${verb(reactant, 'wears', 'wear')} away.`,
      `an acid meeting ${gas === 'hydrogen' ? 'a reactive metal' : 'a carbonate'}`,
      [reactant, acid],
    );
  }
  // Dehydration: concentrated sulfuric acid strips water from sugar or paper; heat drives water out of hydrates.
  const organic = ctx.things.find((t) => t.material === 'sugar' || t.material === 'paper' || t.material === 'cloth' || re(t.noun, /\b(towel|marshmallow)\b/));
  if (acid?.material === 'sulfuric acid' && organic) {
    add(
      ctx,
      'dehydration',
      2,
      0,
      `Concentrated sulfuric acid is a strong dehydrating agent (${props(acid)?.source}): it strips hydrogen and oxygen from ${organic.material} as water, leaving carbon.`,
      `${cap(organic.name)} yellows, then chars black, steaming as it dries out${organic.material === 'sugar' ? ' and a column of black carbon grows up out of the beaker' : ''}.`,
      'a dehydrating acid on a carbohydrate',
      [organic],
    );
    add(
      ctx,
      'color_change',
      4,
      0,
      'The white carbohydrate becomes carbon, which is black.',
      `${cap(organic.name)} turns from white to black.`,
      'carbon left behind',
      [organic],
    );
  }
  const hydrate = ctx.things.find((t) => t.material === 'copper sulfate');
  if (hydrate && (c.heat || c.heatedVaguely) && !(c.heat?.flame && re(text, /\b(burning logs|campfire|flame)\b/) && !re(text, /\btest tube\b/))) {
    add(
      ctx,
      'dehydration',
      2,
      0,
      `Heated above about 110 °C, blue copper sulfate pentahydrate loses its water of crystallisation (${props(hydrate)?.source}).`,
      `Steam rises from ${hydrate.name} as it dries out and crumbles to powder.`,
      'heating a hydrate',
      [hydrate],
    );
    add(
      ctx,
      'color_change',
      4,
      0,
      'Without its water the copper sulfate is anhydrous, which is white.',
      `${cap(hydrate.name)} turns from bright blue to white.`,
      'a hydrate losing water',
      [hydrate],
    );
  }
  const sugar = ctx.things.find((t) => t.material === 'sugar' || re(t.noun, /\bmarshmallow\b/));
  if (sugar && c.heat && c.heat.celsius > 186 && !acid) {
    add(
      ctx,
      'dehydration',
      3,
      0,
      'Above about 186 °C sucrose decomposes, losing water and leaving caramel, then carbon (CRC).',
      `${cap(sugar.name)} caramelises to amber, then brown, then chars black and bubbles.`,
      'sugar heated past decomposition',
      [sugar],
    );
    if (!re(sugar.noun, /\bmarshmallow\b/))
      add(
        ctx,
        'color_change',
        4,
        0,
        'Caramel and then carbon are progressively darker.',
        `${cap(sugar.name)} turns from white to brown to black.`,
        'sugar decomposing',
        [sugar],
      );
  }
  if (re(text, /\bdehydrator\b|\bdried (fruit|grapes)\b/)) {
    const fruit = mainSolid(ctx);
    add(
      ctx,
      'dehydration',
      3,
      0,
      'Warm dry moving air draws water out of the fruit through its skin.',
      `${cap(fruit?.name ?? 'the fruit')} shrivel and wrinkle, shrinking and darkening as they dry into raisins.`,
      'drying food',
      [fruit],
    );
  }
  // Oxidation over time: rust, tarnish, patina, browning.
  if (c.longTime || re(text, /\b(left|exposed|weather|rain|years|months)\b/)) {
    const metalThing = ctx.things.find((t) => props(t)?.corrodes);
    const corr = props(metalThing)?.corrodes;
    const wet = re(text, /\b(water|rain|sea|salt|humid|damp|weather|wet|outside|outdoors)\b/);
    const sulfur = re(text, /\b(egg|air|sulfur|sulphur|months)\b/);
    if (metalThing && corr && ((corr.needs === 'water' && wet) || (corr.needs === 'sulfur' && sulfur) || corr.needs === 'air') && c.longTime) {
      const salty = re(text, /\b(salt|sea)\b/) ? ', faster because the salt water conducts' : '';
      add(
        ctx,
        'oxidation',
        4,
        0,
        `${cap(metalThing.material ?? 'The metal')} reacts with oxygen${corr.needs === 'sulfur' ? ' and traces of hydrogen sulfide' : ' and water'} in its surroundings, forming ${corr.product}${salty}.`,
        `${cap(metalThing.name)} slowly ${corr.product === 'rust' ? 'rusts' : corr.product.includes('tarnish') ? 'tarnishes and darkens' : 'weathers to a green patina'}, ${corr.look} spreading over ${verb(metalThing, 'its', 'their')} surface.`,
        'a reactive metal left exposed',
        [metalThing],
      );
      add(
        ctx,
        'color_change',
        4,
        1,
        `${cap(corr.product)} has a different colour from the bare metal.`,
        `The colour shifts to ${corr.look.replace(/^an? /, '')}.`,
        'corrosion',
        [metalThing],
      );
    } else if (ctx.things.some((t) => t.material === 'gold') && wet) {
      ctx.nonEvents.push('The gold stays bright and unchanged: gold does not corrode in air or water (CRC).');
      ctx.ruledOut.add('oxidation');
    }
    const cut = ctx.things.find((t) => re(t.noun, /\b(apple|avocado|banana|potato|pear)\b/)) && re(text, /\b(cut|sliced|slice|peeled|bitten|halved)\b/);
    if (cut) {
      const fruit = ctx.things.find((t) => re(t.noun, /\b(apple|avocado|banana|potato|pear)\b/));
      add(
        ctx,
        'oxidation',
        4,
        0,
        'Cutting breaks the cells, letting the enzyme polyphenol oxidase meet oxygen from the air (Belitz).',
        `The cut surface of ${fruit?.name} slowly oxidises.`,
        'cut fruit in air',
        [fruit],
      );
      add(
        ctx,
        'color_change',
        4,
        1,
        'The oxidised polyphenols form brown pigments.',
        'The pale flesh turns brown, darkest at the edges.',
        'enzymatic browning',
        [fruit],
      );
    }
  }
  // Hardness: the harder of two materials scratches the softer when rubbed across it.
  if (c.rubbing) {
    const hard = (t: Thing) => OBJECT_MOHS[t.noun] ?? OBJECT_MOHS[t.noun.split(' ').at(-1) ?? ''] ?? props(t)?.mohs;
    const rated = ctx.things.filter((t) => hard(t) !== undefined);
    const markerThing = ctx.things.find((t) => re(t.noun, /\b(pencil|chalk|crayon|charcoal)\b/));
    const surfaceThing = ctx.things.find((t) => t !== markerThing && isSolid(t));
    if (rated.length < 2 && markerThing && surfaceThing) rated.splice(0, rated.length, markerThing, surfaceThing);
    if (rated.length >= 2) {
      const [a, b] = rated as [Thing, Thing];
      const [ha, hb] = [hard(a) ?? 2, hard(b) ?? 2];
      const [harder, softer] = ha >= hb ? [a, b] : [b, a];
      const marker = re(a.noun, /\b(pencil|chalk|crayon)\b/);
      add(
        ctx,
        'hardness',
        3,
        0,
        `On the Mohs scale ${harder.material ?? harder.noun} is about ${fmt(Math.max(ha, hb))} and ${softer.material ?? softer.noun} about ${fmt(Math.min(ha, hb))} (Klein & Dutrow), so only the harder one can scratch the other.`,
        marker
          ? `${cap(a.name)} wears away as it moves, leaving a ${a.noun === 'pencil' ? 'grey graphite' : 'white powdery'} line and mark on ${b.name}, which is not scratched.`
          : `${cap(harder.name)} cuts a fine bright scratch line into ${softer.name}, throwing off fine shavings, while ${harder.name} stays unmarked.`,
        'two materials of different hardness rubbed together',
        [harder, softer],
      );
    }
    if (re(text, /\b(rub(bed|s|bing)?(?! alcohol)|writ(e|es|ing|ten)|drawn|draws?|drawing|brushed)\b/))
      add(
        ctx,
        'friction',
        2,
        3,
        'Friction between the two surfaces resists the stroke and turns its work into heat and wear.',
        'It drags with a faint scraping resistance as it moves across the surface.',
        'rubbing',
        [],
      );
  }
}

// ── pressure, surface tension and the rest of mechanics ─────────────────────

function pressure(ctx: Ctx) {
  const { c } = ctx;
  const text = c.text;
  const vesselWord = text.match(/\b(soda can|oil drum|drum|can|bottle|barrel|tin|container|jar)\b/)?.[0];
  const vessel =
    ctx.things.find((t) => re(t.noun, /\b(can|drum|bottle|barrel|tin|container|jar)\b/)) ??
    (vesselWord ? ({ name: `the ${vesselWord}`, noun: vesselWord } as Thing) : undefined);
  const cooledAfterHeat =
    (c.heat || c.heatedVaguely || c.temperature.direction === 'up') &&
    re(text, /\b(sealed|upside down|capped|closed)\b/) &&
    re(text, /\b(cold|cooled|cools|ice water)\b/);
  const descent = re(text, /\b(mountain|summit|altitude|plane|flight)\b[^.]{0,60}\b(down|sea level|landing|lands)\b/);
  const pumped = re(text, /\b(air is pumped out|pumped out|vacuum pump|evacuated|sucks? the air)\b/);
  if (vessel && (cooledAfterHeat || descent || pumped) && !re(text, /\bsuction\b/)) {
    add(
      ctx,
      'atmospheric_pressure',
      3,
      0,
      cooledAfterHeat
        ? 'The steam inside condenses when cooled, leaving almost no gas pressure inside, while the air outside still pushes at about 101 kPa (100,000 N per square metre).'
        : 'The pressure inside is now lower than the air outside (about 101 kPa at sea level), so the outside air pushes the walls inward.',
      `${cap(vessel.name)} ${cooledAfterHeat ? 'is suddenly crushed with a loud crack, its walls crumpling inward' : 'slowly crumples and dents inward, its walls collapsing'}.`,
      'a pressure difference across thin walls',
      [vessel],
    );
  }
  const soft = re(text, /\b(lawn|grass|soft|sand|snow|mud|waterlogged|cork|tomato|field)\b/);
  const narrowOrHeavy = text.match(/\b(stiletto|heels|tractor|anvil|truck|elephant|boots|knife|thumbtack|tack|needle|nail)\b/)?.[0];
  if (soft && narrowOrHeavy && !ctx.events.some((e) => e.id === 'buoyancy' || e.id === 'surface_tension')) {
    const sharp = re(narrowOrHeavy, /\b(stiletto|heels|knife|thumbtack|tack|needle|nail)\b/);
    add(
      ctx,
      'solid_pressure',
      3,
      0,
      sharp
        ? `Pressure is force divided by area: the same weight on a tiny ${narrowOrHeavy.replace(/s$/, '')} point gives a pressure many times higher than on a flat sole, more than the surface can bear.`
        : `The ${narrowOrHeavy}'s weight on the soft ground exceeds the pressure it can bear, so it gives way underneath.`,
      sharp
        ? `The ${narrowOrHeavy} ${re(narrowOrHeavy, /s$/) ? 'pierce and sink' : 'pierces and sinks'} into the soft surface, leaving small deep holes.`
        : `The ${narrowOrHeavy} ${re(narrowOrHeavy, /s$/) ? 'sink' : 'sinks'} into the soft ground, leaving deep ruts and tracks behind.`,
      'a large force on a small area',
      [],
    );
  }
}

function fluids(ctx: Ctx) {
  const { c } = ctx;
  const text = c.text;
  const liquid = ctx.things.find((t) => isLiquid(t));
  const container = ctx.things.find(
    (t) => t.contents !== undefined || re(t.noun, /\b(jug|teapot|kettle|bottle|bucket|jar|pitcher|spoon|carafe|watering can)\b/),
  );
  const pourCue = re(
    text,
    /\b(tilted|tilts|tilt|tipped into|tips (a|the) [\w ]{0,20}into|tips [\w ]{0,20} into|emptied|empties|turned upside down|upside down|turned over|drizzled?|drizzling|poured?|pouring)\b/,
  );
  if (container && pourCue && !ctx.events.some((e) => e.id === 'pouring')) {
    // The liquid the container holds ("a jug of milk"), or tea from a teapot; not what it is tipped into.
    // The first thing that could be tipped: people and unknown nouns (a barista) are not containers.
    const first = ctx.things.find((t) => isSolid(t) && !t.fixed && !PEOPLE.test(t.noun) && t.material !== null && t.material !== 'flesh');
    const held = first === container && liquid && (container.contents === liquid.noun || (!container.contents && liquid.start < container.start));
    const what = held ? liquid : re(container.noun, /teapot/) ? ({ name: 'the tea', noun: 'tea', material: 'coffee' } as Thing) : undefined;
    const thick = what && (VISCOUS[what.material ?? ''] ?? 0) > 1;
    if (what) {
      add(
        ctx,
        'pouring',
        2,
        2,
        `Tilted past the level of its contents, ${container.name} lets gravity pull ${what.name} out over the lip.`,
        thick
          ? `${cap(what.name)} pours out slowly in a thick, unbroken ribbon that folds and piles on itself where it lands.`
          : `${cap(what.name)} pours out in a smooth stream that arcs down and fills what is below, the level rising.`,
        'a tilted container of liquid',
        [container, what],
      );
      if (thick)
        add(
          ctx,
          'viscosity',
          2,
          3,
          `${cap(what.material ?? 'It')} is thousands of times more viscous than water, so it flows reluctantly.`,
          `It flows slowly and thickly, clinging to the rim.`,
          'a viscous liquid',
          [what],
        );
      if (re(text, /\b(emptied|empties)\b/) && re(text, /\b(over|onto) (a|the) (garden|ground|bed|floor|soil)\b/))
        add(
          ctx,
          'splashing',
          3,
          0,
          'The falling water hits the ground faster than it can soak in.',
          'The water splashes as it hits, spattering droplets and soil outward.',
          'water poured onto the ground',
          [what],
        );
    }
  }
  const viscousLiquid = ctx.things.find((t) => (VISCOUS[t.material ?? ''] ?? 0) > 1 || re(t.noun, /\b(ketchup|syrup|molasses|treacle|honey)\b/));
  if (viscousLiquid && re(text, /\b(upside down|turned over|tilted|tips?|reaches the edge|drizzled?|squeezed|spoon)\b/)) {
    add(
      ctx,
      'viscosity',
      2,
      3,
      `${cap(viscousLiquid.material ?? viscousLiquid.noun)} is far more viscous than water (honey is about 10,000 times, CRC), so it resists flowing.`,
      `${cap(viscousLiquid.name)} moves slowly and thickly, oozing and stretching in a slow ribbon rather than splashing${re(text, /\bcold\b/) ? ', even slower in the cold' : ''}.`,
      'a viscous liquid made to flow',
      [viscousLiquid],
    );
  }
  const flowCue = re(
    text,
    /\b(gate is opened|gate opened|opens? the (gate|tap|valve)|turned on|released from|gutter|sloped|trickles?|runs? down|gushes|downhill|spillway|dam)\b/,
  );
  if (flowCue && (liquid || re(text, /\b(water|hose|reservoir|snowmelt|stream)\b/))) {
    const jet = re(text, /\bhose\b/);
    add(
      ctx,
      'flow',
      2,
      1,
      jet
        ? 'Water leaves the nozzle at high speed and pressure, as a jet.'
        : 'Gravity drives the water downhill along the easiest path, and it keeps its volume as it moves.',
      jet
        ? 'A jet of water shoots out of the hose in a stream, arcing out and spraying where it lands.'
        : 'The water flows and rushes downhill in a stream, following the slope and spreading where it widens.',
      'liquid released to run downhill',
      liquid ? [liquid] : [],
    );
    if (jet)
      add(
        ctx,
        'projectile',
        2,
        2,
        'Each parcel of water in the jet follows a parabola once it leaves the nozzle.',
        'The jet curves down in an arc.',
        'a water jet',
        [],
      );
  }
  if (re(text, /\b(brim|overfilled|brimming|filled to the top)\b/) && re(text, /\b(drop|drops|added|adding)\b/)) {
    add(
      ctx,
      'surface_tension',
      3,
      0,
      "Water's surface tension (0.072 N/m, CRC) holds the surface together like a stretched skin, so it can rise above the rim before it breaks.",
      'The water surface bulges up into a dome above the rim before it finally spills over.',
      'a glass filled past the brim',
      [],
    );
  }
  if (ctx.context.gravity === 'zero' && (liquid || re(text, /\b(water|juice|drop|blob)\b/))) {
    add(
      ctx,
      'surface_tension',
      2,
      1,
      'With no weight to flatten it, surface tension pulls loose liquid into the shape with the least surface: a sphere.',
      'The liquid pulls itself into a wobbling sphere that floats in mid-air.',
      'liquid in weightlessness',
      liquid ? [liquid] : [],
    );
  }
  const squeezable = ctx.things.find((t) => isSolid(t) && (t.state === 'elastic' || t.state === 'deformable'));
  if (
    squeezable &&
    re(text, /\b(squeezed?|squeezes|pressed|presses|rolling pin|squashed?|stretched?|flattened)\b/) &&
    !re(text, /\bsqueezed from|squeezed onto|squeezes a pouch|lemon\b/)
  ) {
    const springy = squeezable.state === 'elastic';
    add(
      ctx,
      'deformation',
      3,
      0,
      `${cap(squeezable.material ?? 'It')} is soft: the force changes its shape${springy ? ' elastically' : ' permanently'}.`,
      springy
        ? `${cap(squeezable.name)} squashes and bulges out between the fingers.`
        : `${cap(squeezable.name)} flattens and spreads out under the pressure, keeping its new shape.`,
      'a soft object pressed',
      [squeezable],
    );
    if (springy)
      add(
        ctx,
        'elasticity',
        4,
        0,
        'Rubber stores the energy of its deformation and gives it back when released.',
        `When let go it springs back to its round shape.`,
        'an elastic object released',
        [squeezable],
      );
  }
}

/** Runs every rule over the things and conditions; rules see earlier rules' events. */
export function infer(things: Thing[], conditions: Conditions, context: Context): Inference {
  const ctx: Ctx = { c: conditions, things, context, events: [], nonEvents: [], ruledOut: new Set() };
  fire(ctx);
  thermal(ctx);
  liquids(ctx);
  moisture(ctx);
  impact(ctx);
  tipping(ctx);
  rollingAndSliding(ctx);
  optics(ctx);
  chemistry(ctx);
  pressure(ctx);
  fluids(ctx);
  // A "melted" or "molten" starting state is not melting; a freezing word with no liquid freezes nothing.
  if (ctx.events.some((e) => e.id === 'solidification') && !ctx.events.some((e) => e.id === 'melting')) ctx.ruledOut.add('melting');
  if (!things.some(isLiquid) && !ctx.events.some((e) => e.id === 'solidification')) ctx.ruledOut.add('solidification');
  if (ctx.events.some((e) => e.id === 'dehydration') && things.some((t) => t.material === 'sulfuric acid')) ctx.ruledOut.add('acidity');
  return { events: ctx.events, nonEvents: ctx.nonEvents, ruledOut: ctx.ruledOut };
}
