import type { ClipEvent, Metrics } from '../run/schema';
import { CONTACT_TOLERANCE_PX, PENETRATION_DEPTH_DECAY, PENETRATION_MEAN_DECAY, PENETRATION_SUSTAINED_S } from './constants';
import type { ContactSheet, PairDepth } from './contacts';
import { clampScore, round } from './score';
import { capitalise, plural } from './text';

/** Length of the run of over-tolerance frames each frame belongs to (0 outside runs). */
function runLengths(depth: Float64Array): Uint32Array {
  const runs = new Uint32Array(depth.length);
  let start = -1;
  for (let f = 0; f <= depth.length; f++) {
    if (f < depth.length && (depth[f] as number) > CONTACT_TOLERANCE_PX) {
      if (start < 0) start = f;
      continue;
    }
    if (start >= 0) runs.fill(f - start, start, f);
    start = -1;
  }
  return runs;
}

/**
 * Per frame, the worst pair's excess beyond tolerance relative to the smaller body's size, scaled
 * down for brief overlaps; the score falls with the largest of these and with their mean over the
 * clip (which grows with the share of frames that overlap).
 */
export function measurePenetration(sheet: ContactSheet): Metrics['interpenetration'] {
  const { frames, fps } = sheet.poses;
  const sustained = Math.max(1, Math.ceil(PENETRATION_SUSTAINED_S * fps));
  const runs = sheet.pairs.map((p) => runLengths(p.depth));
  let maxDepth = 0;
  let worst: { pair: PairDepth; depth: number } | null = null;
  let first = -1;
  let last = -1;
  let count = 0;
  let maxSeverity = 0;
  let sumSeverity = 0;
  for (let f = 0; f < frames; f++) {
    let severity = 0;
    sheet.pairs.forEach((pair, i) => {
      const depth = pair.depth[f] as number;
      if (depth > maxDepth) maxDepth = depth;
      if (depth <= CONTACT_TOLERANCE_PX) return;
      if (!worst || depth > worst.depth) worst = { pair, depth };
      const weight = Math.min(1, ((runs[i] as Uint32Array)[f] as number) / sustained);
      severity = Math.max(severity, (weight * (depth - CONTACT_TOLERANCE_PX)) / Math.max(pair.size, 1));
    });
    if (severity > 0) {
      if (first < 0) first = f;
      last = f;
      count++;
      maxSeverity = Math.max(maxSeverity, severity);
      sumSeverity += severity;
    }
  }
  const maxDepthPx = round(maxDepth, 1);
  const found = worst as { pair: PairDepth; depth: number } | null;
  if (!found) {
    return { score: 100, summary: `Nothing overlaps by more than ${CONTACT_TOLERANCE_PX} px.`, maxDepthPx, span: null, frames: 0 };
  }
  const score = clampScore(100 * Math.exp(-PENETRATION_DEPTH_DECAY * maxSeverity - (PENETRATION_MEAN_DECAY * sumSeverity) / Math.max(frames, 1)));
  const { pair } = found;
  const pairFrames = countOver(pair);
  const others = sheet.pairs.filter((p) => p !== pair && countOver(p) > 0).length;
  const depth = Math.round(found.depth);
  const main = pair.b.surface
    ? `${pair.a.label} passes ${depth} px into ${pair.b.label} for ${plural(pairFrames, 'frame')}`
    : `${pair.a.label} and ${pair.b.label} overlap by up to ${depth} px for ${plural(pairFrames, 'frame')}`;
  const rest = others === 0 ? '' : others === 1 ? '; another pair overlaps too' : `; ${others} other pairs overlap too`;
  return { score, summary: `${capitalise(main)}${rest}.`, maxDepthPx, span: [first, last], frames: count };
}

function countOver(pair: PairDepth): number {
  let n = 0;
  for (const d of pair.depth) if (d > CONTACT_TOLERANCE_PX) n++;
  return n;
}

/** An `overlap` event at each frame where a pair goes from within tolerance to deeper than it. */
export function penetrationEvents(sheet: ContactSheet): ClipEvent[] {
  const events: ClipEvent[] = [];
  const { fps } = sheet.poses;
  for (const pair of sheet.pairs) {
    let inside = false;
    pair.depth.forEach((depth, frame) => {
      const over = depth > CONTACT_TOLERANCE_PX;
      if (over && !inside) events.push({ type: 'overlap', frame, t: frame / fps, a: pair.a.id, b: pair.b.id });
      inside = over;
    });
  }
  // Plain code-unit order, not locale order, so the events are the same on every machine.
  const order = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0);
  return events.sort((x, y) => x.frame - y.frame || order(x.a, y.a) || order(x.b, y.b));
}
