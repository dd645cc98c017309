import { GRAVITY_MS2 } from '../kb/contexts';
import { add, BOUNCY, type Ctx, cap, fmt, isLiquid, isSolid, mainSolid, NOT_BOUNCY, ROUND, re, SOFT_SURFACE, type Thing, VISCOUS, verb } from './common';

/** Falls, throws, impacts by brittleness and elasticity, tipping, rolling, sliding and pressure. */
// ── impacts, tipping, rolling, sliding ──────────────────────────────────────

const LANDING =
  /\b(onto|on to|on|against|into|above) (a |an |the |his |her )?([\w-]+ ){0,3}(floor|concrete|tiles?|pavement|driveway|court|plate|workbench|bench|table|road|patio|ground|steps|stairs|deck|mattress|carpet|rug|sand|snow|grass|lawn|wall|paving|marble|cushion|bed|steel plate|slab)\b/;

/** Where a falling or thrown thing lands, and whether that surface is soft. */
export function landingOf(text: string): { surface: string; soft: boolean } | null {
  const landing = text.match(LANDING);
  if (landing) return { surface: landing[0].replace(/^\w+( to)? (a |an |the |his |her )?/, ''), soft: SOFT_SURFACE.test(landing[0]) };
  if (/\boff (the |a )?(edge of (the |a )?)?(kitchen )?(table|counter|shelf|desk|worktop)\b/.test(text)) return { surface: 'floor', soft: false };
  return null;
}

export function impact(ctx: Ctx) {
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

export function impactOutcome(ctx: Ctx, subject: Thing, v: number, surface: string, soft: boolean) {
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

export function tipping(ctx: Ctx) {
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

export function rollingAndSliding(ctx: Ctx) {
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

// ── pressure, surface tension and the rest of mechanics ─────────────────────

export function pressure(ctx: Ctx) {
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
