import { open, rm } from 'node:fs/promises';
import { AppError } from '../../../shared/contract';
import { type ClipScene, renderFrame } from '../../../shared/preview/clip';
import { createRaster, type Raster } from '../../../shared/preview/raster';
import { diskError } from './disk-error';
import { framesHash } from './off-thread-hash';

export interface FrameSink {
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

/** Frames are written in batches: one large write is far cheaper than a write per frame. */
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Renders `count` frames with `draw` and writes them raw (RGBA, frame after frame) to `path`,
 * returning the sha256 of all the bytes. A cancel or an error removes the file.
 */
export async function writeFrames(
  path: string,
  count: number,
  width: number,
  height: number,
  draw: (f: number, frame: Raster) => Raster,
  sink: FrameSink = {},
): Promise<string> {
  const hash = framesHash();
  const frameBytes = width * height * 4;
  const perBatch = Math.max(1, Math.floor(BATCH_BYTES / frameBytes));
  // Not from Node's shared pool: each batch's memory is handed to the hashing thread once written.
  let batch = Buffer.allocUnsafeSlow(perBatch * frameBytes);
  const frame = createRaster(width, height);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'w');
    let filled = 0;
    for (let f = 0; f < count; f++) {
      sink.signal?.throwIfAborted();
      const out = draw(f, frame);
      batch.set(out.data, filled * frameBytes);
      filled++;
      if (filled === perBatch || f === count - 1) {
        const chunk = batch.subarray(0, filled * frameBytes);
        await handle.write(chunk);
        hash.handOver(batch.buffer as ArrayBuffer, chunk.byteLength);
        batch = Buffer.allocUnsafeSlow(perBatch * frameBytes);
        filled = 0;
        sink.progress?.((f + 1) / count);
      }
    }
    await handle.close();
    handle = undefined;
    return await hash.digest();
  } catch (err) {
    hash.drop();
    await handle?.close().catch(() => {});
    await rm(path, { force: true });
    if (sink.signal?.aborted) throw new AppError('cancelled', 'Generation was cancelled.');
    throw err instanceof AppError ? err : diskError(err, path);
  }
}

export function clipDrawer(scene: ClipScene): (f: number, frame: Raster) => Raster {
  return (f, frame) => renderFrame(scene, f, frame);
}
