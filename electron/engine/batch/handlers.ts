import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { Handler } from '../handlers';

const absolute = (dir: string, what: string) => {
  if (!isAbsolute(dir)) throw new AppError('bad_request', `The ${what} must be an absolute path.`);
  return dir;
};

/** The engine's side of batches (issue 16). Loaded on first use: none of it is needed at start-up. */
export const batchHandlers: {
  'runs.contactSheet': Handler<'runs.contactSheet'>;
  'batches.record': Handler<'batches.record'>;
  'batches.list': Handler<'batches.list'>;
  'batches.report': Handler<'batches.report'>;
  'batches.runs': Handler<'batches.runs'>;
  'batches.image': Handler<'batches.image'>;
  'batches.writeReport': Handler<'batches.writeReport'>;
  'batches.dataset': Handler<'batches.dataset'>;
} = {
  'runs.contactSheet': async ({ runId, which, dir, jobId, ...options }, state) => {
    const [{ readRun }, { contactSheet, SHEET_DEFAULTS }] = await Promise.all([import('../preview/library'), import('./contact-sheet')]);
    const run = await readRun(state.paths.libraryDir, runId);
    return state.jobs.run(jobId, 'runs.contactSheet', `Contact sheet of the ${which} clip`, (ctx) =>
      contactSheet(run, which, absolute(dir, 'folder'), { ...SHEET_DEFAULTS, ...options }, { libraryDir: state.paths.libraryDir, signal: ctx.signal }),
    );
  },

  'batches.record': async ({ id, title, dir, createdAt }, state) =>
    (await import('./registry')).recordBatch(state.paths.libraryDir, { id, title, dir: absolute(dir, 'batch folder'), createdAt }),

  'batches.list': async (_input, state) => (await import('./registry')).listBatches(state.paths.libraryDir),

  'batches.report': async ({ id }, state) => {
    const [{ batchEntry }, { buildReport }] = await Promise.all([import('./registry'), import('./report')]);
    return buildReport((await batchEntry(state.paths.libraryDir, id)).dir);
  },

  // The batch's runs in case order, read by id: a batch of hundreds is more than `runs.list` (the newest 200) shows.
  'batches.runs': async ({ id }, state) => {
    const [{ batchEntry, summary }, { readRun }, { clipScores }] = await Promise.all([
      import('./registry'),
      import('../preview/library'),
      import('../../../shared/batch/scores'),
    ]);
    const { runIds } = await summary(await batchEntry(state.paths.libraryDir, id));
    const runs = await Promise.all(runIds.map((runId) => readRun(state.paths.libraryDir, runId).catch(() => null)));
    return runs
      .filter((r) => r !== null)
      .map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        name: r.input.name,
        prompt: r.input.prompt,
        poster: r.clips.physics.media.poster,
        scores: { baseline: clipScores(r.clips.baseline).score, physics: clipScores(r.clips.physics).score },
        encoded: !!(r.clips.baseline.media.webm ?? r.clips.baseline.media.mp4) && !!(r.clips.physics.media.webm ?? r.clips.physics.media.mp4),
        tier: r.clips.physics.tier,
        preference: r.preference,
      }));
  },

  'batches.image': async ({ id, path }, state) => {
    const [{ batchEntry }, { folderImages }] = await Promise.all([import('./registry'), import('./report')]);
    const dataUrl = await folderImages((await batchEntry(state.paths.libraryDir, id)).dir)(path);
    if (!dataUrl) throw new AppError('not_found', `The batch has no image ${path}.`);
    return { dataUrl };
  },

  'batches.writeReport': async ({ dir, jobId }, state) => {
    const { writeReport } = await import('./report');
    return state.jobs.run(jobId, 'batches.writeReport', 'Writing the batch report', () => writeReport(absolute(dir, 'batch folder')));
  },

  'batches.dataset': async ({ dir, out, machineMargin, jobId }, state) => {
    const { exportDataset } = await import('./dataset');
    return state.jobs.run(jobId, 'batches.dataset', 'Exporting a preference dataset', (ctx) =>
      exportDataset(absolute(dir, 'batch folder'), absolute(out, 'dataset folder'), state.paths.libraryDir, machineMargin ?? null, ctx.signal),
    );
  },
};
