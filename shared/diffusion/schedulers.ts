import type { ModelManifest } from '../models/manifest';
import { createDdimScheduler, type DdimPrediction } from './ddim';
import { createFlowEulerScheduler } from './flow-euler';
import type { Scheduler, SchedulerKind } from './scheduler';

export { createDdimScheduler, type DdimOptions, type DdimPrediction, type DdimScheduler } from './ddim';
export { createFlowEulerScheduler, type FlowEulerOptions, type FlowEulerScheduler } from './flow-euler';
export type { Scheduler, SchedulerKind } from './scheduler';
export { startIndexForStrength } from './strength';

export interface SchedulerOptions {
  /** Flow-matching timestep shift (ignored by DDIM). */
  shift?: number;
  /** DDIM's prediction type (flow-matching models always predict velocity). */
  prediction?: DdimPrediction;
}

/** The scheduler a pack's `pipeline.scheduler` names, built for `steps` steps. */
export function createScheduler(kind: SchedulerKind, steps: number, options: SchedulerOptions = {}): Scheduler {
  switch (kind) {
    case 'flow-euler':
      return createFlowEulerScheduler(steps, { shift: options.shift });
    case 'ddim':
      return createDdimScheduler(steps, { prediction: options.prediction });
  }
}

/**
 * The scheduler for a video pack's pipeline. The manifest's `latent.shift` defaults to 0, which
 * means "not set" there but would zero every sigma here, so it runs unshifted (shift 1).
 */
export function schedulerForPipeline(pipeline: NonNullable<ModelManifest['pipeline']>, steps = pipeline.defaultSteps): Scheduler {
  return createScheduler(pipeline.scheduler, steps, { shift: pipeline.latent.shift > 0 ? pipeline.latent.shift : 1 });
}
