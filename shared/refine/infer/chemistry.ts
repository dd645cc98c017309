import { ACIDS, add, BASES, type Ctx, cap, fmt, INDICATORS, isSolid, mainSolid, OBJECT_MOHS, props, re, type Thing, verb } from './common';

/** Acids, indicators, dehydration, corrosion and hardness. */
// ── chemistry ────────────────────────────────────────────────────────────

export function chemistry(ctx: Ctx) {
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
