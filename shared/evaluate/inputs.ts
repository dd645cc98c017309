import type { Point, Scene } from '../scene/schema';
import type { EvalIntent, EvalObject, EvalSurface, IntentKind } from './schema';
import { INTENT_KINDS } from './schema';

/** What the evaluator takes from a Scene: objects at frame 0, support lines and gravity, in the frames' pixels. */
export interface SceneEvalInputs {
  objects: EvalObject[];
  surfaces: EvalSurface[];
  /** Gravity in frame pixels per second squared (y down). */
  gravityPxPerS2: Point;
}

/**
 * The scene's frame-0 objects, its surfaces and its gravity in the pixels of a clip `width` wide.
 * Only what a viewer could know from the first frame and the scene's scale is passed on: no
 * tracks, no simulated contacts.
 */
export function sceneEvalInputs(scene: Scene, width: number): SceneEvalInputs {
  const s = width / scene.image.width;
  const ppm = scene.scale.pixelsPerMetre * s;
  return {
    objects: scene.objects.map((o) => ({ id: o.id, label: o.label, mask: o.mask, bbox: o.bbox, dynamic: o.dynamic })),
    surfaces: scene.surfaces.filter((f) => f.kind !== 'wall').map((f) => ({ id: f.id, points: f.points.map((p) => ({ x: p.x * s, y: p.y * s })) })),
    gravityPxPerS2: { x: scene.gravity.x * ppm, y: scene.gravity.y * ppm },
  };
}

/** The motion planner's intent (shared/motion/intent.ts), in the evaluator's terms. */
export interface PlannerIntentLike {
  kind: string;
  subjects: string[];
  direction?: Point | null;
  offEdge?: boolean;
  leavesFrame?: boolean;
}

const STILL_WORDS = /\b(stands?|standing|stays?|staying|sits?|sitting|rests?|resting|remains?|still|motionless|stationary|at rest)\b/i;
const DRIFT_WORDS = /\b(zero[- ]?g(ravity)?|weightless(ness)?|in space|in orbit|drifts?|drifting|floats?|floating|hovers?)\b/i;
// "Rolls away", "out of the frame": the prompt lets it go out of the picture. Not a bare "off" or
// "out": "rolls off the table" asks for a fall that stays in view, as the planner reads it too.
const LEAVES_WORDS = /\b(out of (the )?(frame|picture|shot|view)|off[- ]screen|leaves the (frame|picture)|away)\b/i;

/**
 * Maps the planner's intent onto the evaluator's kinds. The prompt is read again only for what a
 * planner may not model: "stands still" (nothing moves), "in zero gravity it floats" (a drift
 * with no fall) and leaving the frame on purpose.
 */
export function evalIntentOf(planned: PlannerIntentLike | null, prompt: string): EvalIntent {
  const known = (INTENT_KINDS as readonly string[]).includes(planned?.kind ?? '') ? (planned?.kind as IntentKind) : 'none';
  let kind: IntentKind = known;
  if (DRIFT_WORDS.test(prompt) && (kind === 'none' || kind === 'rise' || kind === 'fall'))
    kind = /\b(up|upwards?|rises?|rising)\b/i.test(prompt) ? 'rise' : 'drift';
  else if (kind === 'none' && STILL_WORDS.test(prompt)) kind = 'still';
  return {
    kind,
    subjectIds: planned?.subjects ?? [],
    direction: planned?.direction ?? null,
    offEdge: !!planned?.offEdge && ['roll', 'slide', 'push'].includes(kind),
    leavesFrame: !!planned?.leavesFrame || LEAVES_WORDS.test(prompt),
  };
}

/**
 * The objects a judge follows in either clip of one run: every object the app lets move in
 * either clip, and the prompt's named subjects even where a clip leaves them still. Both clips
 * get the same set, so a baseline that never moves the named object is judged on that object,
 * not on whatever else it moved.
 */
export function judgedDynamic(objects: ReadonlyArray<{ id: string }>, moving: Iterable<string>, subjects: Iterable<string>): Set<string> {
  const ids = new Set([...moving, ...subjects]);
  return new Set(objects.filter((o) => ids.has(o.id)).map((o) => o.id));
}
