import sharp from 'sharp';
import { predictInteractions } from '../../../shared/physics/predict';
import { drawnScene } from '../../../shared/preview/drawn-scene';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import type { Scene } from '../../../shared/scene/schema';
import { importImage } from '../perceive/import';

/**
 * Prompt-only input: draws the scene the prompt describes (shared/preview/drawn-scene.ts), stores
 * the picture in the library like an imported image, and returns the exact Scene it shows, with
 * its predicted interactions, so generation runs the same physics as on a photo.
 */
export async function drawPrompt(libraryDir: string, prompt: string) {
  const drawn = drawnScene(prompt);
  const png = await sharp(Buffer.from(drawn.svg)).png({ compressionLevel: 6 }).toBuffer();
  const stored = await importImage(libraryDir, 'drawn-from-prompt.png', png.toString('base64'));
  const base: Scene = { ...drawn.scene, interactions: [], embedding: [] };
  const { interactions } = await predictInteractions(base, { seconds: 5, fps: 24 });
  const scene: Scene = { ...base, interactions };
  scene.embedding = sceneEmbedding(scene);
  return { ...stored, scene, notices: drawn.notices, drawn: true as const };
}
