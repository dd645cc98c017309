import { open } from 'node:fs/promises';
import { evalIntentOf, type PlannerIntentLike, sceneEvalInputs } from '../../../shared/evaluate/inputs';
import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import type { Raster } from '../../../shared/preview/raster';
import type { Scene } from '../../../shared/scene/schema';
import { evaluateFrames } from './evaluate';
import type { EvaluateInput, FrameSource } from './types';

/** What a generated clip is judged against: the scene at frame 0 and the user's own words. */
export interface ClipJudging {
  scene: Scene;
  /** The planner's reading of the prompt (`ClipPlan.intent`); both clips are judged by the same intent. */
  intent: PlannerIntentLike | null;
  /** The user's prompt (not the refined one), so baseline and physics face the same test. */
  prompt: string;
  width: number;
  height: number;
  fps: number;
  slowMotion?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** The evaluator's inputs for a clip of the app's own making: the scene's frame-0 objects, surfaces and gravity, and the prompt's intent. */
export function judgingInputs(j: ClipJudging): Omit<EvaluateInput, 'frames' | 'width' | 'height'> {
  const { objects, surfaces, gravityPxPerS2 } = sceneEvalInputs(j.scene, j.width);
  return { fps: j.fps, objects, surfaces, gravityPxPerS2, intent: evalIntentOf(j.intent, j.prompt), slowMotion: j.slowMotion, signal: j.signal };
}

/** Judges a clip of the app's own making from its frames. */
export function evaluateClip(frames: Raster[] | FrameSource, j: ClipJudging): Promise<PixelEvaluation> {
  return evaluateFrames({ ...judgingInputs(j), frames, width: j.width, height: j.height });
}

const READ_BATCH_BYTES = 16 * 1024 * 1024;

/** Judges a raw RGBA frames file (frame after frame, as `writeFrames` leaves it), reading one frame at a time. */
export async function evaluateRawClip(path: string, count: number, j: ClipJudging): Promise<PixelEvaluation> {
  const handle = await open(path, 'r');
  try {
    const bytes = j.width * j.height * 4;
    // Frames are read in batches: a few large reads cost far less than one per frame.
    const perBatch = Math.max(1, Math.floor(READ_BATCH_BYTES / bytes));
    const buffer = Buffer.allocUnsafe(perBatch * bytes);
    let first = -1;
    let filled = 0;
    const source: FrameSource = {
      count,
      frame: async (i) => {
        if (i < first || i >= first + filled) {
          first = i;
          const want = Math.min(perBatch, count - i) * bytes;
          const { bytesRead } = await handle.read(buffer, 0, want, i * bytes);
          filled = Math.floor(bytesRead / bytes);
          if (filled === 0) throw new RangeError(`${path} ends before frame ${i + 1} of ${count}`);
        }
        return { width: j.width, height: j.height, data: new Uint8ClampedArray(buffer.buffer, buffer.byteOffset + (i - first) * bytes, bytes) };
      },
    };
    return await evaluateClip(source, j);
  } finally {
    await handle.close();
  }
}
