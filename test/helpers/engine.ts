import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineClient } from '../../electron/hosts/engine-client';
import { nodeEngineSpawner } from '../../electron/hosts/spawn-node';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ENGINE = join(ROOT, 'dist', 'engine', 'main.cjs');
export const RESOURCES = join(ROOT, 'resources');

export function requireBuild(): void {
  if (!existsSync(ENGINE)) throw new Error('dist/ is missing: run `npm run build` before the integration tests (npm test does).');
}

/** A fresh data folder, optionally with settings (e.g. extra model folders). */
export function tempDataDir(settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-data-'));
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  return dir;
}

export function realEngine(dataDir: string): EngineClient {
  requireBuild();
  return new EngineClient({ spawn: nodeEngineSpawner({ enginePath: ENGINE, resourcesDir: RESOURCES, dataDir }) });
}
