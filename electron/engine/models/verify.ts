import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type VerifyResult } from '../../../shared/contract';
import type { JobContext } from '../jobs';
import type { FoundPack } from './discovery';
import { cachedHash, type VerifyCache } from './verify-cache';

const HIGH_WATER_MARK = 4 * 1024 * 1024;

async function hashFile(path: string, ctx: JobContext, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: HIGH_WATER_MARK, signal: ctx.signal });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      onBytes((chunk as Buffer).length);
    }
  } catch (err) {
    if (ctx.signal.aborted) throw new AppError('cancelled', 'Verification was cancelled.');
    throw err;
  }
  return hash.digest('hex');
}

/**
 * Checks every file of a pack against its manifest: presence, size, then sha256 (skipped when
 * the cache already holds a hash for the same size and mtime, unless `force`).
 */
export async function verifyPack(pack: FoundPack, cache: VerifyCache, ctx: JobContext, force = false): Promise<VerifyResult> {
  const started = performance.now();
  const files = pack.manifest.files;
  const total = files.reduce((n, f) => n + f.size, 0) || 1;
  let done = 0;
  let bytesHashed = 0;
  const result: VerifyResult = { packId: pack.manifest.id, ok: true, files: [], bytesHashed: 0, millis: 0 };

  for (const file of files) {
    if (ctx.signal.aborted) throw new AppError('cancelled', 'Verification was cancelled.');
    const abs = join(pack.folder, file.path);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(abs);
    } catch {
      result.files.push({ path: file.path, status: 'missing', cached: false, message: `${file.path} is missing from ${pack.folder}` });
      done += file.size;
      continue;
    }
    if (info.size !== file.size) {
      result.files.push({
        path: file.path,
        status: 'size_mismatch',
        cached: false,
        message: `${file.path} is ${info.size} bytes; the manifest says ${file.size}`,
      });
      done += file.size;
      continue;
    }
    const known = force ? undefined : cachedHash(cache, abs, info.size, info.mtimeMs);
    let digest = known;
    if (!digest) {
      let inFile = 0;
      digest = await hashFile(abs, ctx, (n) => {
        inFile += n;
        bytesHashed += n;
        ctx.progress('hashing', Math.min(1, (done + inFile) / total), file.path);
      });
      cache[abs] = { size: info.size, mtimeMs: info.mtimeMs, sha256: digest };
    }
    done += file.size;
    ctx.progress('hashing', Math.min(1, done / total), file.path);
    result.files.push(
      digest === file.sha256
        ? { path: file.path, status: 'ok', cached: known !== undefined }
        : {
            path: file.path,
            status: 'hash_mismatch',
            cached: known !== undefined,
            message: `${file.path} does not match its sha256 (got ${digest.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`,
          },
    );
  }
  result.ok = result.files.every((f) => f.status === 'ok');
  result.bytesHashed = bytesHashed;
  result.millis = Math.round(performance.now() - started);
  return result;
}
