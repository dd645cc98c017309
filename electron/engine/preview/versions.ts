import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { loadRapier } from '../../../shared/physics/rapier';

/** The Rapier build the engine bundles: the deterministic one, whose results are bit-identical everywhere. */
const RAPIER_PACKAGE = '@dimforge/rapier2d-deterministic-compat';
const OPENCV_PACKAGE = '@techstark/opencv-js';

let cached: Promise<Record<string, string>> | undefined;

/** opencv.js loads from node_modules at run time (it is not bundled), so its own package.json says which one runs. */
async function installedVersion(name: string): Promise<string> {
  try {
    const file = createRequire(__filename).resolve(`${name}/package.json`);
    const version = (JSON.parse(await readFile(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Versions of the libraries that shape a preview's frames, for the sidecar: Rapier (the
 * simulation; asked at run time, since it is bundled), opencv.js (the background fill) and sharp
 * (decoding and resizing the picture). Read once per engine process.
 */
export function libraryVersions(): Promise<Record<string, string>> {
  cached ??= Promise.all([loadRapier(), installedVersion(OPENCV_PACKAGE)]).then(([rapier, opencv]) => ({
    rapier: `${RAPIER_PACKAGE}@${rapier.version()}`,
    opencv: `${OPENCV_PACKAGE}@${opencv}`,
    sharp: sharp.versions.sharp ?? 'unknown',
  }));
  return cached;
}
