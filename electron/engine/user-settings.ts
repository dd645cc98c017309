import { isAbsolute, resolve } from 'node:path';
import { AppError, type UserSettings } from '../../shared/contract';
import type { ExecutionProvider } from '../../shared/models/manifest';
import { assertUsablePath } from '../common/path-policy';
import { loadSettings, saveSettings } from './settings';
import type { EngineState } from './state';

/** The part of settings.json the app's own screens edit, with any problem the file had. */
export async function getUserSettings(state: EngineState, backup?: string): Promise<UserSettings> {
  const { settings, problem } = await loadSettings(state.paths.settingsFile);
  return {
    modelFolders: settings.modelFolders,
    provider: settings.provider,
    importedModelsDir: state.paths.modelsDir,
    ...(problem ? { problem } : {}),
    ...(backup ? { backup } : {}),
  };
}

/**
 * Changes model folders and the forced provider, keeping every other setting as it was. Folders
 * must be full paths; duplicates go, and so does the app's own models folder (always searched).
 * A damaged file is backed up before it is rewritten, and its valid fields are carried over.
 */
export async function updateUserSettings(
  state: EngineState,
  patch: { modelFolders?: string[] | undefined; provider?: ExecutionProvider | null | undefined },
): Promise<UserSettings> {
  const loaded = await loadSettings(state.paths.settingsFile);
  const settings = loaded.settings;
  if (patch.modelFolders) {
    const relative = patch.modelFolders.find((f) => !isAbsolute(f));
    if (relative) throw new AppError('bad_request', `“${relative}” is not a full path.`, 'Give model folders as full paths, e.g. /home/me/models.');
    for (const folder of patch.modelFolders) await assertUsablePath(folder, 'A model folder');
    const own = resolve(state.paths.modelsDir);
    settings.modelFolders = [...new Set(patch.modelFolders.map((f) => resolve(f)))].filter((f) => f !== own);
  }
  if (patch.provider !== undefined) settings.provider = patch.provider;
  const backup = await saveSettings(state.paths.settingsFile, settings, loaded);
  // Sessions opened on the old provider go now, unless a render is using them: the next render
  // asks for the new provider's sessions, which frees the old ones then.
  if (patch.provider !== undefined && !state.gpu.busy) await (await import('./render/sessions')).releaseAllSessions();
  return getUserSettings(state, backup);
}
