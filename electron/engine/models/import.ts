import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/contract';
import type { JobContext } from '../jobs';
import { diskError } from '../preview/disk-error';
import { type FoundPack, readManifest } from './discovery';
import { readVerifyCache, type VerifyCache, writeVerifyCache } from './verify-cache';

const inside = (folder: string, path: string) => {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Copies one file, hashing it on the way, so the copy is verified without reading it twice. */
async function copyHashed(from: string, to: string, signal: AbortSignal, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  await mkdir(dirname(to), { recursive: true });
  const source = createReadStream(from, { highWaterMark: 4 * 1024 * 1024 });
  source.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
  });
  await pipeline(source, createWriteStream(to, { flags: 'wx' }), { signal });
  return hash.digest('hex');
}

/**
 * Imports a pack folder into the app's models folder: every file the manifest lists is copied and
 * checked against its sha256 as it is copied, into a hidden folder renamed into place only when
 * all of it is there and right. A cancel, a bad file or a full disk leaves nothing behind.
 */
export async function importPack(source: string, modelsDir: string, installed: FoundPack[], cacheFile: string, ctx: JobContext): Promise<FoundPack> {
  if (!isAbsolute(source)) throw new AppError('bad_request', 'A pack folder must be given as a full path.');
  const info = await stat(source).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('not_found', `${source} is not a folder.`, 'Drop the pack’s own folder, the one holding manifest.json.');
  if (inside(modelsDir, source)) throw new AppError('bad_request', 'That pack is already in PhysStudio’s models folder.');
  const read = await readManifest(source);
  if (!read)
    throw new AppError(
      'bad_request',
      `${source} has no manifest.json, so it is not a model pack.`,
      'Drop the pack’s own folder, the one holding manifest.json.',
    );
  if (!read.pack)
    throw new AppError('bad_request', `That pack’s manifest is not valid: ${read.problem ?? 'unknown problem'}.`, 'See docs/model-packs.md for the format.');
  const { manifest } = read.pack;
  const same = installed.find((p) => p.manifest.id === manifest.id);
  if (same && !inside(modelsDir, same.folder)) {
    throw new AppError(
      'bad_request',
      `A pack with id "${manifest.id}" is already installed from ${same.folder}.`,
      'Remove that folder from the list first, or give this pack another id.',
    );
  }
  if (same && same.manifest.version === manifest.version) {
    throw new AppError(
      'bad_request',
      `${manifest.name} ${manifest.version} is already installed.`,
      'Remove it in the models manager first to import it again.',
    );
  }

  const target = join(modelsDir, manifest.id);
  const partial = join(modelsDir, `.importing-${manifest.id}-${randomBytes(4).toString('hex')}`);
  const total = manifest.files.reduce((n, f) => n + f.size, 0) + 1;
  const cache: VerifyCache = await readVerifyCache(cacheFile);
  const copied: Array<{ path: string; sha256: string }> = [];
  let done = 0;
  try {
    await mkdir(partial, { recursive: true }).catch((err) => {
      throw diskError(err, modelsDir);
    });
    for (const file of manifest.files) {
      ctx.signal.throwIfAborted();
      const from = join(source, file.path);
      const size = (await stat(from).catch(() => null))?.size;
      if (size === undefined) throw new AppError('not_found', `${file.path} is missing from ${source}.`, 'Copy the whole pack folder, then import it again.');
      if (size !== file.size)
        throw new AppError(
          'integrity',
          `${file.path} is ${size} bytes; the manifest says ${file.size}.`,
          'The file is truncated or not the one the manifest describes.',
        );
      const to = join(partial, file.path);
      const digest = await copyHashed(from, to, ctx.signal, (n) => {
        done += n;
        ctx.progress('copying and verifying', done / total, file.path);
      }).catch((err: NodeJS.ErrnoException) => {
        if (ctx.signal.aborted) throw err;
        // Reading the pack and writing the copy fail for different reasons: name the right side.
        if (err.path === from)
          throw new AppError('io', `${file.path} could not be read from ${source} (${err.code ?? err.message}).`, 'Check that the pack folder is readable.');
        throw diskError(err, to);
      });
      if (digest !== file.sha256) {
        throw new AppError(
          'integrity',
          `${file.path} does not match its sha256 (got ${digest.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…).`,
          'Re-download the pack.',
        );
      }
      copied.push({ path: file.path, sha256: digest });
    }
    await copyHashed(join(source, 'manifest.json'), join(partial, 'manifest.json'), ctx.signal, () => {});
    // An older version of the same pack is replaced only once the new one is complete.
    const old = (await stat(target).catch(() => null)) ? join(modelsDir, `.replaced-${manifest.id}-${randomBytes(4).toString('hex')}`) : null;
    if (old) await rename(target, old);
    await rename(partial, target);
    if (old) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    if (ctx.signal.aborted) throw new AppError('cancelled', 'The import was cancelled; nothing was copied.');
    throw err;
  }
  // The files were hashed while copied: record them, so the pack shows as verified at once.
  for (const f of copied) {
    const abs = join(target, f.path);
    const s = await stat(abs);
    cache[abs] = { size: s.size, mtimeMs: s.mtimeMs, sha256: f.sha256 };
  }
  await writeVerifyCache(cacheFile, cache);
  ctx.progress('done', 1);
  const installedNow = await readManifest(target);
  if (!installedNow?.pack) throw new AppError('internal', `The imported pack in ${target} could not be read back.`);
  return installedNow.pack;
}

/** Deletes a pack PhysStudio imported (never a folder the user chose), atomically: renamed away, then removed. */
export async function removePack(pack: FoundPack, modelsDir: string): Promise<string> {
  if (!inside(modelsDir, pack.folder) || resolve(pack.folder) === resolve(modelsDir)) {
    throw new AppError(
      'bad_request',
      `${pack.manifest.name} lives in ${pack.folder}, a folder you chose; PhysStudio only deletes packs it imported.`,
      'Remove that folder from the model folders list instead.',
    );
  }
  const gone = join(modelsDir, `.removing-${pack.manifest.id}-${randomBytes(4).toString('hex')}`);
  await rename(pack.folder, gone).catch((err) => {
    throw diskError(err, pack.folder);
  });
  await rm(gone, { recursive: true, force: true });
  return pack.folder;
}

/** Hidden folders left by an import, a replacement or a removal cut short by a crash. */
export async function sweepModels(modelsDir: string): Promise<void> {
  const names = await readdir(modelsDir).catch(() => [] as string[]);
  // A crash between moving the old version aside and moving the new one in: the old one comes back.
  for (const n of names) {
    const id = /^\.replaced-(.+)-[0-9a-f]{8}$/.exec(n)?.[1];
    if (id && !names.includes(id)) await rename(join(modelsDir, n), join(modelsDir, id)).catch(() => {});
  }
  const leftovers = (await readdir(modelsDir).catch(() => [] as string[])).filter((n) => /^\.(importing|replaced|removing)-/.test(n));
  await Promise.all(leftovers.map((n) => rm(join(modelsDir, n), { recursive: true, force: true })));
}
