import { AppError } from '../../../shared/contract';
import { predictInteractions } from '../../../shared/physics/predict';
import { objectFromProposal } from '../../../shared/scene/build';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import type { BBox, Point, Scene } from '../../../shared/scene/schema';
import { ingestImage } from './ingest';
import { toProposal } from './perceive';
import { segmentAt } from './segment-at';

/** Adds the object the user clicked or boxed (grabCut from that seed) and re-predicts interactions. */
export async function addObject(image: string, scene: Scene, seed: { point: Point } | { box: BBox }): Promise<{ scene: Scene; added: string | null }> {
  const working = await ingestImage(image);
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
  const object = objectFromProposal(toProposal(found, 1 / k, 1 / k), `o${n}`, undefined, scene.scale.pixelsPerMetre);
  const next: Scene = { ...scene, objects: [...scene.objects, { ...object, provenance: { ...object.provenance, label: 'user' } }], interactions: [] };
  const { interactions } = await predictInteractions(next, { seconds: 5, fps: 24 });
  const withInteractions = { ...next, interactions };
  return { scene: { ...withInteractions, embedding: sceneEmbedding(withInteractions) }, added: object.id };
}
