import type { Metrics } from '../run/schema';
import { SUPPORT_MIN_FALL, WEIGHTLESS_G } from './constants';
import type { BodyContacts, ContactSheet } from './contacts';
import type { Flight } from './flight';
import type { Poses } from './pose';
import { clampScore } from './score';
import { capitalise, plural } from './text';

type Violation = Metrics['support']['violations'][number];

/**
 * Hovering: a free-flight stretch (so nothing is under the body) whose fitted acceleration along
 * gravity is below SUPPORT_MIN_FALL of what it should be, e.g. a ball carrying on level past a
 * table's edge. Drag is allowed for: something at its terminal velocity may fall without speeding up.
 */
function hovering(c: BodyContacts, flights: Flight[], poses: Poses): Violation | null {
  const { down } = poses;
  let frames = 0;
  let first = -1;
  for (const flight of flights) {
    const along = flight.ax * down.x + flight.ay * down.y;
    const expected = flight.ex * down.x + flight.ey * down.y;
    if (!(expected > 0 && along < SUPPORT_MIN_FALL * expected)) continue;
    frames += flight.last - flight.first + 1;
    if (first < 0) first = flight.first;
  }
  return frames > 0 ? { id: c.body.id, frames, first } : null;
}

/** Never null: with nothing hovering (or no gravity to fall by) the score is 100. */
export function measureSupport(sheet: ContactSheet, flights: Flight[][]): Metrics['support'] {
  const { poses } = sheet;
  if (poses.g < WEIGHTLESS_G) return { score: 100, summary: 'No gravity, so nothing needs support.', violations: [] };
  const violations = sheet.bodies.map((c, i) => hovering(c, flights[i] ?? [], poses)).filter((v): v is Violation => v !== null);
  if (violations.length === 0) {
    const unsupported = sheet.bodies.some((c) => c.supported.includes(0));
    return {
      score: 100,
      summary: unsupported ? 'Whatever loses its support falls.' : 'Everything stays supported throughout.',
      violations,
    };
  }
  // The worst body decides: one object hanging in the air is obviously wrong, however many behave.
  const share = Math.max(...violations.map((v) => v.frames)) / Math.max(poses.frames, 1);
  const score = clampScore(100 * (1 - share) ** 2);
  const labels = new Map(sheet.bodies.map((c) => [c.body.id, c.body.label]));
  const worst = violations.reduce((w, v) => (v.frames > w.frames ? v : w));
  const who = labels.get(worst.id) ?? worst.id;
  const others = violations.length > 1 ? ` (${plural(violations.length - 1, 'other object')} too)` : '';
  return {
    score,
    summary: `${capitalise(who)} hangs unsupported without falling for ${plural(worst.frames, 'frame')} from frame ${worst.first}${others}.`,
    violations,
  };
}
