import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelFolder, PackSummary } from '../../../shared/contract';
import { type ExecutionProvider, type ModelManifest, ModelManifestSchema } from '../../../shared/models/manifest';
import { providerOrder } from '../ort-session';
import { cachedHash, type VerifyCache } from './verify-cache';

export interface FoundPack {
  folder: string;
  manifest: ModelManifest;
}

export interface Discovery {
  folders: ModelFolder[];
  packs: FoundPack[];
}

const MAX_MANIFEST_BYTES = 1024 * 1024;

export async function readManifest(folder: string): Promise<{ pack?: FoundPack; problem?: string } | undefined> {
  const file = join(folder, 'manifest.json');
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  if (info.size > MAX_MANIFEST_BYTES) return { problem: `${file} is larger than 1 MiB` };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { problem: `${file} is not valid JSON: ${(err as Error).message.slice(0, 200)}` };
  }
  const parsed = ModelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { problem: `${file}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid manifest'}` };
  }
  return { pack: { folder, manifest: parsed.data } };
}

/** A model folder holds packs as sub-folders, or is itself a pack (has its own manifest.json). */
async function scanFolder(path: string, source: ModelFolder['source']): Promise<{ folder: ModelFolder; packs: FoundPack[] }> {
  const folder: ModelFolder = { path, source, exists: false, packCount: 0, problems: [] };
  const packs: FoundPack[] = [];
  let entries: string[];
  try {
    entries = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    folder.exists = true;
  } catch {
    return { folder, packs };
  }
  const candidates = [path, ...entries.sort().map((e) => join(path, e))];
  for (const candidate of candidates) {
    const result = await readManifest(candidate);
    if (result?.pack) packs.push(result.pack);
    if (result?.problem) folder.problems.push({ folder: candidate, message: result.problem });
  }
  folder.packCount = packs.length;
  return { folder, packs };
}

/** Bundled packs first, then the ones the user imported, then the user's own folders in their order. */
export async function discoverPacks(bundledDir: string, userFolders: string[], importedDir?: string): Promise<Discovery> {
  const result: Discovery = { folders: [], packs: [] };
  const seen = new Set<string>();
  const roots: Array<[string, ModelFolder['source']]> = [
    [bundledDir, 'bundled'],
    ...(importedDir ? [[importedDir, 'imported'] as [string, ModelFolder['source']]] : []),
    ...userFolders.map((f) => [f, 'user'] as [string, ModelFolder['source']]),
  ];
  for (const [dir, source] of roots) {
    const abs = resolve(dir);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const { folder, packs } = await scanFolder(abs, source);
    result.folders.push(folder);
    for (const pack of packs) {
      // The first folder wins when two hold the same pack id, as on a PATH.
      if (result.packs.some((p) => p.manifest.id === pack.manifest.id)) {
        folder.problems.push({ folder: pack.folder, message: `pack id "${pack.manifest.id}" is already provided by another folder; this copy is ignored` });
        continue;
      }
      result.packs.push(pack);
    }
  }
  return result;
}

/** Verification state is derived from the hash cache: no hashing happens here. */
export async function summarise(
  pack: FoundPack,
  cache: VerifyCache,
  failures: Map<string, string>,
  forced: ExecutionProvider | null = null,
): Promise<PackSummary> {
  const { manifest, folder } = pack;
  let verified = true;
  for (const file of manifest.files) {
    try {
      const info = await stat(join(folder, file.path));
      if (cachedHash(cache, join(folder, file.path), info.size, info.mtimeMs) !== file.sha256) verified = false;
    } catch {
      verified = false;
    }
  }
  const failure = failures.get(manifest.id);
  const summary: PackSummary = {
    id: manifest.id,
    name: manifest.name,
    version: manifest.version,
    kind: manifest.kind,
    license: manifest.license,
    folder,
    sizeBytes: manifest.files.reduce((n, f) => n + f.size, 0),
    fileCount: manifest.files.length,
    verification: verified ? 'verified' : failure ? 'failed' : 'unverified',
  };
  if (!verified && failure) summary.verificationError = failure;
  const p = manifest.pipeline;
  if (manifest.kind === 'video-generator' && p) {
    summary.video = {
      scheduler: p.scheduler,
      defaultSteps: p.defaultSteps,
      guidance: p.guidance,
      fps: p.fps,
      frames: { ...p.frames, step: p.latent.temporalScale },
      resolution: p.resolution,
      conditions: manifest.conditions,
      minMemoryBytes: manifest.providers.minMemoryBytes,
      providerOrder: providerOrder(manifest.providers.preferred, forced),
    };
  }
  return summary;
}
