import { cpus, freemem, release, totalmem } from 'node:os';
import { AppError, type Channel, type DoctorReport, type Output, type PackSummary, type ParsedInput } from '../../shared/contract';
import { EXECUTION_PROVIDERS } from '../../shared/models/manifest';
import { clipScore } from '../../shared/run/clip-score';
import { APP_NAME, APP_VERSION } from '../common/version';
import { batchHandlers } from './batch/handlers';
import { detectGpus } from './doctor/gpu';
import { chooseProvider, probeAllProviders, providerPreference } from './doctor/providers';
import { type Discovery, discoverPacks, summarise } from './models/discovery';
import { installedPacks } from './models/installed';
import { verifyPack } from './models/verify';
import { readVerifyCache, writeVerifyCache } from './models/verify-cache';
import { loadOrt } from './ort';
import { loadSettings } from './settings';
import type { EngineState } from './state';

export type Handler<C extends Channel> = (input: ParsedInput<C>, state: EngineState) => Promise<Output<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

const discover = installedPacks;

async function listPacks(state: EngineState, discovery: Discovery): Promise<PackSummary[]> {
  const [cache, { settings }] = await Promise.all([readVerifyCache(state.verifyCacheFile), loadSettings(state.paths.settingsFile)]);
  return Promise.all(discovery.packs.map((p) => summarise(p, cache, state.verifyFailures, settings.provider)));
}

function uptime(state: EngineState): number {
  return Math.round(performance.now() - state.startedAt);
}

async function doctor(state: EngineState): Promise<DoctorReport> {
  const { settings } = await loadSettings(state.paths.settingsFile);
  const loaded = loadOrt();
  const [probes, gpu, discovery] = await Promise.all([
    'ort' in loaded
      ? probeAllProviders(loaded.ort, state.probeModel)
      : Promise.resolve(EXECUTION_PROVIDERS.map((id) => ({ id, applicable: providerPreference().includes(id), available: false, error: loaded.error }))),
    detectGpus(),
    discoverPacks(state.bundledModels, settings.modelFolders, state.paths.modelsDir),
  ]);
  const cpuList = cpus();
  const report: DoctorReport = {
    app: { name: APP_NAME, version: APP_VERSION },
    versions: {
      node: process.versions.node,
      v8: process.versions.v8,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      onnxruntime: 'ort' in loaded ? (loaded.ort.env.versions.node ?? loaded.ort.env.versions.common ?? null) : null,
    },
    platform: {
      os: process.platform,
      release: release(),
      arch: process.arch,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      cpuCount: cpuList.length,
      totalMemoryBytes: totalmem(),
      freeMemoryBytes: freemem(),
    },
    engine: { pid: process.pid, host: state.host, uptimeMs: uptime(state) },
    providers: probes,
    activeProvider: chooseProvider(probes, settings.provider),
    gpus: gpu.gpus,
    dataDir: state.paths.dataDir,
    libraryDir: state.paths.libraryDir,
    modelFolders: discovery.folders,
    packs: await listPacks(state, discovery),
  };
  if ('error' in loaded) report.onnxruntimeError = loaded.error;
  if (gpu.note) report.gpuNote = gpu.note;
  return report;
}

export const handlers = {
  'system.ping': async (_input, state) => ({ pid: process.pid, uptimeMs: uptime(state) }),

  'system.doctor': async (_input, state) => doctor(state),

  // Every host's engine client answers this itself (a dead engine cannot restart itself); an
  // engine only sees it from a host that forgot to, and says so.
  'engine.restart': async () => {
    throw new AppError('unsupported', 'engine.restart is answered by the host that runs the engine, not by the engine.');
  },

  'models.list': async (_input, state) => listPacks(state, await discover(state)),

  'models.verify': async ({ packId, jobId, force }, state) => {
    const pack = (await discover(state)).packs.find((p) => p.manifest.id === packId);
    if (!pack) throw new AppError('not_found', `No model pack with id "${packId}".`, 'Open System → Model packs to see the installed packs.');
    const cache = await readVerifyCache(state.verifyCacheFile);
    try {
      const result = await state.jobs.run(jobId, 'models.verify', `Verifying ${pack.manifest.name}`, (ctx) => verifyPack(pack, cache, ctx, force));
      const problem = result.files.find((f) => f.status !== 'ok');
      if (problem?.message) state.verifyFailures.set(packId, problem.message);
      else state.verifyFailures.delete(packId);
      return result;
    } finally {
      // Keep hashes finished before a cancel or failure so the next run resumes from them.
      await writeVerifyCache(state.verifyCacheFile, cache);
    }
  },

  'models.import': async ({ source, jobId }, state) => {
    const [{ importPack }, { readManifest }] = await Promise.all([import('./models/import'), import('./models/discovery')]);
    const discovery = await discover(state);
    // Replacing a pack a render may be loading waits for no render: the GPU queue is held while it happens.
    const id = (await readManifest(source).catch(() => undefined))?.pack?.manifest.id;
    const replacing = discovery.packs.some((p) => p.manifest.id === id);
    const lease = replacing ? state.gpu.tryAcquire() : () => {};
    if (!lease)
      throw new AppError('bad_request', 'A render is running, so an installed pack cannot be replaced now.', 'Import it again when the render has finished.');
    const pack = await state.jobs
      .run(jobId, 'models.import', `Importing ${source.split(/[\\/]/).pop() ?? 'a pack'}`, async (ctx) => {
        if (replacing) await (await import('./render/sessions')).releaseAllSessions();
        return importPack(source, state.paths.modelsDir, discovery.packs, state.verifyCacheFile, ctx);
      })
      .finally(lease);
    state.verifyFailures.delete(pack.manifest.id);
    return summarise(
      pack,
      await readVerifyCache(state.verifyCacheFile),
      state.verifyFailures,
      (await loadSettings(state.paths.settingsFile)).settings.provider,
    );
  },

  'models.remove': async ({ packId }, state) => {
    const { removePack } = await import('./models/import');
    const pack = (await discover(state)).packs.find((p) => p.manifest.id === packId);
    if (!pack) throw new AppError('not_found', `No model pack with id "${packId}".`);
    const lease = state.gpu.tryAcquire();
    if (!lease)
      throw new AppError('bad_request', 'A render is running, so no pack can be removed now.', 'Remove it when the render has finished, or cancel the render.');
    try {
      const { releaseAllSessions } = await import('./render/sessions');
      // A pack being deleted must not keep files open (Windows refuses to delete open files).
      await releaseAllSessions();
      return { removed: await removePack(pack, state.paths.modelsDir) };
    } finally {
      lease();
    }
  },

  'settings.get': async (_input, state) => (await import('./user-settings')).getUserSettings(state),

  'settings.update': async (patch, state) => (await import('./user-settings')).updateUserSettings(state, patch),

  'jobs.cancel': async ({ jobId }, state) => ({ cancelled: state.jobs.cancel(jobId) }),

  // Loaded on first use: the NLP library costs ~200 ms to load, which engine start-up need not pay.
  'prompt.refine': async (input, state) => (await import('./refine/handler')).refine(input, state),

  'prompt.targets': async (_input, state) => (await import('./refine/targets')).listTargets((await discover(state)).packs),

  // Brush, merge, material and preset edits of one object (opencv outlines, perception's mass model).
  'scene.editObject': async (input) => (await import('./scene/edit-object')).editObject(input),

  'inputs.import': async ({ name, dataBase64 }, state) => (await import('./perceive/import')).importImage(state.paths.libraryDir, name, dataBase64),

  'scene.simulate': async ({ scene, seconds, ensemble }, _state) => {
    const started = performance.now();
    const [{ predictInteractions }, { sceneEmbedding }] = await Promise.all([import('../../shared/physics/predict'), import('../../shared/scene/embedding')]);
    const { interactions } = await predictInteractions(scene, { seconds: seconds ?? 5, fps: 24, ensemble: ensemble ?? 4 });
    return { interactions, embedding: sceneEmbedding({ ...scene, interactions }), millis: Math.round(performance.now() - started) };
  },

  'scene.addObject': async ({ image, scene, point, box, label }) => {
    const { addObject } = await import('./perceive/add-object');
    return addObject(image, scene, point ? { point } : { box: box as NonNullable<typeof box> }, label);
  },

  'scene.draw': async ({ prompt }, state) => (await import('./preview/drawn')).drawPrompt(state.paths.libraryDir, prompt),

  'scene.perceive': async ({ image, prompt, seconds, view, downscale, jobId }, state) => {
    const [{ perceive }, { detectorPath }] = await Promise.all([import('./perceive/perceive'), import('./perceive/detector')]);
    return state.jobs.run(jobId, 'scene.perceive', 'Perceiving the scene', (ctx) =>
      perceive(image, {
        ...(prompt ? { prompt } : {}),
        ...(seconds ? { seconds } : {}),
        ...(view ? { view } : {}),
        ...(downscale ? { downscale } : {}),
        detector: detectorPath(state.paths.resourcesDir),
        signal: ctx.signal,
        progress: (stage, f) => ctx.progress(stage, f),
      }).catch((err: unknown) => {
        if (ctx.signal.aborted) throw new AppError('cancelled', 'Perception was cancelled.');
        throw err;
      }),
    );
  },

  'preview.generate': async ({ jobId, ...input }, state) => {
    const { generatePreview } = await import('./preview/generate');
    const label = input.only ? `Regenerating the ${input.only} clip` : 'Generating both clips';
    return state.jobs.run(jobId, 'preview.generate', label, (ctx) =>
      generatePreview(input, { libraryDir: state.paths.libraryDir, signal: ctx.signal, progress: (stage, f) => ctx.progress(stage, f) }),
    );
  },

  'render.generate': async ({ jobId, ...input }, state) => {
    const { renderJob } = await import('./render/job');
    const name = (await discover(state)).packs.find((p) => p.manifest.id === input.render.packId)?.manifest.name;
    return state.jobs.run(jobId, 'render.generate', `Rendering both clips${name ? ` with ${name}` : ''}`, (ctx) => renderJob(state, input, ctx));
  },

  'runs.list': async (_input, state) => {
    const { listRuns } = await import('./preview/library');
    return (await listRuns(state.paths.libraryDir)).map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      name: r.input.name,
      prompt: r.input.prompt,
      poster: r.clips.physics.media.poster,
      scores: {
        baseline: clipScore(r.clips.baseline),
        physics: clipScore(r.clips.physics),
      },
      encoded: !!(r.clips.baseline.media.webm ?? r.clips.baseline.media.mp4) && !!(r.clips.physics.media.webm ?? r.clips.physics.media.mp4),
      tier: r.clips.physics.tier,
      preference: r.preference,
    }));
  },

  'runs.get': async ({ id }, state) => (await import('./preview/library')).readRun(state.paths.libraryDir, id),

  'runs.frames': async ({ runId, which, jobId }, state) => {
    const [{ readRun }, { streamFrames }] = await Promise.all([import('./preview/library'), import('./preview/runs')]);
    const run = await readRun(state.paths.libraryDir, runId);
    return state.jobs.run(jobId, 'runs.frames', `Preparing ${which} frames`, (ctx) =>
      streamFrames(run, which, { libraryDir: state.paths.libraryDir, signal: ctx.signal, progress: (stage, f) => ctx.progress(stage, f) }),
    );
  },

  'runs.storeMedia': async ({ runId, name, dataBase64 }, state) => (await import('./preview/runs')).storeMedia(state.paths.libraryDir, runId, name, dataBase64),

  'runs.export': async ({ runId, format, which, dir, preset, jobId }, state) => {
    const [{ readRun }, { exportRun }] = await Promise.all([import('./preview/library'), import('./preview/runs')]);
    const run = await readRun(state.paths.libraryDir, runId);
    return state.jobs.run(jobId, 'runs.export', `Exporting ${which} as ${format.toUpperCase()}`, (ctx) =>
      exportRun(run, format, which, dir, { libraryDir: state.paths.libraryDir, signal: ctx.signal, progress: (stage, f) => ctx.progress(stage, f) }, preset),
    );
  },

  'runs.reproduce': async ({ sidecar, jobId }, state) => {
    const { reproduce } = await import('./preview/runs');
    return state.jobs.run(jobId, 'runs.reproduce', 'Reproducing a run from its sidecar', (ctx) =>
      reproduce(sidecar, {
        libraryDir: state.paths.libraryDir,
        signal: ctx.signal,
        progress: (stage, f) => ctx.progress(stage, f),
        renderAgain: async (input) => (await import('./render/job')).renderJob(state, input, ctx),
      }),
    );
  },

  'runs.prefer': async ({ runId, preference }, state) => {
    const { readRun, writeRun } = await import('./preview/library');
    const run = { ...(await readRun(state.paths.libraryDir, runId)), preference };
    await writeRun(state.paths.libraryDir, run);
    return run;
  },

  'runs.delete': async ({ id }, state) => {
    await (await import('./preview/library')).deleteRun(state.paths.libraryDir, id);
    return { deleted: id };
  },

  'runs.discardFrames': async ({ runId, which }, state) => (await import('./preview/runs')).discardFrames(state.paths.libraryDir, runId, which),

  'samples.list': async (_input, state) => (await import('./preview/samples')).listSamples(state.paths.resourcesDir),

  'clips.evaluate': async ({ jobId, ...input }, state) => {
    const { evaluateDropped } = await import('./evaluate/dropped');
    return state.jobs.run(jobId, 'clips.evaluate', `Judging ${input.name ?? 'the clip'}`, (ctx) => evaluateDropped(input, ctx.signal));
  },
  'samples.open': async ({ id }, state) => (await import('./preview/samples')).openSample(state.paths.resourcesDir, state.paths.libraryDir, id),

  ...batchHandlers,
} satisfies Handlers;
