import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny';
import { EVALUATE_MAX_FRAMES } from '../../../shared/contract/evaluate-schemas';

export class DecodeError extends Error {}

/** Frames are judged at this long side (the evaluator's own grid), so little crosses to the engine. */
const JUDGE_SIDE = 192;
/** The first frame is perceived at up to this long side. */
const FIRST_FRAME_SIDE = 1024;

export interface DecodedClip {
  width: number;
  height: number;
  fps: number;
  count: number;
  /** RGBA, frame after frame. */
  rgba: Uint8Array;
  /** The first frame as PNG, for perception when no first-frame image is given. */
  firstFrame: Blob;
  /** Frames beyond the limit that were not judged. */
  dropped: number;
}

function fitted(w: number, h: number, side: number): { width: number; height: number } {
  const s = Math.min(1, side / Math.max(w, h));
  return { width: Math.max(16, Math.round(w * s)), height: Math.max(16, Math.round(h * s)) };
}

function pixels(canvas: HTMLCanvasElement | OffscreenCanvas, width: number, height: number): Uint8ClampedArray {
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new DecodeError('This browser cannot read video frames back (no 2-D canvas).');
  return ctx.getImageData(0, 0, width, height).data;
}

async function toPng(canvas: HTMLCanvasElement | OffscreenCanvas): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new DecodeError('Could not save the first frame.'))), 'image/png'));
}

/**
 * Decodes a dropped MP4 or WebM with WebCodecs (mediabunny demuxes it), downscaled to the
 * evaluator's grid as it goes, and keeps the first frame larger for perception. Node has no
 * WebCodecs, so the renderer decodes and the engine judges.
 */
export async function decodeForJudging(file: Blob, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<DecodedClip> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack().catch(() => null);
    if (!track) throw new DecodeError('This file has no video track that can be read (MP4 or WebM expected).');
    if (!(await track.canDecode())) throw new DecodeError(`This browser cannot decode this video's codec (${track.codec ?? 'unknown'}).`);
    const stats = await track.computePacketStats(120);
    const fps = stats.averagePacketRate > 0 ? stats.averagePacketRate : 24;
    const duration = await track.computeDuration();
    const total = Math.max(1, Math.round(duration * fps));
    const { width, height } = fitted(track.displayWidth, track.displayHeight, JUDGE_SIDE);
    const large = fitted(track.displayWidth, track.displayHeight, FIRST_FRAME_SIDE);
    const first = await new CanvasSink(track, { ...large, fit: 'fill' }).canvasesAtTimestamps([await track.getFirstTimestamp()]).next();
    if (!first.value) throw new DecodeError('The video has no frames.');
    const firstFrame = await toPng(first.value.canvas);
    const sink = new CanvasSink(track, { width, height, fit: 'fill', poolSize: 2 });
    const frameBytes = width * height * 4;
    let limit = Math.min(EVALUATE_MAX_FRAMES, total + 8);
    let rgba = new Uint8Array(frameBytes * limit);
    let count = 0;
    let seen = 0;
    for await (const wrapped of sink.canvases()) {
      signal?.throwIfAborted();
      seen++;
      if (count >= EVALUATE_MAX_FRAMES) continue;
      if (count >= limit) {
        // The duration undercounted the frames: grow the buffer.
        limit = Math.min(EVALUATE_MAX_FRAMES, count * 2);
        const grown = new Uint8Array(frameBytes * limit);
        grown.set(rgba);
        rgba = grown;
      }
      rgba.set(pixels(wrapped.canvas, width, height), count * frameBytes);
      count++;
      onProgress?.(Math.min(1, count / total));
    }
    if (count < 2) throw new DecodeError('The video has fewer than two frames: there is no motion to judge.');
    return { width, height, fps, count, rgba: rgba.subarray(0, count * frameBytes), firstFrame, dropped: seen - count };
  } finally {
    input.dispose?.();
  }
}
