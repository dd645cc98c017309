import { AppError } from '../../../shared/contract';
import { predictInteractions } from '../../../shared/physics/predict';
import { objectFromProposal } from '../../../shared/scene/build';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import type { BBox, Point, Scene } from '../../../shared/scene/schema';
import { ingestImage } from './ingest';
import { toProposal } from './perceive';
import { segmentAt } from './segment-at';

/**
 * Adds the object the user clicked or boxed (grabCut from that seed) and re-predicts
 * interactions. With `label` (a noun the prompt named that perception could not find), the new
 * object carries that noun, leaves the missing list, and becomes the prompt's subject if there
 * was none.
 */
export async function addObject(
  image: string,
  scene: Scene,
  seed: { point: Point } | { box: BBox },
  label?: string,
): Promise<{ scene: Scene; added: string | null }> {
  // A scene perceived from a downscaled copy is in that copy's pixels.
  const working = await ingestImage(image, { downscale: true });
  if (working.original.width !== scene.image.width || working.original.height !== scene.image.height) {
    throw new AppError('bad_request', 'The image does not match the scene being edited.', 'Drop the image again.');
  }
  const k = working.width / working.original.width;
  const local =
    'point' in seed
      ? { point: { x: seed.point.x * k, y: seed.point.y * k } }
      : { box: { x: seed.box.x * k, y: seed.box.y * k, w: seed.box.w * k, h: seed.box.h * k } };
  const found = await segmentAt(working.data, working.width, working.height, local);
  if (!found) return { scene, added: null };
  const ids = new Set(scene.objects.map((o) => o.id));
  let n = scene.objects.length + 1;
  while (ids.has(`o${n}`)) n++;
  const made = objectFromProposal(toProposal(found, 1 / k, 1 / k), `o${n}`, undefined, scene.scale.pixelsPerMetre);
  const object = {
    ...made,
    ...(label ? { label, grounding: { noun: label, text: label, via: 'user' as const }, dynamic: true } : {}),
    provenance: { ...made.provenance, label: 'user' as const, ...(label ? { dynamic: 'user' as const } : {}) },
  };
  const missing = (scene.missing ?? []).filter((m) => m !== label);
  const { missing: _old, ...rest } = scene;
  const next: Scene = {
    ...rest,
    ...(missing.length ? { missing } : {}),
    ...(label && !scene.subjectId ? { subjectId: object.id } : {}),
    objects: [...scene.objects, object],
    interactions: [],
  };
  const { interactions } = await predictInteractions(next, { seconds: 5, fps: 24 });
  const withInteractions = { ...next, interactions };
  return { scene: { ...withInteractions, embedding: sceneEmbedding(withInteractions) }, added: object.id };
}
