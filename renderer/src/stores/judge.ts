import { create } from 'zustand';
import type { AppErrorData, PhysStudioApi } from '../../../shared/contract';
import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import { toBase64 } from '../api/base64';
import { decodeForJudging } from '../media/decode';
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
  evaluate(api: PhysStudioApi): Promise<void>;
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
          `${clip.count} frames at ${clip.fps.toFixed(clip.fps % 1 ? 2 : 0)} fps, judged at ${clip.width}×${clip.height}.`,
          `${scene.objects.length} object${scene.objects.length === 1 ? '' : 's'} found in ${firstFrame ? 'the first-frame image' : 'the first frame'}.`,
          ...(clip.dropped > 0 ? [`Only the first ${clip.count} frames were judged; ${clip.dropped} more were left out.`] : []),
        ];
        return { name: video.name, evaluation, notes };
      });
      if (result) set({ result });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ busy: false });
    }
  },
}));
