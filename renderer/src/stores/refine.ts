import { create } from 'zustand';
import type { AppErrorData, PhysStudioApi, RefineTarget } from '../../../shared/contract';
import type { Refinement } from '../../../shared/refine';
import { newJobId } from '../api/jobs';
import { errorData } from './notices';

export type Backend = 'builtin' | 'llm';

interface RefineState {
  targets: RefineTarget[];
  target: string | null;
  backend: Backend;
  seed: number;
  refinement: Refinement | null;
  error: AppErrorData | null;
  loading: boolean;
  /** Text streamed by the local LLM while it answers. */
  stream: string;
  runningJob: string | null;
  /** The user's own edit of the refined prompt, if any. */
  edited: string | null;
  /** Which prompt generation will use. */
  use: 'refined' | 'original';
  /** A prompt whose refinement was restored from a run: the live refiner leaves it as the run sent it. */
  pinned: string | null;
  loadTargets(api: PhysStudioApi): Promise<void>;
  setTarget(id: string): void;
  setBackend(backend: Backend): void;
  reseed(): void;
  setEdited(text: string | null): void;
  setUse(use: 'refined' | 'original'): void;
  refine(api: PhysStudioApi, prompt: string, alternatives: boolean): Promise<void>;
  appendStream(jobId: string, text: string): void;
  cancel(api: PhysStudioApi): Promise<void>;
  clear(): void;
}

let generation = 0;

export const useRefine = create<RefineState>((set, get) => ({
  targets: [],
  target: null,
  backend: 'builtin',
  seed: 0,
  refinement: null,
  error: null,
  loading: false,
  stream: '',
  runningJob: null,
  edited: null,
  use: 'refined',
  pinned: null,
  loadTargets: async (api) => {
    try {
      const targets = await api['prompt.targets']({});
      set((s) => ({ targets, target: s.target ?? targets.find((t) => t.isDefault)?.id ?? targets[0]?.id ?? null }));
    } catch (err) {
      set({ error: errorData(err) });
    }
  },
  setTarget: (target) => set({ target }),
  setBackend: (backend) => set({ backend }),
  reseed: () => set((s) => ({ seed: (s.seed + 1) % 1000 })),
  setEdited: (edited) => set({ edited }),
  setUse: (use) => set({ use }),
  refine: async (api, prompt, alternatives) => {
    // Only the newest request may update the view; an older one still running is cancelled.
    const mine = ++generation;
    const previous = get().runningJob;
    if (previous) void api['jobs.cancel']({ jobId: previous }).catch(() => {});
    const { target, backend, seed } = get();
    const jobId = backend === 'llm' ? newJobId() : null;
    set({ loading: true, error: null, stream: '', runningJob: jobId });
    try {
      const refinement = await api['prompt.refine']({ prompt, backend, seed, alternatives, ...(target ? { target } : {}), ...(jobId ? { jobId } : {}) });
      if (mine === generation) set({ refinement, edited: null });
    } catch (err) {
      const error = errorData(err);
      if (mine === generation && error.code !== 'cancelled') set({ error });
    } finally {
      if (mine === generation) set({ loading: false, runningJob: null });
    }
  },
  appendStream: (jobId, text) => {
    if (get().runningJob === jobId) set((s) => ({ stream: (s.stream + text).slice(-8000) }));
  },
  cancel: async (api) => {
    const job = get().runningJob;
    generation++;
    set({ loading: false, runningJob: null });
    if (job) await api['jobs.cancel']({ jobId: job });
  },
  clear: () => {
    generation++;
    set({ refinement: null, error: null, loading: false, stream: '', edited: null });
  },
}));
