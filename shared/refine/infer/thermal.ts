import { materialByWord } from '../kb/materials';
import { type Properties, propertiesOf } from '../kb/properties';
import { add, type Ctx, cap, deg, HEATERS, isLiquid, isSolid, mainSolid, props, re, verb } from './common';

/** Heat: phase changes when the temperature path crosses a transition point, moisture, fire and flame colours. */
// ── thermal ────────────────────────────────────────────────────────────────

export function thermal(ctx: Ctx) {
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

export function moisture(ctx: Ctx) {
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

export function fire(ctx: Ctx) {
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
