import { GRAVITY_MS2 } from '../kb/contexts';
import { ACIDS, add, type Ctx, cap, fmt, INDICATORS, isLiquid, isSolid, OPEN_WATER, PEOPLE, props, re, type Thing, VISCOUS, verb, WATERY } from './common';

/** Solids and liquids meeting (sink, float, dissolve, surface tension) and liquids set moving (pouring, flow, viscosity). */
// ── solids meeting liquids ──────────────────────────────────────────────────

export function densityCompare(solid: Thing, liquid: Thing): string {
  const ratio = (solid.density ?? 0) / (liquid.density ?? 1000);
  const a = solid.material ?? solid.noun;
  const b = liquid.material ?? liquid.noun;
  return ratio >= 1
    ? `${a} (${fmt(solid.density ?? 0)} kg/m³) is ${fmt(ratio)} times denser than ${b} (${fmt(liquid.density ?? 1000)} kg/m³)`
    : `${a} (${fmt(solid.density ?? 0)} kg/m³) is only ${fmt(ratio * 100)}% as dense as ${b} (${fmt(liquid.density ?? 1000)} kg/m³)`;
}

export function liquids(ctx: Ctx) {
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

export function fluids(ctx: Ctx) {
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
