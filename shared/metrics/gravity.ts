import type { Metrics } from '../run/schema';
import { GRAVITY_DECAY, GRAVITY_FREE_ERROR, GRAVITY_REFERENCE_FLOOR, WEIGHTLESS_G } from './constants';
import type { ContactSheet } from './contacts';
import type { Flight } from './flight';
import { decayScore, round } from './score';

const EARTH = 9.81;

function describeG(g: number): string {
  return Math.abs(g - EARTH) < 0.05 ? 'Earth gravity' : `the scene's ${g.toFixed(2)} m/s²`;
}

/**
 * One acceleration vector fitted jointly to every free-flight stretch of every moving body,
 * compared with what those stretches should show: the scene's gravity, less linear drag.
 */
export function measureGravity(sheet: ContactSheet, flights: Flight[][]): Metrics['gravity'] {
  const { poses } = sheet;
  const { down, g } = poses;
  let weight = 0;
  const a = { x: 0, y: 0 };
  const e = { x: 0, y: 0 };
  let frames = 0;
  for (const stretches of flights) {
    for (const flight of stretches) {
      weight += flight.weight;
      a.x += flight.weight * flight.ax;
      a.y += flight.weight * flight.ay;
      e.x += flight.weight * flight.ex;
      e.y += flight.weight * flight.ey;
      frames += flight.last - flight.first + 1;
    }
  }
  const expected = round(g, 3);
  if (!(weight > 0)) {
    return { score: null, summary: 'Nothing flies freely long enough to measure gravity.', measured: null, expected, frames: 0 };
  }
  for (const v of [a, e]) {
    v.x /= weight;
    v.y /= weight;
  }
  const along = a.x * down.x + a.y * down.y;
  const sideways = Math.abs(a.x * -down.y + a.y * down.x);
  const error = Math.hypot(a.x - e.x, a.y - e.y) / Math.max(g, GRAVITY_REFERENCE_FLOOR);
  const score = decayScore(error, GRAVITY_FREE_ERROR, GRAVITY_DECAY);
  const drag = Math.hypot(e.x - poses.gravity.x, e.y - poses.gravity.y) > 0.01 * Math.max(g, GRAVITY_REFERENCE_FLOOR);
  const lessDrag = drag ? ' less its air drag' : '';
  let summary: string;
  if (g < WEIGHTLESS_G) {
    const total = Math.hypot(a.x, a.y);
    summary =
      error <= GRAVITY_FREE_ERROR
        ? `Drifts freely (${total.toFixed(2)} m/s²), as zero gravity${lessDrag} requires.`
        : `Accelerates at ${total.toFixed(1)} m/s² in free flight, though there is no gravity.`;
  } else if (error > GRAVITY_FREE_ERROR && Math.abs(along) < 0.05 * g && sideways < 0.05 * g) {
    summary = `Moves at constant velocity in free flight: no gravity build-up (expected ${g.toFixed(2)} m/s²${lessDrag}).`;
  } else {
    const pct = Math.round(error * 100);
    const drift = sideways > GRAVITY_FREE_ERROR * g ? ` and drifts sideways at ${sideways.toFixed(1)} m/s²` : '';
    const motion = along >= 0 ? `Falls at ${along.toFixed(1)} m/s²` : `Accelerates upwards at ${(-along).toFixed(1)} m/s²`;
    summary = pct < 1 && !drift ? `${motion}, matching ${describeG(g)}${lessDrag}.` : `${motion}${drift}, ${pct}% from ${describeG(g)}${lessDrag}.`;
  }
  return { score, summary, measured: round(along, 3), expected, frames };
}
