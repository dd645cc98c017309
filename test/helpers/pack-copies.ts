import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './engine';

export const TINY_VIDEO = join(ROOT, 'test', 'fixtures', 'packs', 'tiny-video');

type Manifest = {
  id: string;
  name: string;
  files: Array<{ path: string; sha256: string; size: number }>;
  graphs: Array<{ file: string; opset?: number; inputs: Array<{ name: string; shape: Array<number | string> }> }>;
};

/** A copy of the tiny-video fixture pack in a fresh folder of its own, under another id, to break on purpose. */
export function copyTinyVideo(id = 'tiny-video-copy'): { modelsDir: string; folder: string; id: string; manifest(): Manifest; save(m: Manifest): void } {
  const modelsDir = mkdtempSync(join(tmpdir(), 'ps-packs-'));
  const folder = join(modelsDir, id);
  cpSync(TINY_VIDEO, folder, { recursive: true });
  rmSync(join(folder, 'make_fixture.py'));
  const file = join(folder, 'manifest.json');
  const manifest = () => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const save = (m: Manifest) => writeFileSync(file, JSON.stringify(m, null, 2));
  save({ ...manifest(), id, name: `Tiny video (${id})` });
  return { modelsDir, folder, id, manifest, save };
}

/** Rewrites a file of the copy and records its new hash and size, so only the change itself is wrong. */
export function replaceListed(pack: ReturnType<typeof copyTinyVideo>, path: string, bytes: Buffer): void {
  writeFileSync(join(pack.folder, path), bytes);
  const m = pack.manifest();
  const entry = m.files.find((f) => f.path === path);
  if (!entry) throw new Error(`${path} is not listed`);
  entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  entry.size = bytes.length;
  pack.save(m);
}

/**
 * The graph re-stamped with a future opset. The fixture graphs import one opset (the default
 * domain, encoded as field 8 with an empty domain and a one-byte version), so the version byte can
 * be swapped in place without re-encoding the protobuf.
 */
export function withOpset(graph: Buffer, opset: number): Buffer {
  const marker = Buffer.from([0x42, 0x04, 0x0a, 0x00, 0x10]);
  const at = graph.indexOf(marker);
  if (at < 0 || opset > 127) throw new Error('opset import not found in the expected form');
  const out = Buffer.from(graph);
  out[at + marker.length] = opset;
  return out;
}
