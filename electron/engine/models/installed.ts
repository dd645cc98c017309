import { loadSettings } from '../settings';
import type { EngineState } from '../state';
import { type Discovery, discoverPacks } from './discovery';

/** The packs this engine can use now: bundled, imported, and those in the user's model folders. */
export async function installedPacks(state: EngineState): Promise<Discovery> {
  const { settings } = await loadSettings(state.paths.settingsFile);
  return discoverPacks(state.bundledModels, settings.modelFolders, state.paths.modelsDir);
}
