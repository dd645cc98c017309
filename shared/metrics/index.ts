import type { ClipEvent, Metrics } from '../run/schema';
import { contactSheet } from './contacts';
import { measureEnergy } from './energy';
import { flights } from './flight';
import { measureGravity } from './gravity';
import { measurePenetration, penetrationEvents } from './penetration';
import { type MeasureInput, pose } from './pose';
import { overallScore } from './score';
import { measureSupport } from './support';

export type { MeasureInput } from './pose';

/**
 * Physics metrics of one clip, from its tracks alone, so the baseline and the physics clip are
 * judged by the same rules. Definitions, tolerances and weights: docs/metrics.md.
 */
export function measureClip(input: MeasureInput): Metrics {
  const sheet = contactSheet(pose(input));
  const stretches = sheet.bodies.map((c) => flights(c, sheet.poses));
  const gravity = measureGravity(sheet, stretches);
  const interpenetration = measurePenetration(sheet);
  const support = measureSupport(sheet, stretches);
  const energy = measureEnergy(sheet);
  const score = overallScore({ gravity: gravity.score, interpenetration: interpenetration.score, support: support.score, energy: energy.score });
  return { score, gravity, interpenetration, support, energy };
}

/** Frames where pairs (object/object or object/surface) start to interpenetrate deeper than the tolerance, as `overlap` events. */
export function overlapEvents(input: MeasureInput): ClipEvent[] {
  return penetrationEvents(contactSheet(pose(input)));
}
