/** Distinct, colour-blind-friendly tints for object masks (Okabe–Ito). */
const TINTS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

export function tint(index: number): string {
  return TINTS[index % TINTS.length] as string;
}

export const INTERACTION_TEXT: Record<string, string> = {
  rests_on: 'rests on',
  contacts: 'touches',
  collides_with: 'collides with',
  falls_onto: 'falls onto',
  falls_off: 'falls off',
  slides_on: 'slides on',
  rolls_on: 'rolls on',
  bounces_on: 'bounces on',
  pushes: 'pushes',
  topples: 'topples on',
  sinks_in: 'sinks in',
  floats_on: 'floats on',
};
