import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'PhysStudio';

/**
 * Where user data lives when no host says otherwise. Matches Electron's `app.getPath('userData')`
 * so the desktop app, the browser host and the CLI share one library and one settings file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.PHYSSTUDIO_DATA_DIR) return env.PHYSSTUDIO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export interface EnginePaths {
  dataDir: string;
  libraryDir: string;
  settingsFile: string;
  cacheDir: string;
  /** Where packs imported through the models manager are copied; always searched for packs. */
  modelsDir: string;
  /** Read-only resources shipped with the app (probe model, bundled packs, samples). */
  resourcesDir: string;
}

export function enginePaths(dataDir: string, resourcesDir: string): EnginePaths {
  return {
    dataDir,
    libraryDir: join(dataDir, 'library'),
    settingsFile: join(dataDir, 'settings.json'),
    cacheDir: join(dataDir, 'cache'),
    modelsDir: join(dataDir, 'models'),
    resourcesDir,
  };
}
