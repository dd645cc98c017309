import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pack with one large sparse file (all zeros, no disk used) so that verifying it takes a few
 * seconds of real hashing: long enough to cancel it or kill the engine in the middle.
 */
export function sparsePack(sizeBytes: number): { modelsDir: string; id: string } {
  const modelsDir = mkdtempSync(join(tmpdir(), 'ps-bigpack-'));
  const id = 'sparse-test-pack';
  const folder = join(modelsDir, id);
  mkdirSync(folder);
  const fd = openSync(join(folder, 'weights.bin'), 'w');
  ftruncateSync(fd, sizeBytes);
  closeSync(fd);
  // The manifest's hash is deliberately wrong (no need to hash gigabytes twice): the tests stop the job before it matters.
  const manifest = {
    formatVersion: 1,
    id,
    name: 'Sparse test pack',
    version: '1.0.0',
    license: 'CC0-1.0',
    kind: 'segmenter',
    files: [{ path: 'weights.bin', sha256: createHash('sha256').update('not the content').digest('hex'), size: sizeBytes }],
  };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
  return { modelsDir, id };
}
