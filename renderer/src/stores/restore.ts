import { AppError } from '../../../shared/contract';
import { isDrawnInput } from '../../../shared/run/drawn-input';
import type { Run } from '../../../shared/run/schema';
import { mediaUrl } from '../api/client';
import { readImageFile } from '../components/image-file';
import { useInput } from './input';
import { libraryImagePath } from './library-path';
import { useRefine } from './refine';
import { useRender } from './render';
import type { RunInputs } from './run-inputs';
import { useScene } from './scene';

/** The inputs a run was made from, in the form the stale check compares. */
export function runInputs(run: Run): RunInputs {
  return {
    image: run.input.image,
    prompt: run.input.prompt,
    refinement: run.refinement,
    scene: run.scene,
    settings: run.settings,
    render: run.render?.settings,
  };
}

/**
 * Puts everything a run was made from back in the editor: the picture, the prompt and the
 * refinement it sent, the scene as it was edited, the tier and its settings. Generate then makes
 * the same run again (the renderer is deterministic), and edits start from the run's own inputs.
 */
export async function restoreInputs(run: Run, setSettings: (s: Run['settings']) => void): Promise<void> {
  const path = libraryImagePath(run.input.image);
  if (!path)
    throw new AppError('not_found', `The input image of this run (${run.input.name}) is outside the library.`, 'Open that image again to edit the run.');
  const response = await fetch(mediaUrl(path));
  if (!response.ok)
    throw new AppError('not_found', `The input image of this run (${run.input.name}) is no longer in the library.`, 'Open that image again to edit the run.');
  const blob = await response.blob();
  const image = await readImageFile(new File([blob], run.input.name, { type: blob.type }));
  // A picture drawn from the prompt comes back labelled as drawn, and drawn from the run's prompt.
  useInput.getState().setImage(isDrawnInput(run.input) ? { ...image, drawnFrom: run.input.prompt } : image);
  // The refinement comes back as it was sent; the live refiner must not replace it for this prompt.
  useRefine.setState({
    refinement: run.refinement,
    edited: null,
    use: run.refinement ? 'refined' : 'original',
    pinned: run.input.prompt,
    error: null,
    ...(run.refinement ? { target: run.refinement.target.id } : {}),
  });
  useInput.getState().setPrompt(run.input.prompt);
  const scene = useScene.getState();
  scene.clear();
  useScene.setState({ imagePath: run.input.image, scene: run.scene, revision: scene.revision + 1 });
  setSettings(run.settings);
  const render = useRender.getState();
  if (run.render) {
    const settings = run.render.settings;
    useRender.setState({ packId: settings.packId, byPack: { ...render.byPack, [settings.packId]: settings } });
    render.setTier('render');
  } else render.setTier('preview');
}
