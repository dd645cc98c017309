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
  /** What the run was expected to take, from this machine's measured rates. */
  estimateMs?: number;
  /** The engine's share of the whole job, so its progress and the app's own make one fraction. */
  engineShare?: number;
  /** 0..1 over the whole job (all stages), when known. */
  overall?: number;
}

export interface JobOptions {
  estimateMs?: number;
  engineShare?: number;
}

/** For the parts of a job that run in the renderer (encoding): its cancel signal and progress. */
export interface LocalJob {
  signal: AbortSignal;
  /** `overall` places this stage's fraction in the whole job, when the caller knows it. */
  progress(stage: string, fraction: number | null, overall?: number): void;
}

interface JobsState {
  jobs: JobEntry[];
  /** Runs `work` as a tracked job; resolves with its value, or undefined when it failed or was cancelled. */
  run<T>(label: string, work: (jobId: string, local: LocalJob) => Promise<T>, options?: JobOptions): Promise<T | undefined>;
  progress(p: JobProgress): void;
  cancel(api: PhysStudioApi, id: string): Promise<void>;
  clearFinished(): void;
}

const MAX_HISTORY = 20;
/** Finished jobs leave the queue on their own; failures stay until dismissed, as they carry the reason. */
export const DONE_LINGER_MS = 6_000;

function update(jobs: JobEntry[], id: string, patch: Partial<JobEntry>): JobEntry[] {
  return jobs.map((j) => (j.id === id ? { ...j, ...patch } : j));
}

const controllers = new Map<string, AbortController>();

export const useJobs = create<JobsState>((set) => ({
  jobs: [],
  run: async (label, work, options) => {
    const id = newJobId();
    const controller = new AbortController();
    controllers.set(id, controller);
    set((s) => ({
      jobs: [{ id, label, state: 'running' as const, fraction: null, stage: 'queued', startedAt: Date.now(), ...options }, ...s.jobs].slice(0, MAX_HISTORY),
    }));
    const local: LocalJob = {
      signal: controller.signal,
      progress: (stage, fraction, overall) =>
        set((s) => ({
          jobs: s.jobs.map((j) => (j.id === id && j.state === 'running' ? { ...j, stage, fraction, ...(overall !== undefined ? { overall } : {}) } : j)),
        })),
    };
    try {
      const value = await work(id, local);
      set((s) => ({ jobs: update(s.jobs, id, { state: 'done', fraction: 1, overall: 1, stage: 'done', endedAt: Date.now() }) }));
      setTimeout(() => set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id || j.state !== 'done') })), DONE_LINGER_MS);
      return value;
    } catch (err) {
      // Once the user cancelled, whatever the work then stops with is the cancellation, however
      // the step it was in reported it (an engine step can stop with a plain abort error).
      const error = controller.signal.aborted ? { code: 'cancelled' as const, message: 'Cancelled.' } : errorData(err);
      set((s) => ({ jobs: update(s.jobs, id, { state: error.code === 'cancelled' ? 'cancelled' : 'failed', error, endedAt: Date.now() }) }));
      if (error.code === 'cancelled') setTimeout(() => set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id || j.state !== 'cancelled') })), DONE_LINGER_MS);
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
          ? {
              ...j,
              label: p.label,
              stage: p.stage,
              fraction: p.fraction,
              ...(p.message !== undefined ? { message: p.message } : {}),
              ...(j.engineShare !== undefined && p.fraction !== null ? { overall: j.engineShare * p.fraction } : {}),
            }
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

/** Time left for a running job: from its own pace once it has made headway, else from the estimate. */
export function timeLeftMs(job: JobEntry, now: number): number | null {
  const elapsed = now - job.startedAt;
  const f = job.overall;
  if (f !== undefined && f >= 0.08 && f < 1) return (elapsed * (1 - f)) / f;
  if (job.estimateMs !== undefined) return Math.max(0, job.estimateMs - elapsed);
  return null;
}
