import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../../shared/contract';
import { type Run, RunSchema } from '../../../shared/run/schema';
import { writeFileAtomic } from '../../common/atomic-write';
import { writing } from './disk-error';

/**
 * The run library: one folder per run under `<library>/runs/`, holding `run.json`, posters and
 * clips. A run is built in a hidden `.partial-*` folder and renamed into place only when it is
 * complete, so a cancel or a crash never leaves a half-written run behind.
 */
export function runsDir(libraryDir: string): string {
  return join(libraryDir, 'runs');
}

export function runDir(libraryDir: string, id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError('bad_request', 'That is not a run id.');
  return join(runsDir(libraryDir), id);
}

/** Library-relative path with forward slashes, as media URLs want it. */
export function mediaPath(libraryDir: string, absolute: string): string {
  return relative(libraryDir, absolute).split(sep).join('/');
}

export function newRunId(now = new Date()): string {
  // Milliseconds included: runs sort by id in the order they were made.
  const stamp = now.toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export async function startPartial(libraryDir: string, id: string): Promise<string> {
  const dir = join(runsDir(libraryDir), `.partial-${id}`);
  await writing(dir, () => mkdir(dir, { recursive: true }));
  return dir;
}

export async function commitPartial(libraryDir: string, id: string, partial: string): Promise<void> {
  const final = runDir(libraryDir, id);
  await writing(final, () => rename(partial, final));
}

export async function writeRun(libraryDir: string, run: Run, dir = runDir(libraryDir, run.id)): Promise<void> {
  const file = join(dir, 'run.json');
  await writing(file, () => writeFileAtomic(file, `${JSON.stringify(run)}\n`));
}

/**
 * Removes a run and all its files. The folder is first renamed to a hidden `.deleting-*` name,
 * which listing skips and start-up sweeps, so the run vanishes at once and a crash mid-delete
 * never leaves a half-deleted run in the history.
 */
export async function deleteRun(libraryDir: string, id: string): Promise<void> {
  const dir = runDir(libraryDir, id);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new AppError('not_found', `No run ${id} in the library.`);
  const doomed = join(runsDir(libraryDir), `.deleting-${id}-${randomBytes(3).toString('hex')}`);
  await writing(dir, () => rename(dir, doomed));
  await rm(doomed, { recursive: true, force: true });
}

export async function readRun(libraryDir: string, id: string): Promise<Run> {
  let text: string;
  try {
    text = await readFile(join(runDir(libraryDir, id), 'run.json'), 'utf8');
  } catch {
    throw new AppError('not_found', `No run ${id} in the library.`, 'Pick a run from the history strip.');
  }
  const parsed = RunSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('integrity', `The record of run ${id} is damaged.`, 'Generate it again.');
  return parsed.data;
}

/** Newest first. Damaged runs are skipped rather than hiding the others. */
export async function listRuns(libraryDir: string, limit = 200): Promise<Run[]> {
  const names = await readdir(runsDir(libraryDir)).catch(() => [] as string[]);
  const ids = names
    .filter((n) => !n.startsWith('.'))
    .sort()
    .reverse()
    .slice(0, limit);
  const runs = await Promise.all(ids.map((id) => readRun(libraryDir, id).catch(() => null)));
  return runs.filter((r): r is Run => r !== null).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** Partial folders and unfinished deletes left by a crash are removed at start-up. */
export async function sweepPartials(libraryDir: string): Promise<void> {
  const names = await readdir(runsDir(libraryDir)).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith('.partial-') || n.startsWith('.deleting-')).map((n) => rm(join(runsDir(libraryDir), n), { recursive: true, force: true })),
  );
}
