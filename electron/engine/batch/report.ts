import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { BatchReport, CaseRecord, GroupRow } from '../../../shared/batch/schema';
import { summarise } from '../../../shared/batch/summary';
import { AppError } from '../../../shared/contract';
import { writeFileAtomic } from '../../common/atomic-write';
import { type ImageSource, reportHtml } from './report-html';
import { readManifest, readRecords } from './store';

/** A file of the batch folder by its relative path, refused if it would leave the folder. */
export function insideBatch(dir: string, rel: string): string {
  const abs = resolve(dir, rel);
  const back = relative(resolve(dir), abs);
  if (!back || back.startsWith('..') || back.split(sep).includes('..') || resolve(back) === back)
    throw new AppError('bad_request', 'That path is not inside the batch folder.');
  return abs;
}

export function folderImages(dir: string): ImageSource {
  return async (rel) => {
    if (!rel.toLowerCase().endsWith('.png')) return null;
    const bytes = await readFile(insideBatch(dir, rel)).catch(() => null);
    return bytes ? `data:image/png;base64,${bytes.toString('base64')}` : null;
  };
}

export async function buildReport(dir: string): Promise<BatchReport> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new AppError('not_found', `${dir} holds no batch (no batch.json).`, 'Give the folder a batch was written to (its --out).');
  return summarise(manifest, await readRecords(dir), new Date().toISOString());
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: unknown[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

const CHECK_IDS = (cases: CaseRecord[]) => [
  ...new Set(cases.flatMap((c) => [...(c.clips?.baseline.scores.checks ?? []), ...(c.clips?.physics.scores.checks ?? [])].map((k) => k.id))),
];

/** One row per case, with every check's score for both clips: the figures of the HTML's case sections. */
export function casesCsv(report: BatchReport): string {
  const checks = CHECK_IDS(report.cases);
  const header = [
    'case',
    'status',
    'motion_class',
    'phenomena',
    'baseline_score',
    'physics_score',
    'difference',
    'score_source',
    ...checks.flatMap((k) => [`baseline_${k}`, `physics_${k}`]),
    'seed',
    'prompt',
    'refined_prompt',
    'baseline_clip',
    'physics_clip',
    'run_id',
    'error',
  ];
  const rows = report.cases.map((c) => {
    const b = c.clips?.baseline;
    const p = c.clips?.physics;
    const check = (clip: typeof b, id: string) => clip?.scores.checks.find((k) => k.id === id)?.score ?? '';
    return [
      c.id,
      c.status,
      c.motionClass ?? '',
      (c.phenomena ?? []).join(';'),
      b?.scores.score ?? '',
      p?.scores.score ?? '',
      b && p ? Math.round((p.scores.score - b.scores.score) * 10) / 10 : '',
      p?.scores.source ?? '',
      ...checks.flatMap((k) => [check(b, k), check(p, k)]),
      c.seed ?? '',
      c.prompt,
      c.refined ?? '',
      b?.video ?? '',
      p?.video ?? '',
      c.runId ?? '',
      c.error ? `${c.error.code}: ${c.error.message}` : '',
    ];
  });
  return csv([header, ...rows]);
}

/** The summary tables: totals, per motion class, per phenomenon. */
export function summaryCsv(report: BatchReport): string {
  const line = (group: string, r: GroupRow) => [group, r.key, r.cases, r.failed, r.meanBaseline, r.meanPhysics, r.physicsAhead, r.baselineAhead, r.level];
  return csv([
    ['group', 'key', 'cases', 'failed', 'mean_baseline', 'mean_physics', 'physics_ahead', 'baseline_ahead', 'level'],
    line('total', report.totals),
    ...report.byMotion.map((r) => line('motion', r)),
    ...report.byPhenomenon.map((r) => line('phenomenon', r)),
  ]);
}

/** Writes report.html, report.json, report.csv and report-summary.csv at the top of the batch folder. */
export async function writeReport(dir: string): Promise<{ html: string; csv: string; json: string }> {
  const report = await buildReport(dir);
  const files = { html: join(dir, 'report.html'), csv: join(dir, 'report.csv'), json: join(dir, 'report.json') };
  await writeFileAtomic(files.json, `${JSON.stringify(report, null, 1)}\n`);
  await writeFileAtomic(files.csv, casesCsv(report));
  await writeFileAtomic(join(dir, 'report-summary.csv'), summaryCsv(report));
  await writeFileAtomic(files.html, await reportHtml(report, folderImages(dir)));
  return files;
}
