import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BatchSummary } from '../../../shared/contract';
import { AppError } from '../../../shared/contract';
import { writeFileAtomic } from '../../common/atomic-write';
import { readManifest, readRecords } from './store';

/**
 * The library's list of batches: `<library>/batches/<id>.json` points at each batch's folder
 * (chosen by the user with --out, so usually outside the library). The folder stays the truth;
 * this is only how the app finds it again.
 */
const EntrySchema = z.object({ id: z.string(), title: z.string(), dir: z.string(), createdAt: z.string() }).strict();
type Entry = z.infer<typeof EntrySchema>;

const registryDir = (libraryDir: string) => join(libraryDir, 'batches');

export async function recordBatch(libraryDir: string, entry: Entry): Promise<BatchSummary> {
  await writeFileAtomic(join(registryDir(libraryDir), `${entry.id}.json`), `${JSON.stringify(entry)}\n`);
  return summary(entry);
}

async function entries(libraryDir: string): Promise<Entry[]> {
  const names = (await readdir(registryDir(libraryDir)).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  const all = await Promise.all(
    names.map(async (n) => {
      const parsed = EntrySchema.safeParse(JSON.parse((await readFile(join(registryDir(libraryDir), n), 'utf8').catch(() => 'null')) || 'null'));
      return parsed.success ? parsed.data : null;
    }),
  );
  return all.filter((e): e is Entry => e !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function batchEntry(libraryDir: string, id: string): Promise<Entry> {
  const entry = (await entries(libraryDir)).find((e) => e.id === id);
  if (!entry) throw new AppError('not_found', `No batch ${id} in the library.`, 'Run `physstudio batch` to make one.');
  return entry;
}

export async function summary(entry: Entry): Promise<BatchSummary> {
  const manifest = await readManifest(entry.dir).catch(() => null);
  if (!manifest) return { ...entry, options: null, cases: 0, ok: 0, failed: 0, runIds: [], missing: true };
  const records = await readRecords(entry.dir);
  const order = new Map(manifest.cases.map((c, i) => [c.id, i]));
  const ok = records.filter((r) => r.status === 'ok').sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  return {
    ...entry,
    title: manifest.title,
    options: manifest.options,
    cases: manifest.cases.length,
    ok: ok.length,
    failed: records.length - ok.length,
    runIds: ok.map((r) => r.runId).filter((id): id is string => !!id),
    missing: false,
  };
}

export async function listBatches(libraryDir: string): Promise<BatchSummary[]> {
  return Promise.all((await entries(libraryDir)).map(summary));
}
