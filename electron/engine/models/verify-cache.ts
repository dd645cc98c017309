import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../common/atomic-write';

/**
 * Hashes of pack files keyed by absolute path, valid while size and mtime are unchanged, so a
 * multi-gigabyte pack is hashed once rather than at every start.
 */
const EntrySchema = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() });
const CacheSchema = z.record(z.string(), EntrySchema);
export type VerifyCache = z.infer<typeof CacheSchema>;

export async function readVerifyCache(file: string): Promise<VerifyCache> {
  try {
    return CacheSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return {};
  }
}

export async function writeVerifyCache(file: string, cache: VerifyCache): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(cache));
}

export function cachedHash(cache: VerifyCache, path: string, size: number, mtimeMs: number): string | undefined {
  const entry = cache[path];
  return entry && entry.size === size && entry.mtimeMs === mtimeMs ? entry.sha256 : undefined;
}
