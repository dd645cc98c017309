import { AppError, DRAWN_IMAGE_NAME, type PhysStudioApi } from '../../../shared/contract';
import { mediaUrl } from '../api/client';
import { readImageFile } from '../components/image-file';
import { useInput } from './input';
import { useJobs } from './jobs';
import { libraryImagePath } from './library-path';
import { useScene } from './scene';
import { useUi } from './ui';

/** What to type when a prompt names nothing the drawing can show. */
export const DRAWABLE_EXAMPLES = '“a red ball rolls off the table”, “an apple falls onto the floor” or “a glass bottle topples over”';

/**
 * Prompt-only input: the engine draws a simple scene from the prompt's objects and supports
 * (`scene.draw`), which then stands where a photo would: the input picture, labelled as drawn,
 * and its exact Scene, shown in the Scene tab. Resolves false when cancelled.
 */
export async function drawFromPrompt(api: PhysStudioApi, prompt: string): Promise<boolean> {
  const drawn = await useJobs.getState().run('Drawing the scene from the prompt', async (_jobId, local) => {
    local.progress('drawing the prompt’s objects and predicting what happens', null);
    const result = await api['scene.draw']({ prompt });
    local.signal.throwIfAborted();
    // A stand-in (nothing in the prompt could be drawn) carries no label from the prompt.
    if (!result.scene.objects.some((o) => o.provenance.label === 'prompt'))
      throw new AppError(
        'bad_request',
        'The prompt names nothing the drawing can show, so there is no scene to animate.',
        `Name an object and what it does, e.g. ${DRAWABLE_EXAMPLES}; or drop a photo.`,
      );
    local.progress('loading the drawing', null);
    const path = libraryImagePath(result.path);
    if (!path) throw new AppError('internal', 'The drawn picture was stored outside the library.');
    const response = await fetch(mediaUrl(path), { signal: local.signal });
    if (!response.ok) throw new AppError('io', `The drawn picture could not be loaded (${response.status}).`, 'Press Generate again.');
    const blob = await response.blob();
    const image = await readImageFile(new File([blob], DRAWN_IMAGE_NAME, { type: blob.type || 'image/png' }));
    return { result, image };
  });
  if (!drawn) return false;
  useInput.getState().setImage({ ...drawn.image, drawnFrom: prompt });
  const scene = useScene.getState();
  scene.clear();
  useScene.setState({ imagePath: drawn.result.path, scene: drawn.result.scene, notices: drawn.result.notices, timings: null, revision: scene.revision + 1 });
  useUi.getState().setTab('scene');
  useUi.getState().setCentre('scene');
  return true;
}
