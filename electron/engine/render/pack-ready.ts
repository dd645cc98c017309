import { AppError } from '../../../shared/contract';
import type { JobContext } from '../jobs';
import type { FoundPack } from '../models/discovery';
import { verifyPack } from '../models/verify';
import { readVerifyCache, writeVerifyCache } from '../models/verify-cache';

export interface PackLookup {
  packs: FoundPack[];
  verifyCacheFile: string;
  /** Last verification failure per pack id, shown in the models manager until the pack verifies. */
  verifyFailures: Map<string, string>;
}

/** The video-generator pack a render asks for, or a typed error saying what is wrong with the choice. */
export function findVideoPack(packs: FoundPack[], packId: string): FoundPack {
  const pack = packs.find((p) => p.manifest.id === packId);
  if (!pack)
    throw new AppError('not_found', `No model pack with id "${packId}" is installed.`, 'Open the models manager (Help › Model packs) to see or import packs.');
  if (pack.manifest.kind !== 'video-generator' || !pack.manifest.pipeline) {
    throw new AppError(
      'unsupported',
      `"${pack.manifest.name}" is a ${pack.manifest.kind} pack; rendering needs a video-generator pack.`,
      'Pick a video model in the Render tab.',
    );
  }
  return pack;
}

/**
 * Every file of the pack present, of the right size and with the right sha256 before any of it
 * is loaded: a truncated or swapped file is named, not discovered as a crash mid-render. Hashes are
 * cached by size and mtime, so this is instant after the first time.
 */
export async function ensureVerified(lookup: PackLookup, pack: FoundPack, ctx: JobContext, fraction: (f: number) => number): Promise<void> {
  const cache = await readVerifyCache(lookup.verifyCacheFile);
  const sub: JobContext = {
    jobId: ctx.jobId,
    signal: ctx.signal,
    progress: (_stage, f, message) => ctx.progress('checking the model pack', f === null ? null : fraction(f), message),
  };
  try {
    const result = await verifyPack(pack, cache, sub);
    const problem = result.files.find((f) => f.status !== 'ok');
    if (problem) {
      const message = problem.message ?? `${problem.path}: ${problem.status}`;
      lookup.verifyFailures.set(pack.manifest.id, message);
      throw new AppError(
        'integrity',
        `${pack.manifest.name} cannot be used: ${message}.`,
        'Copy the pack folder again (or re-download it); the models manager verifies every file.',
      );
    }
    lookup.verifyFailures.delete(pack.manifest.id);
  } finally {
    await writeVerifyCache(lookup.verifyCacheFile, cache);
  }
}
