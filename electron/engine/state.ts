import { join } from 'node:path';
import type { JobProgress } from '../../shared/contract';
import type { EnginePaths } from '../common/paths';
import { JobRegistry } from './jobs';
import { GpuQueue } from './render/gpu-queue';

/** Everything the handlers share inside one engine process. */
export interface EngineState {
  readonly paths: EnginePaths;
  readonly host: 'electron-utility' | 'node-child';
  readonly startedAt: number;
  readonly jobs: JobRegistry;
  /** Pushes an event to every connected UI. */
  readonly emitEvent: (name: string, payload: unknown) => void;
  /** Last verification failure per pack id, shown until the pack verifies. */
  readonly verifyFailures: Map<string, string>;
  readonly verifyCacheFile: string;
  readonly probeModel: string;
  readonly bundledModels: string;
  /** One heavy render holds the GPU at a time. */
  readonly gpu: GpuQueue;
}

export function createEngineState(paths: EnginePaths, host: EngineState['host'], emitEvent: (name: string, payload: unknown) => void): EngineState {
  return {
    paths,
    host,
    startedAt: performance.now(),
    jobs: new JobRegistry((progress: JobProgress) => emitEvent('job.progress', progress)),
    emitEvent,
    verifyFailures: new Map(),
    verifyCacheFile: join(paths.cacheDir, 'verify.json'),
    probeModel: join(paths.resourcesDir, 'probe', 'probe.onnx'),
    bundledModels: join(paths.resourcesDir, 'models'),
    gpu: new GpuQueue(),
  };
}
