import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Writes a model pack with the given files into a fresh model folder; returns both paths. */
export function makePack(id: string, files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const modelsDir = mkdtempSync(join(tmpdir(), 'ps-models-'));
  const folder = join(modelsDir, id);
  mkdirSync(folder, { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(folder, path), content);
  const manifest = {
    formatVersion: 1,
    id,
    name: `Pack ${id}`,
    version: '1.0.0',
    license: 'MIT',
    kind: 'segmenter',
    files: Object.entries(files).map(([path, content]) => ({ path, sha256: sha256(content), size: Buffer.byteLength(content) })),
    ...extra,
  };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
  return { modelsDir, folder, manifest };
}
