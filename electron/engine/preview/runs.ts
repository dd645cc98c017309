import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { z } from 'zod';
import { AppError, type ExportPreset, type ExportResult, type FrameStream, type Stream } from '../../../shared/contract';
import { renderFrame } from '../../../shared/preview/clip';
import { createRaster, type Raster } from '../../../shared/preview/raster';
import { isDrawnInput } from '../../../shared/run/drawn-input';
import { exportStem } from '../../../shared/run/export-name';
import { drawnScene, type Run, RunSchema, type Variant } from '../../../shared/run/schema';
import { writeFileAtomic } from '../../common/atomic-write';
import { makeDirectory } from '../../common/path-policy';
import type { RenderInput } from '../render/generate';
import { composeFrame, compositeLayout } from './composite';
import { diskError } from './disk-error';
import { encodeWithFfmpeg } from './ffmpeg';
import { clipDrawer, writeFrames } from './frames-file';
import { clipScene, generatePreview } from './generate';
import { prepareLayers } from './layers';
import { mediaPath, readRun, runDir, writeRun } from './library';

export interface OpContext {
  libraryDir: string;
  signal?: AbortSignal;
  progress?: (stage: string, fraction: number) => void;
  /** Renders a render-tier run's inputs again (the engine supplies it; it needs the packs and the GPU queue). */
  renderAgain?: (input: RenderInput) => Promise<Run>;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

function missingRender(run: Run, which: Variant): AppError {
  return new AppError(
    'integrity',
    `The ${which} render's frames are missing from run ${run.id}.`,
    'A neural render cannot be redrawn from its tracks; render it again.',
  );
}

/** A render clip's stored frames, frame by frame (renders keep their raw frames: they are the clip). */
async function storedFrames(run: Run, which: Variant, dir: string): Promise<(f: number) => Raster> {
  const { width, height } = run.clips[which].size;
  const bytes = await readFile(join(dir, `${which}.rgba`)).catch(() => {
    throw missingRender(run, which);
  });
  const size = width * height * 4;
  if (bytes.length !== size * run.clips[which].frames) throw missingRender(run, which);
  return (f) => ({ width, height, data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + f * size, size) });
}

/**
 * Raw frames of one clip or of the side-by-side composite, rendered again when the originals
 * were deleted after encoding. Rendering is deterministic, so a clip's frames must hash to the
 * value recorded when it was made; anything else is reported rather than passed off as the run.
 */
export async function streamFrames(run: Run, which: Stream, ctx: OpContext): Promise<FrameStream> {
  const dir = runDir(ctx.libraryDir, run.id);
  const clip = run.clips.baseline;
  const fps = clip.fps;
  const frames = clip.frames;
  const sink = { ...(ctx.signal ? { signal: ctx.signal } : {}), progress: (f: number) => ctx.progress?.(`rendering ${which} frames`, f) };
  if (which !== 'composite') {
    const c = run.clips[which];
    const path = join(dir, `${which}.rgba`);
    if (!(await exists(path))) {
      if (c.tier === 'render') throw missingRender(run, which);
      const drawn = drawnScene(run, which);
      const layers = await prepareLayers(run.input.image, drawn, run.settings.size);
      const tmp = `${path}.partial`;
      const sha = await writeFrames(tmp, c.frames, c.size.width, c.size.height, clipDrawer(clipScene(layers, drawn, c.tracks, run.settings)), sink);
      if (sha !== c.framesSha256) {
        await rm(tmp, { force: true });
        throw new AppError(
          'integrity',
          `The ${which} clip renders differently now than when run ${run.id} was made.`,
          'The input image or the renderer changed; generate the run again.',
        );
      }
      await rename(tmp, path);
    }
    return { path: mediaPath(ctx.libraryDir, path), width: c.size.width, height: c.size.height, fps: c.fps, frames: c.frames };
  }
  const layout = await compositeLayout(run);
  const path = join(dir, 'composite.rgba');
  if (!(await exists(path))) {
    const tmp = `${path}.partial`;
    if (run.clips.physics.tier === 'render') {
      // Neural frames cannot be redrawn from tracks: the composite is made from the stored ones.
      const [left, right] = await Promise.all([storedFrames(run, 'baseline', dir), storedFrames(run, 'physics', dir)]);
      await writeFrames(tmp, frames, layout.width, layout.height, (f, out) => composeFrame(layout, left(f), right(f), out), sink);
    } else {
      // Each clip is redrawn from the scene it was drawn from (a carried-over clip may differ).
      const [sceneB, sceneP] = [drawnScene(run, 'baseline'), drawnScene(run, 'physics')];
      const left = clipScene(await prepareLayers(run.input.image, sceneB, run.settings.size), sceneB, run.clips.baseline.tracks, run.settings);
      const right = clipScene(await prepareLayers(run.input.image, sceneP, run.settings.size), sceneP, run.clips.physics.tracks, run.settings);
      const a = createRaster(clip.size.width, clip.size.height);
      const b = createRaster(clip.size.width, clip.size.height);
      await writeFrames(
        tmp,
        frames,
        layout.width,
        layout.height,
        (f, out) => composeFrame(layout, renderFrame(left, f, a), renderFrame(right, f, b), out),
        sink,
      );
    }
    await rename(tmp, path);
  }
  return { path: mediaPath(ctx.libraryDir, path), width: layout.width, height: layout.height, fps, frames };
}

/**
 * Deletes raw frames that `streamFrames` rendered again only for an export (hundreds of
 * megabytes), once the export has ended, done or cancelled. A clip's frames that the run still
 * lists as its unencoded source stay: they are the clip until it is encoded.
 */
export async function discardFrames(libraryDir: string, runId: string, which: Stream): Promise<{ removed: boolean }> {
  const run = await readRun(libraryDir, runId);
  if (which !== 'composite' && run.clips[which].media.frames) return { removed: false };
  const path = join(runDir(libraryDir, runId), `${which}.rgba`);
  const removed = await exists(path);
  await rm(path, { force: true });
  return { removed };
}

function looksLike(name: string, bytes: Buffer): boolean {
  if (name.endsWith('.webm')) return bytes.readUInt32BE(0) === 0x1a45dfa3;
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/** Stores a clip encoded outside the engine (WebCodecs in the app) and drops the raw frames it replaces. */
export async function storeMedia(libraryDir: string, runId: string, name: string, dataBase64: string): Promise<Run> {
  const run = await readRun(libraryDir, runId);
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length < 16 || !looksLike(name, bytes)) throw new AppError('bad_request', `That is not a ${name.split('.').pop()?.toUpperCase()} file.`);
  const dir = runDir(libraryDir, runId);
  const target = join(dir, name);
  await writeFileAtomic(target, bytes).catch((err) => {
    throw diskError(err, target);
  });
  const [stem, ext] = name.split('.') as [Stream, 'webm' | 'mp4'];
  // A preview clip's raw frames can be drawn again from its tracks; a render's cannot, so they stay.
  const keepFrames = stem !== 'composite' && run.clips[stem].tier === 'render';
  if (stem !== 'composite') {
    const clip = run.clips[stem];
    const media = { ...clip.media, [ext]: mediaPath(libraryDir, target) };
    if (!keepFrames) delete media.frames;
    run.clips[stem] = { ...clip, media };
  }
  await writeRun(libraryDir, run);
  if (!keepFrames) await rm(join(dir, `${stem}.rgba`), { force: true });
  return run;
}

export const SidecarSchema = z
  .object({
    kind: z.literal('physstudio.sidecar'),
    version: z.literal(1),
    /** sha256 of the input image file, to find it again and to know it is the same picture. */
    inputSha256: z.string().regex(/^[0-9a-f]{64}$/),
    run: RunSchema,
  })
  .strict();
export type Sidecar = z.infer<typeof SidecarSchema>;

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function readFrameFile(libraryDir: string, stream: FrameStream): Promise<{ next(): Promise<Buffer>; close(): Promise<void> }> {
  const handle = await open(join(libraryDir, stream.path), 'r');
  const size = stream.width * stream.height * 4;
  let index = 0;
  return {
    async next() {
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(buf, 0, size, index * size);
      if (bytesRead !== size) throw new AppError('integrity', 'The frame file is shorter than expected.');
      index++;
      return buf;
    },
    close: () => handle.close(),
  };
}

/**
 * Exports one clip or the composite: MP4/WebM (the app's own encode when it has one, else
 * ffmpeg), an animated GIF or a PNG sequence (sharp), or the JSON sidecar that reproduces it.
 */
export async function exportRun(
  run: Run,
  format: 'mp4' | 'webm' | 'gif' | 'png' | 'sidecar',
  which: Stream,
  dir: string | undefined,
  ctx: OpContext,
  preset: ExportPreset = 'web',
): Promise<ExportResult> {
  const out = dir ?? join(runDir(ctx.libraryDir, run.id), 'exports');
  // Not Node's recursive mkdir: under /proc it spins forever (the engine's boundary refuses such paths too).
  await makeDirectory(out);
  const stem = exportStem(run, which, preset);
  const done = (files: string[], encoder: ExportResult['encoder']): ExportResult => ({
    files,
    media: files.map((f) => mediaPath(ctx.libraryDir, f)).filter((m) => !m.startsWith('..') && !m.startsWith('/')),
    encoder,
  });
  if (format === 'sidecar') {
    const sidecar: Sidecar = { kind: 'physstudio.sidecar', version: 1, inputSha256: await fileSha256(run.input.image), run };
    const file = join(out, `${exportStem(run, 'run')}.sidecar.json`);
    await writeFileAtomic(file, `${JSON.stringify(sidecar, null, 1)}\n`).catch((err) => {
      throw diskError(err, file);
    });
    return done([file], 'json');
  }
  if ((format === 'mp4' || format === 'webm') && which !== 'composite') {
    const have = run.clips[which as Variant].media[format];
    if (have) {
      const file = join(out, `${stem}.${format}`);
      await copyFile(join(ctx.libraryDir, have), file).catch((err) => {
        throw diskError(err, file);
      });
      return done([file], 'copy');
    }
  }
  const rawPath = join(runDir(ctx.libraryDir, run.id), `${which}.rgba`);
  const hadFrames = await exists(rawPath);
  const stream = await streamFrames(run, which, ctx);
  const raw = { ...stream, path: join(ctx.libraryDir, stream.path) };
  try {
    return await exportFrames(format, stream, raw, out, stem, ctx, done, preset);
  } finally {
    // Frames rendered again just for this export are hundreds of megabytes; they go once used.
    if (!hadFrames) await rm(rawPath, { force: true });
  }
}

/** The formats made from raw frames: ffmpeg video, a PNG sequence, an animated GIF. */
async function exportFrames(
  format: 'mp4' | 'webm' | 'gif' | 'png',
  stream: FrameStream,
  raw: FrameStream,
  out: string,
  stem: string,
  ctx: OpContext,
  done: (files: string[], encoder: ExportResult['encoder']) => ExportResult,
  preset: ExportPreset,
): Promise<ExportResult> {
  if (format === 'mp4' || format === 'webm') {
    const file = join(out, `${stem}.${format}`);
    ctx.progress?.(`encoding ${format.toUpperCase()} with ffmpeg`, 0.5);
    await encodeWithFfmpeg(raw, file, format, ctx.signal);
    return done([file], 'ffmpeg');
  }
  const reader = await readFrameFile(ctx.libraryDir, stream);
  try {
    if (format === 'png') {
      const folder = join(out, `${stem}-png`);
      const tmp = `${folder}.partial`;
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp, { recursive: true });
      const files: string[] = [];
      try {
        for (let f = 0; f < stream.frames; f++) {
          ctx.signal?.throwIfAborted();
          const name = `frame-${String(f + 1).padStart(4, '0')}.png`;
          // Encoded in memory and written by Node, so a failed write carries an errno for diskError.
          const png = await sharp(await reader.next(), { raw: { width: stream.width, height: stream.height, channels: 4 } })
            .png({ compressionLevel: 3 })
            .toBuffer();
          await writeFile(join(tmp, name), png);
          files.push(join(folder, name));
          ctx.progress?.('writing PNG frames', (f + 1) / stream.frames);
        }
        await rm(folder, { recursive: true, force: true });
        await rename(tmp, folder);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        if (ctx.signal?.aborted) throw new AppError('cancelled', 'The export was cancelled; nothing was written.');
        throw err instanceof AppError ? err : diskError(err, folder);
      }
      return done(files, 'sharp');
    }
    // GIFs are for sharing: `web` keeps to 15 fps and 480 px wide (a few megabytes), `small`
    // to 10 fps and 320 px; `master` keeps every frame at full size.
    const limits = { small: { fps: 10, width: 320 }, web: { fps: 15, width: 480 }, master: { fps: Number.POSITIVE_INFINITY, width: Number.POSITIVE_INFINITY } }[
      preset
    ];
    const step = Math.max(1, Math.round(stream.fps / Math.min(stream.fps, limits.fps)));
    const scale = Math.min(1, limits.width / stream.width);
    const w = Math.max(2, Math.round(stream.width * scale));
    const h = Math.max(2, Math.round(stream.height * scale));
    const pages: Buffer[] = [];
    for (let f = 0; f < stream.frames; f++) {
      ctx.signal?.throwIfAborted();
      const frame = await reader.next();
      if (f % step !== 0) continue;
      pages.push(
        scale < 1
          ? await sharp(frame, { raw: { width: stream.width, height: stream.height, channels: 4 } })
              .resize(w, h)
              .raw()
              .toBuffer()
          : frame,
      );
    }
    const file = join(out, `${stem}.gif`);
    const tmp = `${file}.partial.gif`;
    try {
      const gif = await sharp(Buffer.concat(pages), { raw: { width: w, height: h * pages.length, channels: 4, pageHeight: h } })
        .gif({ delay: pages.map(() => Math.round((1000 * step) / stream.fps)), loop: 0, effort: 4 })
        .toBuffer();
      await writeFile(tmp, gif);
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw diskError(err, file);
    }
    return done([file], 'sharp');
  } finally {
    await reader.close();
  }
}

/** Runs a sidecar's inputs again and says whether every frame came out byte-identical. */
export async function reproduce(sidecarJson: unknown, ctx: OpContext): Promise<{ run: Run; identical: { baseline: boolean; physics: boolean } }> {
  const parsed = SidecarSchema.safeParse(sidecarJson);
  if (!parsed.success) throw new AppError('bad_request', 'That file is not a PhysStudio sidecar.', 'Open a `.sidecar.json` file exported from a run.');
  const { run: old, inputSha256 } = parsed.data;
  // Imported images are named by their hash, so the same picture is found in any library.
  const candidates = [old.input.image, ...['png', 'jpg', 'webp', 'gif'].map((ext) => join(ctx.libraryDir, 'inputs', `${inputSha256.slice(0, 32)}.${ext}`))];
  let image: string | null = null;
  for (const c of candidates) if ((await exists(c)) && (await fileSha256(c)) === inputSha256) image = c;
  if (!image)
    throw new AppError(
      'not_found',
      `The input image of run ${old.id} (${old.input.name}) is not in this library.`,
      'Import the same image first, then open the sidecar again.',
    );
  // A drawn picture stays drawn in the reproduced run, whether the old run said so or only named it so.
  const drawn = isDrawnInput(old.input);
  const inputs = { image, name: old.input.name, drawn, prompt: old.input.prompt, refinement: old.refinement, scene: old.scene, settings: old.settings };
  let run: Run;
  if (old.render) {
    if (!ctx.renderAgain) throw new AppError('unsupported', 'This run was made by the render tier, which this host cannot run.');
    run = await ctx.renderAgain({ ...inputs, render: old.render.settings });
  } else {
    run = await generatePreview(inputs, ctx);
  }
  return {
    run,
    identical: {
      baseline: run.clips.baseline.framesSha256 === old.clips.baseline.framesSha256,
      physics: run.clips.physics.framesSha256 === old.clips.physics.framesSha256,
    },
  };
}

export async function readSidecarFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new AppError('bad_request', `${path} is not readable JSON.`);
  }
}
