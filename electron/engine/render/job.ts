import type { Run } from '../../../shared/run/schema';
import type { JobContext } from '../jobs';
import { installedPacks } from '../models/installed';
import { loadSettings } from '../settings';
import type { EngineState } from '../state';
import { generateRender, type RenderInput } from './generate';
import { ensureVerified, findVideoPack } from './pack-ready';
import { stepEvent } from './step-event';

/** A render inside a job: the pack checked file by file, then both clips, with step events for the UI. */
export async function renderJob(state: EngineState, input: RenderInput, ctx: JobContext): Promise<Run> {
  const { settings } = await loadSettings(state.paths.settingsFile);
  const { packs } = await installedPacks(state);
  const pack = findVideoPack(packs, input.render.packId);
  // Held from the hash check on: a pack cannot be removed or replaced between being checked and being loaded.
  const release = await state.gpu.acquire(ctx.signal, (ahead) => ctx.progress(`waiting for the GPU (${ahead} render${ahead === 1 ? '' : 's'} ahead)`, null));
  try {
    await ensureVerified({ packs, verifyCacheFile: state.verifyCacheFile, verifyFailures: state.verifyFailures }, pack, ctx, (f) => 0.05 * f);
    return await generateRender(input, {
      libraryDir: state.paths.libraryDir,
      pack,
      releaseGpu: release,
      forcedProvider: settings.provider,
      signal: ctx.signal,
      progress: (stage, f) => ctx.progress(stage, f),
      onStep: (variant, step) => state.emitEvent('render.step', stepEvent(ctx.jobId, variant, step)),
    });
  } finally {
    release();
  }
}
