import { create } from 'zustand';
import type { AppErrorData, FrameStream, PhysStudioApi, RunSummary, Stream } from '../../../shared/contract';
import { AppError } from '../../../shared/contract';
import type { Refinement } from '../../../shared/refine/schema';
import { clipLabel } from '../../../shared/run/clip-score';
import { exportFileName } from '../../../shared/run/export-name';
import { DEFAULT_SETTINGS, type GenerateSettings, type Run, type Variant } from '../../../shared/run/schema';
import { toBase64 } from '../api/base64';
import { mediaUrl } from '../api/client';
import type { Preset } from '../media/compose';
import type { Container } from '../media/encode';
import { DRAWABLE_EXAMPLES, drawFromPrompt } from './draw';
import { needsDrawing, useInput } from './input';
import { type LocalJob, useJobs } from './jobs';
import { errorData, reportError, useNotices } from './notices';
import { estimate, recordRate, workUnits } from './rates';
import { useRefine } from './refine';
import { chosenRender, useRender } from './render';
import { restoreInputs, runInputs } from './restore';
import { type RunInputs, requestRefinement } from './run-inputs';
import { useScene } from './scene';
import { useUi } from './ui';

const SETTINGS_KEY = 'physstudio.generate';

function loadSettings(): GenerateSettings {
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<GenerateSettings>) };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

interface RunState {
  settings: GenerateSettings;
  run: Run | null;
  /** Playable clips (blob URLs, so seeking works on every host). */
  urls: Record<Variant, string | null>;
  /** The inputs the shown run was made from in this session, to tell which clips a later edit makes out of date. */
  madeFrom: RunInputs | null;
  history: RunSummary[];
  busy: boolean;
  /** Drawing the scene from the prompt, before generating from it (no picture was given). */
  drawing: boolean;
  error: AppErrorData | null;
  setSettings(patch: Partial<GenerateSettings>): void;
  generate(api: PhysStudioApi, only?: Variant): Promise<void>;
  /**
   * Brings a run back: its clips, and everything it was made from (picture, prompt, refinement,
   * scene, settings), so Generate makes it again. With `edit`, the centre opens on the scene.
   */
  open(api: PhysStudioApi, id: string, options?: { edit?: boolean }): Promise<void>;
  clearError(): void;
  refreshHistory(api: PhysStudioApi): Promise<void>;
  exportAs(api: PhysStudioApi, format: 'mp4' | 'webm' | 'gif' | 'png' | 'sidecar', which: Stream, preset?: Preset): Promise<void>;
  reproduce(api: PhysStudioApi, file: File): Promise<void>;
  prefer(api: PhysStudioApi, preference: Run['preference']): Promise<void>;
}

async function blobUrl(path: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(mediaUrl(path), signal ? { signal } : {});
  if (!response.ok) throw new AppError('io', `The clip ${path} could not be loaded (${response.status}).`);
  return URL.createObjectURL(await response.blob());
}

/** Saves a library file or a blob the app made, under the name given. */
function download(file: { path: string; name: string } | { blob: Blob; name: string }): void {
  const a = document.createElement('a');
  const href = 'blob' in file ? URL.createObjectURL(file.blob) : mediaUrl(file.path);
  a.href = href;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  if ('blob' in file) setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

const PANEL_COLOURS: Record<Variant, string> = { baseline: '#d6d9e0', physics: '#7fd6a4' };
/** One clip or the side-by-side composite, made from the clips already encoded. */
async function composeFromClips(run: Run, which: Stream, container: Container, preset: Preset, local: LocalJob): Promise<Uint8Array> {
  const variants: Variant[] = which === 'composite' ? ['baseline', 'physics'] : [which];
  const panels = await Promise.all(
    variants.map(async (v) => {
      const path = run.clips[v].media.mp4 ?? run.clips[v].media.webm;
      if (!path) throw new AppError('not_found', `The ${v} clip is not encoded yet.`, 'Open the run again to encode it.');
      const response = await fetch(mediaUrl(path), { signal: local.signal });
      if (!response.ok) throw new AppError('io', `The ${v} clip could not be read (${response.status}).`);
      return { blob: await response.blob(), label: clipLabel(run.clips[v]), colour: PANEL_COLOURS[v] };
    }),
  );
  const { composeClips } = await import('../media/compose');
  const clip = run.clips.physics;
  return composeClips({
    panels,
    width: clip.size.width,
    height: clip.size.height,
    fps: clip.fps,
    frames: clip.frames,
    container,
    preset,
    signal: local.signal,
    onProgress: (f) => local.progress(`composing ${container.toUpperCase()} from the encoded clips`, f),
  });
}

/** mediabunny is large; it loads with the first encode, not with the app. */
async function encode(stream: FrameStream, container: Container | 'playback', local: LocalJob, stage: string) {
  const { encodeFrames, playbackContainer } = await import('../media/encode');
  const chosen = container === 'playback' ? await playbackContainer(stream.width, stream.height) : container;
  const bytes = await encodeFrames(stream, chosen, { signal: local.signal, onProgress: (f) => local.progress(stage, f) });
  return { container: chosen, dataBase64: toBase64(bytes) };
}

/** Encodes whichever clips still only have raw frames, and stores the result in the run. */
async function encodeMissing(api: PhysStudioApi, run: Run, local: LocalJob, overall?: (fraction: number) => number): Promise<Run> {
  let current = run;
  const todo = (['baseline', 'physics'] as const).filter((v) => !current.clips[v].media.webm && !current.clips[v].media.mp4 && current.clips[v].media.frames);
  for (const [k, variant] of todo.entries()) {
    const clip = current.clips[variant];
    const stream = { path: clip.media.frames as string, width: clip.size.width, height: clip.size.height, fps: clip.fps, frames: clip.frames };
    const stage = `encoding the ${variant} clip (${k + 1} of ${todo.length})`;
    const tracked: LocalJob = overall ? { ...local, progress: (st, f) => local.progress(st, f, overall((k + (f ?? 0)) / todo.length)) } : local;
    const { container, dataBase64 } = await encode(stream, 'playback', tracked, stage);
    current = await api['runs.storeMedia']({ runId: current.id, name: `${variant}.${container}`, dataBase64 });
  }
  return current;
}

/**
 * The refinement to send for this prompt. Generate pressed straight after typing (Ctrl+Enter)
 * comes before the live refiner's debounce: the refinement on hand is then of an earlier prompt,
 * so the prompt is refined now; if that fails, the physics clip gets the prompt as typed.
 */
async function currentRefinement(api: PhysStudioApi, prompt: string): Promise<Refinement | null> {
  const matches = (r: Refinement | null) => !!r && r.original.trim() === prompt.trim();
  const state = useRefine.getState();
  if (state.use !== 'refined' || !prompt.trim() || state.pinned === prompt || matches(state.refinement)) return requestRefinement(state);
  await state.refine(api, prompt, false);
  const now = useRefine.getState();
  return matches(now.refinement) ? requestRefinement(now) : null;
}

/** Tiers that have generated in this session: the first run of each also pays for warming up. */
const warmed = new Set<string>();

/** Exports in flight per run and stream: frames rendered for one must outlive it while another still reads them. */
const framesInUse = new Map<string, number>();

/**
 * Runs an export that needs a stream's raw frames, then has the engine discard frames that were
 * rendered again only for it (hundreds of megabytes), whether the export finished, failed or was
 * cancelled. Frames still listed by the run as a clip's unencoded source are kept by the engine.
 */
async function withFrames<T>(api: PhysStudioApi, runId: string, which: Stream, work: () => Promise<T>): Promise<T> {
  const key = `${runId}/${which}`;
  framesInUse.set(key, (framesInUse.get(key) ?? 0) + 1);
  try {
    return await work();
  } finally {
    const left = (framesInUse.get(key) ?? 1) - 1;
    if (left > 0) framesInUse.set(key, left);
    else {
      framesInUse.delete(key);
      await api['runs.discardFrames']({ runId, which }).catch(() => {});
    }
  }
}

/** The work a generation will do, in the units the measured rates use. */
export function plannedWork(
  image: { width: number; height: number } | null,
  settings: GenerateSettings,
  render?: { size: number; frames: number; steps: number },
): number {
  const aspect = image ? image.height / image.width : 0.75;
  const long = render ? render.size : settings.size;
  const [w, h] = aspect <= 1 ? [long, long * aspect] : [long / aspect, long];
  const frames = render ? render.frames : Math.round(settings.seconds * settings.fps) + 1;
  return workUnits(frames, w, h, render?.steps ?? 1);
}

export const useRun = create<RunState>((set, get) => {
  const show = async (run: Run, signal?: AbortSignal) => {
    const { run: shown, urls } = get();
    // A clip carried over unchanged (same frames, same container) keeps its loaded video.
    const same = (v: Variant) =>
      !!shown && !!urls[v] && shown.clips[v].framesSha256 === run.clips[v].framesSha256 && !!shown.clips[v].media.mp4 === !!run.clips[v].media.mp4;
    const [baseline, physics] = await Promise.all(
      (['baseline', 'physics'] as const).map((v) => {
        if (same(v)) return Promise.resolve(urls[v]);
        const path = run.clips[v].media.mp4 ?? run.clips[v].media.webm;
        return path ? blobUrl(path, signal) : Promise.resolve(null);
      }),
    );
    const kept = new Set([baseline, physics]);
    for (const url of Object.values(urls)) if (url && !kept.has(url)) URL.revokeObjectURL(url);
    set({ run, urls: { baseline: baseline ?? null, physics: physics ?? null } });
  };

  return {
    settings: loadSettings(),
    run: null,
    urls: { baseline: null, physics: null },
    madeFrom: null,
    history: [],
    busy: false,
    drawing: false,
    error: null,
    setSettings: (patch) => {
      const settings = { ...get().settings, ...patch };
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
      set({ settings });
    },
    generate: async (api, only) => {
      // A neural render makes both clips afresh; regenerating one clip is the preview tier's.
      const rendering = useRender.getState().tier === 'render' && !only;
      const chosen = rendering ? chosenRender() : null;
      if (rendering && !chosen) {
        set({
          error: {
            code: 'bad_request',
            message: 'The render tier needs a video model pack, and none is installed.',
            hint: 'Import one under Model packs, or switch the Render tab to the preview tier.',
          },
        });
        return;
      }
      // No picture (or one drawn from an earlier prompt): draw the scene the prompt describes first.
      if (!only && needsDrawing(useInput.getState())) {
        set({ busy: true, drawing: true, error: null });
        try {
          if (!(await drawFromPrompt(api, useInput.getState().prompt))) return;
        } catch (err) {
          set({ error: errorData(err) });
          return;
        } finally {
          set({ busy: false, drawing: false });
        }
      }
      const { scene, imagePath } = useScene.getState();
      const input = useInput.getState();
      if (!input.image || !imagePath) {
        set({
          error: {
            code: 'bad_request',
            message: 'There is nothing to animate yet: no picture and no prompt.',
            hint: `Type what should happen, e.g. ${DRAWABLE_EXAMPLES}, to have a scene drawn from it; or drop an image, paste one, or pick a sample.`,
          },
        });
        return;
      }
      if (!scene) {
        set({ error: { code: 'bad_request', message: 'The scene has not been perceived yet.', hint: 'Wait for “Perceiving” to finish, then generate.' } });
        return;
      }
      // Busy before refining: an LLM refinement can take seconds, and a second click meanwhile
      // would start a second run and cancel the first one's refinement.
      set({ busy: true, error: null });
      let refinement: Refinement | null;
      try {
        refinement = await currentRefinement(api, input.prompt);
      } catch (err) {
        set({ busy: false, error: errorData(err) });
        return;
      }
      const inputs: RunInputs = { image: imagePath, prompt: input.prompt, refinement, scene, settings: get().settings, render: chosen?.settings };
      const base = only ? get().run : null;
      // The clips being made are what the user wants to see next, not the scene editor.
      useUi.getState().setCentre('clips');
      const label = chosen ? `Rendering both clips with ${chosen.name}` : only ? `Regenerating the ${only} clip` : 'Generating clips';
      const rateKey = chosen ? 'render' : 'preview';
      const units = (only ? 0.5 : 1) * plannedWork(input.image, get().settings, chosen?.settings);
      const expected = estimate(rateKey, units);
      // Before any run is measured: a render is nearly all model time, a preview about half encoding.
      const defaultShare = chosen ? 0.95 : 0.5;
      try {
        const run = await useJobs.getState().run(
          label,
          async (jobId, local) => {
            const name = input.image?.name ?? 'image';
            const drawn = input.image?.drawnFrom !== undefined;
            if (chosen) useRender.getState().follow(jobId);
            const t0 = performance.now();
            const made = await (chosen
              ? api['render.generate']({ ...inputs, render: chosen.settings, name, drawn, jobId })
              : api['preview.generate']({ ...inputs, name, drawn, ...(base && only ? { only, baseRunId: base.id } : {}), jobId })
            ).finally(() => useRender.getState().follow(null));
            try {
              local.signal.throwIfAborted();
              const t1 = performance.now();
              const share = expected?.engineShare ?? defaultShare;
              const encoded = await encodeMissing(api, made, local, (f) => share + (1 - share) * f);
              const t2 = performance.now();
              const clip = made.clips.physics;
              recordRate(
                rateKey,
                (only ? 0.5 : 1) * workUnits(clip.frames, clip.size.width, clip.size.height, made.render?.settings.steps ?? 1),
                t1 - t0,
                t2 - t1,
                !warmed.has(rateKey),
              );
              warmed.add(rateKey);
              await show(encoded, local.signal);
              return encoded;
            } catch (err) {
              // A cancelled generation leaves nothing: not a run in the history, nor its raw frames (~100 MB a clip).
              if (local.signal.aborted) await api['runs.delete']({ id: made.id }).catch(() => {});
              throw err;
            }
          },
          expected ? { estimateMs: expected.totalMs, engineShare: expected.engineShare } : { engineShare: defaultShare },
        );
        if (run) {
          set({ madeFrom: inputs });
          for (const notice of run.notices) useNotices.getState().push({ kind: 'info', title: 'Generation', message: notice });
          void get().refreshHistory(api);
        }
      } catch (err) {
        set({ error: errorData(err) });
      } finally {
        set({ busy: false });
      }
    },
    open: async (api, id, options) => {
      set({ busy: true, error: null });
      try {
        const run = await api['runs.get']({ id });
        const encoded = (await useJobs.getState().run('Opening a run', (_jobId, local) => encodeMissing(api, run, local))) ?? run;
        await show(encoded);
        try {
          await restoreInputs(encoded, (settings) => get().setSettings(settings));
          set({ madeFrom: runInputs(encoded) });
          if (options?.edit) {
            useUi.getState().setCentre('scene');
            useUi.getState().setTab('scene');
          }
        } catch (err) {
          // The clips still play; only editing and regenerating this run need its picture.
          set({ madeFrom: null });
          reportError('The run’s inputs could not be restored', err);
        }
      } catch (err) {
        set({ error: errorData(err) });
      } finally {
        set({ busy: false });
      }
    },
    clearError: () => set({ error: null }),
    refreshHistory: async (api) => {
      try {
        set({ history: await api['runs.list']({}) });
      } catch {
        // The strip keeps what it had; the next generation refreshes it.
      }
    },
    exportAs: async (api, format, which, preset = 'web') => {
      const run = get().run;
      if (!run) return;
      const label = `Exporting ${which} as ${format.toUpperCase()}${preset === 'web' ? '' : ` (${preset})`}`;
      try {
        const done = await useJobs.getState().run(label, async (jobId, local) => {
          const video = format === 'mp4' || format === 'webm';
          if (video) {
            const name = exportFileName(run, which, format, preset);
            const have = which === 'composite' ? null : run.clips[which].media[format];
            // The playback clip already is the web version of a single clip.
            if (have && preset === 'web') return [{ path: have, name }];
            if (preset !== 'master') {
              // Small and web: from the clips already encoded (decode, lay out, encode once).
              const bytes = await composeFromClips(run, which, format, preset, local);
              return [{ blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `video/${format}` }), name }];
            }
            // Master: from the raw frames, drawn again by the engine (checked against the run's hashes).
            const bytes = await withFrames(api, run.id, which, async () => {
              const stream = await api['runs.frames']({ runId: run.id, which, jobId });
              const { encodeFrames } = await import('../media/encode');
              return encodeFrames(stream, format, {
                signal: local.signal,
                onProgress: (f) => local.progress(`encoding ${format.toUpperCase()}`, f),
                master: true,
              });
            });
            return [{ blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `video/${format}` }), name }];
          }
          const result = await api['runs.export']({ runId: run.id, format, which, preset, jobId });
          if (format === 'png') {
            useNotices.getState().push({
              kind: 'info',
              title: 'PNG sequence exported',
              message: `${result.files.length} frames written to ${result.files[0]?.replace(/[\\/][^\\/]+$/, '')}.`,
            });
            return [];
          }
          return result.media.map((path) => ({ path, name: path.split('/').pop() ?? 'physstudio-export' }));
        });
        for (const file of done ?? []) download(file);
      } catch (err) {
        set({ error: errorData(err) });
      }
    },
    reproduce: async (api, file) => {
      set({ busy: true, error: null });
      try {
        let sidecar: unknown;
        try {
          sidecar = JSON.parse(await file.text());
        } catch {
          throw new AppError('bad_request', `${file.name} is not a JSON file.`, 'Open a `.sidecar.json` exported from a run.');
        }
        const result = await useJobs.getState().run('Reproducing a run', async (jobId, local) => {
          const r = await api['runs.reproduce']({ sidecar, jobId });
          const run = await encodeMissing(api, r.run, local);
          await show(run, local.signal);
          return r;
        });
        // The reproduced run came from a sidecar, not from the inputs on screen.
        if (result) set({ madeFrom: null });
        if (result) {
          const same = result.identical.baseline && result.identical.physics;
          useNotices.getState().push({
            kind: same ? 'info' : 'error',
            title: same ? 'Run reproduced exactly' : 'Run reproduced with differences',
            message: same
              ? 'Both clips came out byte-identical to the sidecar’s frames.'
              : `Frames differ for ${['baseline', 'physics'].filter((v) => !result.identical[v as Variant]).join(' and ')}: the renderer or the input changed.`,
          });
          void get().refreshHistory(api);
        }
      } catch (err) {
        set({ error: errorData(err) });
      } finally {
        set({ busy: false });
      }
    },
    prefer: async (api, preference) => {
      const run = get().run;
      if (!run) return;
      try {
        set({ run: await api['runs.prefer']({ runId: run.id, preference }) });
        void get().refreshHistory(api);
      } catch (err) {
        set({ error: errorData(err) });
      }
    },
  };
});

// An error about the tier left behind (e.g. "needs a video model pack") goes when the tier changes.
useRender.subscribe((now, before) => {
  if (now.tier !== before.tier && useRun.getState().error) useRun.getState().clearError();
});
