import { rm } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import type { BatchCase, BatchManifest, CaseClip, CaseRecord } from '../../../shared/batch/schema';
import { clipScores } from '../../../shared/batch/scores';
import { type PhysStudioApi, toErrorData } from '../../../shared/contract';
import { motionIntent } from '../../../shared/motion/intent';
import { exportStem } from '../../../shared/run/export-name';
import type { Run, Variant } from '../../../shared/run/schema';
import { commitCase, readRecord, startCase, workerName } from '../../engine/batch/store';
import { generateFromCli } from './generate';

/** The library name of a batch's run: how a resumed batch finds runs of cases that never committed. */
export const runName = (batchId: string, caseId: string) => `batch ${batchId}/${caseId}`;

/** Errors that say this machine or the batch itself is in trouble, not the case: these are not recorded against the case. */
const NOT_THE_CASE = new Set(['cancelled', 'engine_unavailable']);

export interface CaseContext {
  api: PhysStudioApi;
  out: string;
  manifest: BatchManifest;
  jobId: string;
  /** Stage lines (for a queue worker's progress). */
  stage?: (stage: string) => void;
}

/**
 * Deletes library runs made for this case that no committed record points at: the run a killed
 * batch made just before it was killed. Keeps the library to one run per case.
 */
export async function dropOrphans(api: PhysStudioApi, batchId: string, keep: Set<string>, caseId?: string): Promise<number> {
  const prefix = caseId ? runName(batchId, caseId) : `batch ${batchId}/`;
  const orphans = (await api['runs.list']({})).filter((r) => (caseId ? r.name === prefix : r.name.startsWith(prefix)) && !keep.has(r.id));
  for (const r of orphans) await api['runs.delete']({ id: r.id }).catch(() => {});
  return orphans.length;
}

function clipEntry(out: string, dir: string, run: Run, which: Variant, files: string[]): CaseClip {
  const rel = (abs: string) => relative(out, abs).split(sep).join('/');
  // The same name the export gave the clip (prompt slug, seed, variant).
  const stem = exportStem(run, which);
  const video = files.find((f) => basename(f).startsWith(stem));
  return {
    variant: which,
    scores: clipScores(run.clips[which]),
    video: video ? rel(video.replace(/[\\/]frame-\d+\.png$/, '')) : null,
    sheet: rel(`${dir}/${which}-sheet.png`),
    prompt: run.clips[which].prompt,
  };
}

/**
 * Runs one case through the same path as `physstudio generate` (perceive, refine, both clips,
 * the videos and the sidecar), adds a contact sheet of each clip, and commits the case folder
 * with its record. A case that fails is committed too, with its error, so the batch goes on
 * and a resumed batch does not try it again. A case already committed is returned as it is.
 */
export async function runCase(ctx: CaseContext, c: BatchCase): Promise<{ record: CaseRecord; committed: boolean }> {
  const done = await readRecord(ctx.out, c.id);
  if (done) return { record: done, committed: false };
  const { manifest, api, out, jobId } = ctx;
  const partial = await startCase(out, c.id);
  const finalDir = `${out}/cases/${c.id}`;
  const started = new Date();
  const base = {
    kind: 'physstudio.case' as const,
    version: 1 as const,
    id: c.id,
    image: c.image,
    prompt: c.prompt,
    worker: workerName(),
    startedAt: started.toISOString(),
  };
  let record: CaseRecord;
  try {
    const o = manifest.options;
    const outcome = await generateFromCli(api, {
      image: c.image,
      prompt: c.prompt,
      out: partial,
      settings: { ...o.settings, ...c.settings },
      ...(o.tier === 'render' && o.packId ? { render: { packId: o.packId } } : {}),
      refine: o.refine,
      name: runName(manifest.id, c.id),
      composite: false,
      jobId,
      log: (line) => ctx.stage?.(line),
    });
    const run = outcome.run;
    ctx.stage?.('Drawing contact sheets…');
    for (const which of ['baseline', 'physics'] as const) await api['runs.contactSheet']({ runId: run.id, which, dir: partial, jobId });
    // Paths are recorded as they will be once the partial folder is renamed into place.
    const files = outcome.files.map((f) => f.replace(partial, finalDir));
    const finished = new Date();
    record = {
      ...base,
      status: 'ok',
      finishedAt: finished.toISOString(),
      ms: finished.getTime() - started.getTime(),
      runId: run.id,
      refined: run.refinement?.refined ?? null,
      motionClass: motionIntent(run.input.prompt, run.scene, run.refinement?.analysis ?? null).kind,
      phenomena: run.refinement?.analysis.phenomena.map((p) => p.id) ?? [],
      seed: run.settings.seed,
      settings: run.settings,
      tier: run.clips.physics.tier,
      firstFrame: relative(out, `${finalDir}/physics-first.png`).split(sep).join('/'),
      sidecar: relative(out, files.find((f) => f.endsWith('.sidecar.json')) ?? `${finalDir}/${run.id}.sidecar.json`)
        .split(sep)
        .join('/'),
      clips: { baseline: clipEntry(out, finalDir, run, 'baseline', files), physics: clipEntry(out, finalDir, run, 'physics', files) },
      embedding: run.scene.embedding,
      notices: outcome.notices,
    };
  } catch (err) {
    const data = toErrorData(err);
    if (NOT_THE_CASE.has(data.code)) {
      await rm(partial, { recursive: true, force: true });
      throw err;
    }
    const finished = new Date();
    record = {
      ...base,
      status: 'error',
      finishedAt: finished.toISOString(),
      ms: finished.getTime() - started.getTime(),
      error: { code: data.code, message: data.message, ...(data.hint ? { hint: data.hint } : {}) },
    };
  }
  return commitCase(out, partial, record);
}
