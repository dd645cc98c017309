import { add, type Ctx, cap, mainSolid, re } from './common';

/** Light through media: refraction, dispersion, scattering, interference, reflection, shadow. */
// ── optics ────────────────────────────────────────────────────────────────

export function optics(ctx: Ctx) {
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
