import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { AppError, type createApi, EVALUATE_MAX_FRAMES, EVALUATE_MAX_SIDE } from '../../../shared/contract';
import type { PixelEvaluation } from '../../../shared/evaluate/schema';

type Api = ReturnType<typeof createApi>;

export interface EvaluateOptions {
  /** A folder of PNG or JPEG frames, in file-name order. */
  frames: string;
  image?: string | undefined;
  prompt: string;
  fps: number;
}

/** The long side frames are reduced to before judging: the evaluator's own grid. */
const JUDGE_SIDE = 192;

/**
 * `physstudio evaluate`: judges a clip given as a folder of frames (decoding video would need
 * ffmpeg, which the app does not ship). The first frame, or `--image`, is perceived for the
 * objects; the frames go to the engine's `clips.evaluate`, the same path as a video dropped in the app.
 */
export async function evaluateFromCli(api: Api, o: EvaluateOptions): Promise<{ evaluation: PixelEvaluation; frames: number }> {
  const dir = resolve(o.frames);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new AppError('not_found', `No folder of frames at ${dir}.`);
  const names = (await readdir(dir)).filter((n) => /\.(png|jpe?g)$/i.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length < 2) throw new AppError('bad_request', `${dir} holds ${names.length} PNG or JPEG frame(s); at least two are needed.`);
  if (names.length > EVALUATE_MAX_FRAMES)
    throw new AppError('bad_request', `${dir} holds ${names.length} frames; at most ${EVALUATE_MAX_FRAMES} can be judged.`);
  const first = await sharp(join(dir, names[0] as string)).metadata();
  if (!first.width || !first.height) throw new AppError('bad_request', `${names[0]} is not a readable image.`);
  const s = Math.min(1, JUDGE_SIDE / Math.max(first.width, first.height));
  const width = Math.min(EVALUATE_MAX_SIDE, Math.max(16, Math.round(first.width * s)));
  const height = Math.min(EVALUATE_MAX_SIDE, Math.max(16, Math.round(first.height * s)));
  const frameBytes = width * height * 4;
  const rgba = Buffer.alloc(frameBytes * names.length);
  for (const [i, name] of names.entries()) {
    const { data, info } = await sharp(join(dir, name)).ensureAlpha().resize(width, height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || data.length !== frameBytes)
      throw new AppError('bad_request', `${name} could not be read as a frame.`);
    data.copy(rgba, i * frameBytes);
  }
  const jobId = `cli_${process.pid}`;
  const image = o.image ? resolve(o.image) : join(dir, names[0] as string);
  const { scene } = await api['scene.perceive']({ image, jobId, ...(o.prompt.trim() ? { prompt: o.prompt } : {}) });
  const evaluation = await api['clips.evaluate']({
    frames: { width, height, fps: o.fps, count: names.length, dataBase64: rgba.toString('base64') },
    scene,
    prompt: o.prompt,
    name: dir,
    jobId,
  });
  return { evaluation, frames: names.length };
}

export function formatEvaluation(e: PixelEvaluation): string {
  const lines = [`Physics score ${e.score}/100: ${e.verdict}`, e.summary, ''];
  for (const c of e.checks) lines.push(`${!c.applicable ? '  – ' : c.pass ? '  ✓ ' : '  ✗ '}${c.label.padEnd(36)} ${c.reason}`);
  return lines.join('\n');
}
