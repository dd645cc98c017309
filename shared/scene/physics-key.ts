import type { Scene } from './schema';

/**
 * What a generation depends on in a scene, as a comparable string: everything but the predicted
 * interactions and the embedding (which are recomputed after every edit and do not drive the
 * simulation) and the masks (which change only together with the objects' outlines).
 */
export function physicsKey(scene: Scene): string {
  return JSON.stringify({ ...scene, interactions: null, embedding: null, encoder: null, objects: scene.objects.map((o) => ({ ...o, mask: null })) });
}
