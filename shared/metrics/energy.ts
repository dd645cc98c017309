import type { Metrics } from '../run/schema';
import { BOUNCE_MIN_SPEED, BOUNCE_MIN_STEP_PX, RESTITUTION_DECAY, RESTITUTION_FREE } from './constants';
import type { BodyContacts, ContactSheet } from './contacts';
import { type Poses, turn } from './pose';
import { decayScore, round } from './score';
import { capitalise } from './text';

interface Bounce {
  label: string;
  frame: number;
  ratio: number;
}

/**
 * Bounces off fixed bodies (surfaces, static objects) only: a moving body can legitimately speed
 * another one up by handing over momentum.
 *
 * Frame velocities are differences over intervals, and the contact happens inside one of the two
 * intervals where the normal velocity flips sign, so neither of those is a clean before or after.
 * The intervals either side of them are. Their speeds are carried to the contact height with
 * energy conservation, K = ½|v|² + g·(s_contact − s_mid) with s the depth along gravity; the
 * contact height is taken at the frame nearest the body bounced off. That estimate errs the same
 * way on both sides, so it can shift the ratio but never pushes it across 1. Spin counts too
 * (½·k²·ω²): a tumbling block can legitimately leave a bounce faster than it came, paid for by
 * its spin. The ratio is then the speed that carries the same energy: √(K_after / K_before).
 */
function bouncesOf(c: BodyContacts, poses: Poses): Bounce[] {
  const { frames, fps, pxPerMetre: ppm, down, g } = poses;
  const { x, y } = c.body;
  const minSpeed = Math.max(BOUNCE_MIN_SPEED, (BOUNCE_MIN_STEP_PX * fps) / ppm);
  const vx = (i: number) => (((x[i + 1] as number) - (x[i] as number)) * fps) / ppm;
  const vy = (i: number) => (((y[i + 1] as number) - (y[i] as number)) * fps) / ppm;
  const depth = (f: number) => ((x[f] as number) * down.x + (y[f] as number) * down.y) / ppm;
  const { angle, gyration2 } = c.body;
  const spin2 = (i: number) => (gyration2 / (ppm * ppm)) * (turn(angle[i] as number, angle[i + 1] as number) * fps) ** 2;
  const kinetic = (i: number, contact: number) => 0.5 * (vx(i) ** 2 + vy(i) ** 2 + spin2(i)) + g * (contact - (depth(i) + depth(i + 1)) / 2);
  const out: Bounce[] = [];
  for (let i = 1; i + 3 < frames; i++) {
    let k = -1;
    for (let f = i; f <= i + 2; f++) if (Number.isFinite(c.fixedGap[f]) && (k < 0 || (c.fixedGap[f] as number) < (c.fixedGap[k] as number))) k = f;
    if (k < 0) continue;
    const nx = c.fixedNx[k] as number;
    const ny = c.fixedNy[k] as number;
    const approach = vx(i - 1) * nx + vy(i - 1) * ny;
    if (approach > -minSpeed || vx(i) * nx + vy(i) * ny >= 0) continue;
    if (vx(i + 1) * nx + vy(i + 1) * ny < 0 || vx(i + 2) * nx + vy(i + 2) * ny <= 0) continue;
    const contact = depth(k);
    const before = kinetic(i - 1, contact);
    const after = kinetic(i + 2, contact);
    if (before <= 0) continue;
    out.push({ label: c.body.label, frame: k, ratio: Math.sqrt(Math.max(0, after) / before) });
    i += 2;
  }
  return out;
}

export function measureEnergy(sheet: ContactSheet): Metrics['energy'] {
  const bounces = sheet.bodies.flatMap((c) => bouncesOf(c, sheet.poses));
  if (bounces.length === 0) return { score: null, summary: 'No bounces to measure.', bounces: 0, maxRestitution: null };
  const worst = bounces.reduce((w, b) => (b.ratio > w.ratio ? b : w));
  const score = decayScore(worst.ratio - 1, RESTITUTION_FREE, RESTITUTION_DECAY);
  const summary =
    worst.ratio > 1 + RESTITUTION_FREE
      ? `${capitalise(worst.label)} gains energy at a bounce (frame ${worst.frame}): leaves ${worst.ratio.toFixed(2)}× faster than it arrived.`
      : bounces.length === 1
        ? `Bounces once, keeping ${Math.round(worst.ratio * 100)}% of its speed.`
        : `Bounces ${bounces.length} times, keeping at most ${Math.round(worst.ratio * 100)}% of the speed.`;
  return { score, summary, bounces: bounces.length, maxRestitution: round(worst.ratio, 3) };
}
