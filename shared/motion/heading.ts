import { centroid } from '../physics/geometry';
import type { Scene, SceneObject } from '../scene/schema';
import type { Intent } from './intent';
import { supportUnder, towardNearerEdge } from './support';

/** The object the prompt aims the motion at, when it names one that is in the scene. */
export function targetObject(scene: Scene, intent: Intent): SceneObject | undefined {
  return intent.target ? scene.objects.find((o) => o.id === intent.target) : undefined;
}

/** Horizontal distance (px, ≥ 0) between the centres of an object and its target. */
export function horizontalGap(object: SceneObject, target: SceneObject): number {
  return Math.abs(centroid(target.polygon).x - centroid(object.polygon).x);
}

/**
 * Which way (±1) a motion along the ground goes. A named target decides it, since "pushed toward
 * the bottle" must reach the bottle whatever side it is on; then a sideways direction word; then
 * the nearer end of the support when the prompt says "off"; rightwards when nothing says.
 */
export function horizontalHeading(scene: Scene, intent: Intent, object: SceneObject): number {
  const target = targetObject(scene, intent);
  const dx = target ? centroid(target.polygon).x - centroid(object.polygon).x : 0;
  if (dx !== 0) return Math.sign(dx);
  if (intent.direction && intent.direction.y === 0) return intent.direction.x;
  if (intent.offEdge) return towardNearerEdge(object, supportUnder(scene, object), scene.image.width);
  // Unsaid: towards the side of the picture with more room.
  return centroid(object.polygon).x < scene.image.width / 2 ? 1 : -1;
}
