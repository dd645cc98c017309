import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CaseRecord } from '../../../shared/batch/schema';
import { AppError, type DatasetResult } from '../../../shared/contract';
import type { Run, Variant } from '../../../shared/run/schema';
import { readRun } from '../preview/library';
import { insideBatch } from './report';
import { readManifest, readRecords } from './store';

/**
 * Preference datasets for DPO (docs/preference-dataset.md is the format's documentation, and
 * docs/physstudio_dpo.py reads it). One row per judged pair: a person's choice in the judging
 * view wins; a pair nobody judged becomes a machine-judged row only when the pixel scores differ
 * by the margin or more. Ties, small margins and failed cases are left out: DPO needs a winner.
 */
export const DATASET_FORMAT = 'physstudio.preference-dataset';
export const DATASET_VERSION = 1;

export interface Judgement {
  chosen: Variant;
  judge: 'person' | 'machine';
  margin: number;
}

/**
 * Who won a pair, and by whose judgement; null when the pair is not a row. The machine judges
 * only with the pixel evaluator's scores: the older clip metrics are not trusted to pick winners.
 */
export function judge(
  preference: Run['preference'] | undefined,
  baseline: number,
  physics: number,
  machineMargin: number | null,
  evaluated = true,
): Judgement | null {
  const margin = Math.round((physics - baseline) * 100) / 100;
  if (preference === 'baseline' || preference === 'physics') return { chosen: preference, judge: 'person', margin };
  if (preference === 'tie' || !evaluated || machineMargin === null || Math.abs(margin) < machineMargin || margin === 0) return null;
  return { chosen: margin > 0 ? 'physics' : 'baseline', judge: 'machine', margin };
}

const other = (v: Variant): Variant => (v === 'baseline' ? 'physics' : 'baseline');

async function copyMedia(batchDir: string, rel: string, to: string): Promise<string> {
  const from = insideBatch(batchDir, rel);
  const isDir = (await stat(from)).isDirectory();
  const ext = isDir ? '' : (basename(rel).match(/\.[A-Za-z0-9]+$/)?.[0] ?? '');
  await mkdir(dirname(to), { recursive: true });
  await cp(from, `${to}${ext}`, { recursive: isDir });
  return `${to}${ext}`;
}

/**
 * Writes the dataset of a batch folder's pairs into `out` (absent or empty). It is built in a
 * hidden sibling folder and renamed into place, so a failed export leaves nothing behind.
 */
export async function exportDataset(
  batchDir: string,
  out: string,
  libraryDir: string,
  machineMargin: number | null,
  signal?: AbortSignal,
): Promise<DatasetResult> {
  const manifest = await readManifest(batchDir);
  if (!manifest) throw new AppError('not_found', `${batchDir} holds no batch (no batch.json).`);
  const existing = await readdir(out).catch(() => null);
  if (existing && existing.length > 0) throw new AppError('bad_request', `${out} is not empty.`, 'Export a dataset into a new folder.');
  const all = await readRecords(batchDir);
  const records = all.filter((r): r is CaseRecord & Required<Pick<CaseRecord, 'clips' | 'runId'>> => r.status === 'ok' && !!r.clips && !!r.runId);
  const tmp = join(dirname(out), `.${basename(out)}.partial-${randomBytes(3).toString('hex')}`);
  await mkdir(join(tmp, 'clips'), { recursive: true });
  await mkdir(join(tmp, 'first_frames'), { recursive: true });
  const rows: string[] = [];
  const embeddings: number[][] = [];
  let person = 0;
  let machine = 0;
  let dim = 0;
  try {
    for (const r of records) {
      signal?.throwIfAborted();
      // The preference lives on the run in this machine's library; a run made elsewhere has only the machine's judgement.
      const run = await readRun(libraryDir, r.runId).catch(() => null);
      const scores = { baseline: r.clips.baseline.scores, physics: r.clips.physics.scores };
      const evaluated = scores.baseline.source === 'pixel-evaluator' && scores.physics.source === 'pixel-evaluator';
      const j = judge(run?.preference, scores.baseline.score, scores.physics.score, machineMargin, evaluated);
      if (!j) continue;
      const chosen = r.clips[j.chosen];
      const rejected = r.clips[other(j.chosen)];
      if (!chosen.video || !rejected.video || !r.firstFrame) continue;
      const rel = (abs: string) =>
        abs
          .slice(tmp.length + 1)
          .split('\\')
          .join('/');
      const chosenFile = rel(await copyMedia(batchDir, chosen.video, join(tmp, 'clips', `${r.id}-chosen`)));
      const rejectedFile = rel(await copyMedia(batchDir, rejected.video, join(tmp, 'clips', `${r.id}-rejected`)));
      const firstFrame = rel(await copyMedia(batchDir, r.firstFrame, join(tmp, 'first_frames', r.id)));
      const embedding = r.embedding ?? [];
      if (embeddings.length === 0) dim = embedding.length;
      if (embedding.length !== dim)
        throw new AppError('integrity', `Case ${r.id} has a scene embedding of ${embedding.length} numbers; the others have ${dim}.`);
      embeddings.push(embedding);
      if (j.judge === 'person') person++;
      else machine++;
      rows.push(
        JSON.stringify({
          id: `${manifest.id}/${r.id}`,
          case_id: r.id,
          run_id: r.runId,
          prompt: r.prompt,
          refined_prompt: r.refined ?? null,
          first_frame: firstFrame,
          chosen: chosenFile,
          rejected: rejectedFile,
          chosen_variant: j.chosen,
          rejected_variant: other(j.chosen),
          chosen_prompt: chosen.prompt,
          rejected_prompt: rejected.prompt,
          seed: r.seed ?? null,
          settings: { ...(r.settings ?? {}), tier: r.tier ?? manifest.options.tier, pack: manifest.options.packId, refine: manifest.options.refine },
          motion_class: r.motionClass ?? null,
          phenomena: r.phenomena ?? [],
          embedding_index: embeddings.length - 1,
          pixel_scores: {
            source: scores.physics.source,
            baseline: scores.baseline.score,
            physics: scores.physics.score,
            margin: j.margin,
            checks: { baseline: scores.baseline.checks, physics: scores.physics.checks },
          },
          judge: j.judge,
        }),
      );
    }
    const vector = new Float32Array(embeddings.length * dim);
    for (const [i, e] of embeddings.entries()) vector.set(e, i * dim);
    await writeFile(join(tmp, 'embeddings.f32'), Buffer.from(vector.buffer));
    await writeFile(join(tmp, 'pairs.jsonl'), rows.length ? `${rows.join('\n')}\n` : '');
    const meta = {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      createdAt: new Date().toISOString(),
      batch: { id: manifest.id, title: manifest.title, options: manifest.options },
      rows: rows.length,
      judges: { person, machine },
      machineMargin,
      embedding: { file: 'embeddings.f32', dtype: 'float32', byteOrder: 'little', dim, rows: embeddings.length, layout: 'shared/scene/embedding.ts' },
      scoreSource: records[0]?.clips.physics.scores.source ?? null,
    };
    await writeFile(join(tmp, 'dataset.json'), `${JSON.stringify(meta, null, 1)}\n`);
    if (existing) await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return { dir: out, rows: rows.length, person, machine, left: all.length - rows.length };
}
