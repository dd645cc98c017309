import { create } from 'zustand';
import type { AppErrorData, PhysStudioApi } from '../../../shared/contract';
import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import { toBase64 } from '../api/base64';
import { DecodeError, decodeForJudging } from '../media/decode';
import { useJobs } from './jobs';
import { errorData } from './notices';

/** "Evaluate any clip": a video from any generator, judged by the same pixel evaluator as the app's own clips. */
interface JudgeState {
  video: File | null;
  firstFrame: File | null;
  prompt: string;
  busy: boolean;
  error: AppErrorData | null;
  result: { name: string; evaluation: PixelEvaluation; notes: string[] } | null;
  setVideo(file: File | null): void;
  setFirstFrame(file: File | null): void;
  setPrompt(prompt: string): void;
  /** Dropped or chosen files: a video to judge and, optionally, its first-frame image; anything else is refused with a reason. */
  take(files: File[]): void;
  evaluate(api: PhysStudioApi): Promise<void>;
}

/** MP4 or WebM, by type or (when the system gives no type) by extension. */
export function isVideoFile(file: File): boolean {
  return /^video\/(mp4|webm)$/i.test(file.type) || (!file.type.startsWith('image/') && /\.(mp4|m4v|webm)$/i.test(file.name));
}

/** Decoding failures are the file's, not the app's: say what to do about them. */
function judgeError(err: unknown): AppErrorData {
  if (err instanceof DecodeError) return { code: 'bad_request', message: err.message, hint: 'Export the clip as H.264 MP4 or VP9 WebM and drop it again.' };
  return errorData(err);
}

export const useJudge = create<JudgeState>((set, get) => ({
  video: null,
  firstFrame: null,
  prompt: '',
  busy: false,
  error: null,
  result: null,
  setVideo: (video) => set({ video, error: null }),
  setFirstFrame: (firstFrame) => set({ firstFrame, error: null }),
  setPrompt: (prompt) => set({ prompt }),
  take: (files) => {
    const video = files.find(isVideoFile);
    const image = files.find((f) => f.type.startsWith('image/'));
    const other = files.find((f) => f !== video && f !== image);
    if (video) set({ video, result: null, error: null });
    if (image) set({ firstFrame: image, error: null });
    if (!video && !image && other)
      set({
        error: {
          code: 'bad_request',
          message: `${other.name || 'That file'} is not an MP4 or WebM video${other.type ? ` (it is ${other.type})` : ''}.`,
          hint: 'Drop an MP4 or WebM clip, and its first-frame image (PNG, JPEG or WebP) if you have it.',
        },
      });
  },
  evaluate: async (api) => {
    const { video, firstFrame, prompt } = get();
    if (!video) return;
    set({ busy: true, error: null, result: null });
    try {
      const result = await useJobs.getState().run(`Judging ${video.name}`, async (jobId, local) => {
        local.progress('decoding the video', 0);
        const clip = await decodeForJudging(video, local.signal, (f) => local.progress('decoding the video', 0.4 * f));
        local.progress('perceiving the first frame', 0.4);
        const image = firstFrame ?? new File([clip.firstFrame], `${video.name} (first frame).png`, { type: 'image/png' });
        const imported = await api['inputs.import']({ name: image.name, dataBase64: toBase64(new Uint8Array(await image.arrayBuffer())) });
        const { scene } = await api['scene.perceive']({ image: imported.path, jobId, ...(prompt.trim() ? { prompt } : {}) });
        local.progress('judging the frames', 0.7);
        const evaluation = await api['clips.evaluate']({
          frames: { width: clip.width, height: clip.height, fps: clip.fps, count: clip.count, dataBase64: toBase64(clip.rgba) },
          scene,
          prompt,
          name: video.name,
          jobId,
        });
        const notes = [
          `${clip.count} frames at ${Number(clip.fps.toFixed(2))} fps, judged at ${clip.width}×${clip.height}.`,
          `${scene.objects.length} object${scene.objects.length === 1 ? '' : 's'} found in ${firstFrame ? 'the first-frame image' : 'the first frame'}.`,
          ...(clip.dropped > 0 ? [`Only the first ${clip.count} frames were judged; ${clip.dropped} more were left out.`] : []),
        ];
        return { name: video.name, evaluation, notes };
      });
      if (result) set({ result });
    } catch (err) {
      set({ error: judgeError(err) });
    } finally {
      set({ busy: false });
    }
  },
}));
