import { centroid } from '../physics/geometry';
import type { Analysis } from '../refine/schema';
import type { Point, Scene, SceneObject } from '../scene/schema';

export const MOTION_KINDS = ['fall', 'throw', 'push', 'roll', 'slide', 'topple', 'bounce', 'collide', 'rise', 'none'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/** What the prompt asks of the scene, resolved to objects in it. */
export interface Intent {
  kind: MotionKind;
  /** The verb as the prompt says it, for explanations. */
  verb: string | null;
  /** Object ids that the verb moves (a toppling stack moves several). */
  subjects: string[];
  /** The object aimed at ("thrown at the bottle"), if any. */
  target: string | null;
  /** Unit direction in image axes (y down) named by the prompt, if any. */
  direction: Point | null;
  /** "off the table", "off the edge": the motion goes past the end of the supporting surface. */
  offEdge: boolean;
}

const VERBS: Record<string, MotionKind> = {
  fall: 'fall',
  drop: 'fall',
  tumble: 'fall',
  plummet: 'fall',
  plunge: 'fall',
  release: 'fall',
  throw: 'throw',
  thrown: 'throw',
  toss: 'throw',
  hurl: 'throw',
  fling: 'throw',
  launch: 'throw',
  lob: 'throw',
  pitch: 'throw',
  kick: 'throw',
  shoot: 'throw',
  push: 'push',
  shove: 'push',
  nudge: 'push',
  flick: 'push',
  knock: 'push',
  roll: 'roll',
  slide: 'slide',
  glide: 'slide',
  skid: 'slide',
  topple: 'topple',
  tip: 'topple',
  collapse: 'topple',
  bounce: 'bounce',
  collide: 'collide',
  crash: 'collide',
  smash: 'collide',
  hit: 'collide',
  strike: 'collide',
  rise: 'rise',
  float: 'rise',
  fly: 'rise',
};

/** When several verbs appear, the one that sets things moving decides the initial conditions. */
const PRIORITY: MotionKind[] = ['throw', 'topple', 'roll', 'slide', 'push', 'collide', 'fall', 'bounce', 'rise'];

const DIRECTIONS: Array<[RegExp, Point]> = [
  [/\b(to(wards?)? the left|leftwards?|left)\b/i, { x: -1, y: 0 }],
  [/\b(to(wards?)? the right|rightwards?|right)\b/i, { x: 1, y: 0 }],
  [/\b(upwards?|up)\b/i, { x: 0, y: -1 }],
  [/\b(downwards?|down)\b/i, { x: 0, y: 1 }],
];

function verbKind(verb: string): MotionKind | undefined {
  const v = verb.toLowerCase();
  return VERBS[v] ?? VERBS[v.replace(/(es|s|ed|ing)$/, '')] ?? VERBS[v.replace(/(s|d)$/, '')];
}

/** Objects whose label names the noun ("tennis ball" matches "ball" and "tennis ball"). */
function objectsNamed(scene: Scene, noun: string | null): SceneObject[] {
  if (!noun) return [];
  const words = noun.toLowerCase().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  return scene.objects.filter((o) => {
    const label = o.label.toLowerCase();
    return label === noun.toLowerCase() || label.split(/\s+/).includes(head) || label.replace(/s$/, '') === head.replace(/s$/, '');
  });
}

function targetOf(prompt: string, scene: Scene, subjects: string[]): string | null {
  const pattern = /\b(?:at|toward|towards|into|against|onto|hits?|strikes?|knocks?(?: over)?)\s+(?:the|a|an|another)\s+([a-z]+(?:\s+[a-z]+)?)/gi;
  for (const m of prompt.matchAll(pattern)) {
    const phrase = (m[1] ?? '').toLowerCase();
    for (const candidate of [phrase, phrase.split(' ')[0] ?? '', phrase.split(' ').at(-1) ?? '']) {
      const hit = objectsNamed(scene, candidate).find((o) => !subjects.includes(o.id));
      if (hit) return hit.id;
    }
  }
  return null;
}

function topmost(objects: SceneObject[]): SceneObject[] {
  return [...objects].sort((a, b) => centroid(a.polygon).y - centroid(b.polygon).y);
}

/**
 * Reads the motion the prompt asks for from its analysis (verbs with their subjects) and ties it
 * to the scene's objects. Without a matching label the largest dynamic object is the subject,
 * the one a viewer would take the sentence to be about.
 */
export function motionIntent(prompt: string, scene: Scene, analysis: Analysis | null): Intent {
  const actions = (analysis?.actions ?? []).filter((a) => !a.negated);
  const ranked = actions
    .map((a) => ({ action: a, kind: verbKind(a.verb) ?? verbKind(a.text) }))
    .filter((a): a is { action: (typeof actions)[number]; kind: MotionKind } => a.kind !== undefined)
    .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
  const chosen = ranked[0];
  const dynamic = scene.objects.filter((o) => o.dynamic);
  const largest = [...dynamic].sort((a, b) => b.bbox.w * b.bbox.h - a.bbox.w * a.bbox.h)[0];
  let subjects: SceneObject[] = chosen ? objectsNamed(scene, chosen.action.subject).filter((o) => o.dynamic) : [];
  if (subjects.length === 0 && largest) subjects = chosen?.kind === 'topple' ? dynamic : [largest];
  // One thrown ball is one object; a toppling stack is all of its blocks.
  if (chosen?.kind !== 'topple') subjects = topmost(subjects).slice(0, 1);
  const ids = subjects.map((o) => o.id);
  const direction = DIRECTIONS.find(([re]) => re.test(prompt))?.[1] ?? null;
  return {
    kind: chosen?.kind ?? 'none',
    verb: chosen?.action.text ?? null,
    subjects: ids,
    target: chosen ? targetOf(prompt, scene, ids) : null,
    direction,
    offEdge: /\boff\b/i.test(prompt),
  };
}
