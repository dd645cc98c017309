import { create } from 'zustand';
import type { AppErrorData, JobProgress, PhysStudioApi } from '../../../shared/contract';
import { newJobId } from '../api/jobs';
import { errorData } from './notices';

export interface JobEntry {
  id: string;
  label: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  fraction: number | null;
  stage: string;
  message?: string;
  error?: AppErrorData;
  startedAt: number;
  endedAt?: number;
}

/** For the parts of a job that run in the renderer (encoding): its cancel signal and progress. */
export interface LocalJob {
  signal: AbortSignal;
  progress(stage: string, fraction: number | null): void;
}

interface JobsState {
  jobs: JobEntry[];
  /** Runs `work` as a tracked job; resolves with its value, or undefined when it failed or was cancelled. */
  run<T>(label: string, work: (jobId: string, local: LocalJob) => Promise<T>): Promise<T | undefined>;
  progress(p: JobProgress): void;
  cancel(api: PhysStudioApi, id: string): Promise<void>;
  clearFinished(): void;
}

const MAX_HISTORY = 20;

function update(jobs: JobEntry[], id: string, patch: Partial<JobEntry>): JobEntry[] {
  return jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
}

const controllers = new Map<string, AbortController>();

export const useJobs = create<JobsState>((set) => ({
  jobs: [],
  run: async (label, work) => {
    const id = newJobId();
    const controller = new AbortController();
    controllers.set(id, controller);
    set((s) => ({ jobs: [{ id, label, state: 'running' as const, fraction: null, stage: 'queued', startedAt: Date.now() }, ...s.jobs].slice(0, MAX_HISTORY) }));
    const local: LocalJob = {
      signal: controller.signal,
      progress: (stage, fraction) => set((s) => ({ jobs: s.jobs.map((j) => (j.id === id && j.state === 'running' ? { ...j, stage, fraction } : j)) })),
    };
    try {
      const value = await work(id, local);
      set((s) => ({ jobs: update(s.jobs, id, { state: 'done', fraction: 1, stage: 'done', endedAt: Date.now() }) }));
      return value;
    } catch (err) {
      const error = errorData(err);
      set((s) => ({ jobs: update(s.jobs, id, { state: error.code === 'cancelled' ? 'cancelled' : 'failed', error, endedAt: Date.now() }) }));
      if (error.code !== 'cancelled') throw err;
      return undefined;
    } finally {
      controllers.delete(id);
    }
  },
  progress: (p) =>
    set((s) => ({
      jobs: s.jobs.map((j) =>
        j.id === p.jobId && j.state === 'running'
          ? { ...j, label: p.label, stage: p.stage, fraction: p.fraction, ...(p.message !== undefined ? { message: p.message } : {}) }
          : j,
      ),
    })),
  cancel: async (api, id) => {
    set((s) => ({ jobs: update(s.jobs, id, { stage: 'cancelling' }) }));
    // The renderer's own part stops at once; the engine's part is asked to.
    controllers.get(id)?.abort(new DOMException('Cancelled', 'AbortError'));
    await api['jobs.cancel']({ jobId: id });
  },
  clearFinished: () => set((s) => ({ jobs: s.jobs.filter((j) => j.state === 'running') })),
}));
