import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the built bundles and resources are, relative to the project (or packaged app) root. */
export interface AppLayout {
  root: string;
  enginePath: string;
  rendererDir: string;
  resourcesDir: string;
}

/** Node hosts are bundled to dist/<host>/*.cjs, so the project root is two folders up. */
export function appLayout(fromDir: string = __dirname): AppLayout {
  const root = resolve(fromDir, '..', '..');
  return {
    root,
    enginePath: join(root, 'dist', 'engine', 'main.cjs'),
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
  };
}

export function assertBuilt(layout: AppLayout): void {
  for (const file of [layout.enginePath, join(layout.rendererDir, 'index.html')]) {
    if (!existsSync(file)) {
      throw new Error(`PhysStudio is not built (${file} is missing). Run \`npm run build\` first.`);
    }
  }
}
