import { MIN_FLIGHT_FRAMES } from './constants';
import type { BodyContacts } from './contacts';
import { fitStretch, type Stretch } from './fit';
import type { Poses } from './pose';

/** A free-flight stretch with what it shows and what it should show, in metres and seconds. */
export interface Flight extends Stretch {
  /** Fitted acceleration, m/s², image axes. */
  ax: number;
  ay: number;
  /** Gravity less the body's linear drag (linearDamping × fitted mid-stretch velocity), as the simulation applies it. */
  ex: number;
  ey: number;
  weight: number;
}

/**
 * Free flight: runs of frames with nothing within reach. Because reach includes the motion to the
 * neighbouring frames, no collision hides between two frames of a run, so the run is one parabola.
 */
export function flights(contacts: BodyContacts, poses: Poses): Flight[] {
  const out: Flight[] = [];
  const { clear, body } = contacts;
  const ppm = poses.pxPerMetre;
  let first = -1;
  for (let f = 0; f <= clear.length; f++) {
    if (f < clear.length && clear[f] === 1) {
      if (first < 0) first = f;
      continue;
    }
    const stretch = { first, last: f - 1 };
    first = -1;
    if (stretch.first < 0 || stretch.last - stretch.first + 1 < MIN_FLIGHT_FRAMES) continue;
    const x = fitStretch(body.x, stretch, poses.fps);
    const y = fitStretch(body.y, stretch, poses.fps);
    if (!x || !y) continue;
    out.push({
      ...stretch,
      ax: x.acceleration / ppm,
      ay: y.acceleration / ppm,
      ex: poses.gravity.x - (body.damping * x.velocity) / ppm,
      ey: poses.gravity.y - (body.damping * y.velocity) / ppm,
      weight: x.weight,
    });
  }
  return out;
}
