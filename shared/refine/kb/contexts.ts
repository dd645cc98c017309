import type { Context } from '../schema';

/**
 * Context phrases change how phenomena play out ("without gravity", "on ice", "underwater").
 * Matched on the lower-cased prompt and on its lemmatised form.
 */
/** Settings without weight; also the triggers of the zero_gravity phenomenon. */
export const ZERO_GRAVITY_PHRASES = [
  'without gravity',
  'zero gravity',
  'zero-gravity',
  'zero g',
  'zero-g',
  'no gravity',
  'weightless',
  'microgravity',
  'in space',
  'outer space',
  'space station',
  'in orbit',
  'orbiting',
  'weightless cabin',
  'spacewalk',
  'floating in space',
  'iss',
];

export const CONTEXT_RULES: Array<{ phrases: string[]; apply: Partial<Context> }> = [
  { phrases: ZERO_GRAVITY_PHRASES, apply: { gravity: 'zero' } },
  { phrases: ['on the moon', 'lunar', 'moon surface', "moon's surface"], apply: { gravity: 'moon' } },
  { phrases: ['on mars', 'martian'], apply: { gravity: 'mars' } },
  { phrases: ['underwater', 'under water', 'under the sea', 'beneath the surface', 'at the bottom of the pool', 'submerged'], apply: { medium: 'water' } },
  { phrases: ['in a vacuum', 'vacuum chamber', 'in vacuum', 'airless'], apply: { medium: 'vacuum' } },
  { phrases: ['slow motion', 'slow-motion', 'slowmo', 'slow mo', 'high-speed camera', 'high speed camera', '1000 fps'], apply: { timeScale: 'slow' } },
  { phrases: ['time-lapse', 'timelapse', 'time lapse', 'fast forward', 'sped up', 'hyperlapse'], apply: { timeScale: 'fast' } },
  { phrases: ['on ice', 'icy', 'frozen lake', 'ice rink', 'skating rink', 'frozen pond'], apply: { surface: 'ice' } },
  { phrases: ['on sand', 'sandy', 'on the beach', 'in the desert', 'sand dune'], apply: { surface: 'sand' } },
  { phrases: ['in mud', 'muddy', 'on mud'], apply: { surface: 'mud' } },
  { phrases: ['on grass', 'grassy', 'on the lawn', 'on a lawn'], apply: { surface: 'grass' } },
  { phrases: ['on carpet', 'on a carpet', 'on the carpet', 'on a rug', 'on the rug'], apply: { surface: 'carpet' } },
];

export const GRAVITY_MS2: Record<Context['gravity'], number> = { earth: 9.81, moon: 1.62, mars: 3.71, zero: 0 };
