import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type BatchCase, type BatchManifest, BatchManifestSchema, type BatchOptions, type CaseRecord, CaseRecordSchema } from '../../../shared/batch/schema';
import { AppError } from '../../../shared/contract';
import { writeFileAtomic } from '../../common/atomic-write';

/**
 * The batch folder:
 *
 *   batch.json             the manifest: id, options and every case
 *   cases/<id>/case.json   a finished case's record, with its clips and contact sheets beside it
 *   cases/.partial-*       a case being made (never read; swept when a batch starts)
 *   report.html/.csv/.json the report, rewritten as cases finish
 *
 * A case is made in a hidden partial folder and renamed into place with its record inside, so
 * a killed batch leaves either a whole case or none, and a case is done exactly when its
 * folder exists. Two workers finishing the same case keep the first; the second's is dropped.
 */
export const MANIFEST = 'batch.json';

export function casesDir(out: string): string {
  return join(out, 'cases');
}

export function caseDir(out: string, id: string): string {
  return join(casesDir(out), id);
}

export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

export async function readManifest(out: string): Promise<BatchManifest | null> {
  const text = await readFile(join(out, MANIFEST), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = BatchManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('integrity', `${join(out, MANIFEST)} is damaged.`, 'Use a new --out folder.');
  return parsed.data;
}

function batchId(now = new Date()): string {
  return `b${now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomBytes(3).toString('hex')}`;
}

/** JSON with keys sorted, so two option sets compare by content, not by the order flags were given in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const sameOptions = (a: BatchOptions, b: BatchOptions) => canonical(a) === canonical(b);

/**
 * Starts a batch in `out`, or resumes the one already there. A resumed batch keeps its id and
 * options (running the rest with other options would mix two experiments in one report) and
 * takes on cases added to the source since.
 */
export async function openBatch(
  out: string,
  source: string,
  cases: BatchCase[],
  options: BatchOptions,
  title: string,
): Promise<{ manifest: BatchManifest; resumed: boolean }> {
  const existing = await readManifest(out);
  if (existing) {
    if (!sameOptions(existing.options, options))
      throw new AppError(
        'bad_request',
        `${out} holds a batch made with other options (${canonical(existing.options)}; now ${canonical(options)}).`,
        'Resume it with the same options, or give a new --out folder.',
      );
    const known = new Map(existing.cases.map((c) => [c.id, c]));
    for (const c of cases) {
      const k = known.get(c.id);
      if (k && (k.image !== c.image || k.prompt !== c.prompt))
        throw new AppError(
          'bad_request',
          `Case "${c.id}" changed since the batch in ${out} started.`,
          'Give the changed case a new id, or use a new --out folder.',
        );
    }
    const manifest = { ...existing, cases: [...existing.cases, ...cases.filter((c) => !known.has(c.id))] };
    if (manifest.cases.length !== existing.cases.length) await writeManifest(out, manifest);
    return { manifest, resumed: true };
  }
  const manifest: BatchManifest = { kind: 'physstudio.batch', version: 1, id: batchId(), title, createdAt: new Date().toISOString(), source, options, cases };
  await writeManifest(out, manifest);
  return { manifest, resumed: false };
}

export async function writeManifest(out: string, manifest: BatchManifest): Promise<void> {
  await writeFileAtomic(join(out, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * One batch process per folder on one machine: a lock file holding our pid. A lock whose
 * process is gone (a killed batch) is taken over. Queue workers do not lock: they share the
 * folder by design and rely on the atomic commit.
 */
export async function lockBatch(out: string): Promise<() => Promise<void>> {
  const file = join(out, '.batch.lock');
  await mkdir(out, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && alive(pid))
        throw new AppError('bad_request', `Another batch (process ${pid}) is running in ${out}.`, 'Wait for it to finish, or stop it first.');
      await rm(file, { force: true });
    }
  }
  throw new AppError('internal', `Could not lock ${out}.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Partial case folders left by a killed batch; only a batch holding the folder's lock may sweep them. */
export async function sweepPartials(out: string): Promise<number> {
  const names = await readdir(casesDir(out)).catch(() => [] as string[]);
  const doomed = names.filter((n) => n.startsWith('.partial-'));
  await Promise.all(doomed.map((n) => rm(join(casesDir(out), n), { recursive: true, force: true })));
  return doomed.length;
}

export async function startCase(out: string, id: string): Promise<string> {
  const dir = join(casesDir(out), `.partial-${id}-${process.pid}-${randomBytes(3).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function readRecord(out: string, id: string): Promise<CaseRecord | null> {
  const text = await readFile(join(caseDir(out, id), 'case.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = CaseRecordSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/**
 * Commits a case: its record goes into the partial folder, which is then renamed into place.
 * Returns the record that stands: ours, or the one another worker committed first.
 */
export async function commitCase(out: string, partial: string, record: CaseRecord): Promise<{ record: CaseRecord; committed: boolean }> {
  await writeFileAtomic(join(partial, 'case.json'), `${JSON.stringify(record, null, 1)}\n`);
  try {
    await rename(partial, caseDir(out, record.id));
    return { record, committed: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    await rm(partial, { recursive: true, force: true });
    const standing = await readRecord(out, record.id);
    if (!standing) throw err;
    return { record: standing, committed: false };
  }
}

/** Every finished case's record (done or failed), in folder order. */
export async function readRecords(out: string): Promise<CaseRecord[]> {
  const names = (await readdir(casesDir(out)).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
  const records = await Promise.all(names.map((n) => readRecord(out, n)));
  return records.filter((r): r is CaseRecord => r !== null);
}
