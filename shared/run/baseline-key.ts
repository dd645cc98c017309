import type { Refinement } from '../refine/schema';
import { physicsKey } from '../scene/physics-key';
import type { Scene } from '../scene/schema';

/** The request fields a baseline clip is made from. */
export interface BaselineInputs {
  image: string;
  prompt: string;
  refinement: Refinement | null;
  scene: Scene;
}

/**
 * What the baseline clip depends on, as a comparable string. Two requests with the same key give
 * byte-identical baselines, so one may carry the other's baseline over and regenerate only the
 * physics clip; the run's sidecar then still reproduces both.
 *
 * It holds:
 * - the picture and its size, and the scale (the baseline's speeds are described in m/s);
 * - the prompt, and the analysis its motion is read from (the refinement's, when there is one);
 * - every object's id, label, outline, box, mask and whether it moves: labels tie the verbs to
 *   objects, outlines and masks are what is cut out and filled in, static outlines hold things up;
 * - the surfaces' geometry: contact shadows are drawn on it and "off the edge" aims at its ends.
 *
 * It leaves out what only the simulation reads: gravity, mass, density, friction, bounciness,
 * damping, materials, push arrows, the surfaces' friction and bounciness, and the refined
 * prompt's wording (the physics clip's prompt). The baseline's metrics do read gravity and the
 * surfaces, but they are measured again from its unchanged tracks whenever it is carried over.
 */
export function baselineKey(inputs: BaselineInputs): string {
  return JSON.stringify(baselineParts(inputs));
}

/** The parts of the key, each named in plain words for a message saying what changed. */
const PART_NAMES = {
  image: 'the picture',
  scale: 'the scale',
  prompt: 'the prompt',
  analysis: 'the prompt’s analysis',
  moving: 'which objects move',
  objects: 'the objects (their names, outlines or masks)',
  surfaces: 'the surfaces’ shape',
} as const;
type Part = keyof typeof PART_NAMES;

function baselineParts(inputs: BaselineInputs): Record<Part, string> {
  const { scene } = inputs;
  return {
    image: JSON.stringify([inputs.image, scene.image]),
    scale: JSON.stringify(scene.scale.pixelsPerMetre),
    prompt: JSON.stringify(inputs.prompt),
    analysis: JSON.stringify(inputs.refinement?.analysis ?? null),
    moving: JSON.stringify(scene.objects.map((o) => [o.id, o.dynamic])),
    objects: JSON.stringify(scene.objects.map((o) => ({ id: o.id, label: o.label, polygon: o.polygon, bbox: o.bbox, mask: o.mask }))),
    surfaces: JSON.stringify(scene.surfaces.map((s) => ({ id: s.id, points: s.points }))),
  };
}

/** What differs between two requests' baseline inputs, in plain words; empty when the baselines are the same. */
export function baselineChanges(a: BaselineInputs, b: BaselineInputs): string[] {
  const pa = baselineParts(a);
  const pb = baselineParts(b);
  const changed = (Object.keys(PART_NAMES) as Part[]).filter((k) => pa[k] !== pb[k]);
  // A new prompt has a new analysis; naming both says the same thing twice.
  return changed.filter((k) => k !== 'analysis' || !changed.includes('prompt')).map((k) => PART_NAMES[k]);
}

/** What either clip depends on: the baseline's inputs, the refined wording, and the whole scene the simulation reads. */
export function runInputsKey(inputs: BaselineInputs): string {
  return JSON.stringify({ baseline: baselineKey(inputs), refined: inputs.refinement?.refined ?? null, scene: physicsKey(inputs.scene) });
}
