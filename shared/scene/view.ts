import type { EdgeLine } from './build';
import type { Proposal } from './ground';
import type { Provenance, Scene, Surface } from './schema';

export interface ViewEstimate {
  view: 'side' | 'top-down';
  provenance: Provenance;
  reason: string;
}

const TOP_WORDS = /\b(from above|top[- ]down|overhead|bird'?s[- ]eye|top view|flat[- ]?lay|looking down|seen from the top)\b/i;
const SIDE_WORDS = /\b(side view|from the side|side-on|at eye level)\b/i;
/** Border strips closer than this (Lab units) are one surface all round the frame: a table, floor or cloth seen from above. */
const UNIFORM_BORDER = 7.5;
/** Things photographed standing, from the side: animals and vehicles (people are judged by their outline). */
const UPRIGHT = new Set([
  'bird',
  'cat',
  'dog',
  'horse',
  'sheep',
  'cow',
  'elephant',
  'bear',
  'zebra',
  'giraffe',
  'car',
  'truck',
  'bus',
  'motorcycle',
  'bicycle',
  'train',
  'airplane',
  'boat',
]);
const TABLEWARE = new Set(['cup', 'bowl', 'wine glass', 'donut', 'pizza', 'cake', 'orange', 'apple', 'sports ball', 'clock', 'frisbee']);

/**
 * Side view or looking straight down. The prompt decides when it says so; otherwise cues from
 * the photo: a table or bed filling most of the frame, round tableware whose rims show as
 * circles (a cup seen from the side is taller than wide, from above it is a circle), and no
 * long horizontal edge (a horizon or a table's front edge) or standing person, which a
 * top-down photo cannot show. The frame's border is the strongest cue on real photos: looking down,
 * one surface (a desk, a carpet, a cloth) runs all round the picture; from the side, sky or a
 * wall above differs from the ground below. Animals and vehicles are seen standing, from the side.
 */
export function estimateView(
  prompt: string | undefined,
  proposals: Proposal[],
  edges: EdgeLine[],
  width: number,
  height: number,
  borderSpread?: number,
): ViewEstimate {
  if (prompt && TOP_WORDS.test(prompt)) return { view: 'top-down', provenance: 'prompt', reason: 'The prompt says the picture is taken from above.' };
  if (prompt && SIDE_WORDS.test(prompt)) return { view: 'side', provenance: 'prompt', reason: 'The prompt says the picture is taken from the side.' };
  const frame = width * height;
  const cues: string[] = [];
  let score = 0;
  const table = proposals
    .filter((p) => p.detection && ['dining table', 'bed'].includes(p.detection.cocoClass) && p.detection.score >= 0.35)
    .sort((a, b) => b.bbox.w * b.bbox.h - a.bbox.w * a.bbox.h)[0];
  if (table && (table.bbox.w * table.bbox.h) / frame >= 0.6) {
    score += 2;
    cues.push(`a ${table.detection?.cocoClass} fills ${Math.round(((table.bbox.w * table.bbox.h) / frame) * 100)}% of the frame`);
  }
  const round = proposals.filter((p) => {
    const c = p.detection?.cocoClass;
    if (!c || !TABLEWARE.has(c) || (p.detection?.score ?? 0) < 0.3) return false;
    const r = p.bbox.w / Math.max(1, p.bbox.h);
    return c === 'cup' || c === 'wine glass' ? r > 0.9 && r < 1.12 : false;
  });
  if (round.length) {
    score += 1;
    cues.push(`${round.length} ${round.length > 1 ? 'rims look' : 'rim looks'} circular`);
  }
  const uniform = borderSpread !== undefined && borderSpread < UNIFORM_BORDER;
  if (uniform) {
    score += 2;
    cues.push('one surface runs all round the frame (no sky, wall or floor line)');
  }
  const upright = proposals.find((p) => p.detection && UPRIGHT.has(p.detection.cocoClass) && p.detection.score >= 0.3);
  if (upright) {
    score -= 2;
    cues.push(`a ${upright.detection?.cocoClass} is seen standing`);
  }
  // Things standing on a long level line (a table's front edge, a shelf, a floor line) are seen
  // from the side; many such lines are a texture (corrugated card, planks) seen from above.
  const near = Math.max(6, height * 0.03);
  const long = edges.filter((e) => e.b.x - e.a.x >= width * 0.4);
  const standsOnLine =
    long.length < 4 &&
    proposals.some((p) =>
      long.some((e) => Math.abs((e.a.y + e.b.y) / 2 - (p.bbox.y + p.bbox.h)) <= near && e.a.x <= p.bbox.x + p.bbox.w / 2 && e.b.x >= p.bbox.x + p.bbox.w / 2),
    );
  if (standsOnLine) {
    score -= 2;
    cues.push('things stand on a long level line');
  }
  // With one surface all round, a long straight line is its grain or a seam, not a horizon.
  const horizon = !uniform && edges.some((e) => e.b.x - e.a.x >= width * 0.6);
  if (horizon) {
    score -= 1;
    cues.push('a long horizontal edge crosses the picture');
  }
  const standing = proposals.some((p) => p.detection?.cocoClass === 'person' && (p.detection.score ?? 0) >= 0.3 && p.bbox.h > 1.6 * p.bbox.w);
  if (standing) {
    score -= 2;
    cues.push('a person stands upright');
  }
  const view = score >= 2 ? 'top-down' : 'side';
  const reason = cues.length
    ? `${view === 'top-down' ? 'Seen from above' : 'Seen from the side'}: ${cues.join('; ')}.`
    : 'Seen from the side (no sign of a view from above).';
  return { view, provenance: 'appearance', reason };
}

/**
 * The user's switch of camera view. Looking down: gravity leaves the image plane and the support
 * lines go (the table is the whole picture). Side view: Earth gravity down the screen and a
 * ground under the lowest object if there was none.
 */
export function withView(scene: Scene, view: 'side' | 'top-down'): Scene {
  const viewSource = {
    provenance: 'user' as const,
    reason: view === 'top-down' ? 'Set to a view from above in the Scene tab.' : 'Set to a side view in the Scene tab.',
  };
  if (view === 'top-down') return { ...scene, view, viewSource, gravity: { x: 0, y: 0 }, surfaces: [] };
  const lowest = Math.max(scene.image.height * 0.5, ...scene.objects.map((o) => o.bbox.y + o.bbox.h));
  const surfaces: Surface[] = scene.surfaces.length
    ? scene.surfaces
    : [
        {
          id: 'ground',
          kind: 'ground',
          points: [
            { x: -scene.image.width, y: Math.min(scene.image.height, lowest) },
            { x: scene.image.width * 2, y: Math.min(scene.image.height, lowest) },
          ],
          friction: 0.6,
          restitution: 0.3,
          provenance: 'user',
        },
      ];
  const gravity = scene.view === 'top-down' ? { x: 0, y: 9.81 } : scene.gravity;
  return { ...scene, view, viewSource, gravity, surfaces };
}
