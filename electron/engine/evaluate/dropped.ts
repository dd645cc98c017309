import { AppError } from '../../../shared/contract';
import type { EvaluateClipRequest } from '../../../shared/contract/evaluate-schemas';
import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import { motionIntent } from '../../../shared/motion/intent';
import type { Raster } from '../../../shared/preview/raster';
import { analysisOf } from '../preview/generate';
import { evaluateClip } from './clip';

/**
 * "Evaluate any clip": judges frames decoded from a video the user dropped in, made by any
 * generator, against the scene perceived in its first frame and the prompt it was meant to show.
 * The same evaluator and the same checks as the app's own clips.
 */
export async function evaluateDropped(input: Omit<EvaluateClipRequest, 'jobId'>, signal?: AbortSignal): Promise<PixelEvaluation> {
  const { width, height, fps, count, dataBase64 } = input.frames;
  const bytes = Buffer.from(dataBase64, 'base64');
  const frameBytes = width * height * 4;
  if (bytes.length !== frameBytes * count) {
    throw new AppError('bad_request', `The clip's frames hold ${bytes.length} bytes, not ${frameBytes * count}.`, 'Drop the video in again.');
  }
  if (input.scene.objects.length === 0) {
    throw new AppError(
      'bad_request',
      'No object was found in the first frame, so there is nothing to follow.',
      'Give a first-frame image where the moving object is clear, or add it in the Scene tab.',
    );
  }
  const frames: Raster[] = Array.from({ length: count }, (_, f) => ({
    width,
    height,
    data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + f * frameBytes, frameBytes),
  }));
  const analysis = await analysisOf(input.prompt, null);
  const intent = input.prompt.trim() ? motionIntent(input.prompt, input.scene, analysis) : null;
  return evaluateClip(frames, { scene: input.scene, intent, prompt: input.prompt, width, height, fps, signal });
}
