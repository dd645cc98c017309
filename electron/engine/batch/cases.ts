import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { type BatchCase, BatchCaseSchema } from '../../../shared/batch/schema';
import { AppError } from '../../../shared/contract';

const IMAGE_EXTS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp', '.tif', '.tiff', '.gif', '.avif']);
const PROMPT_FILES = ['prompts.jsonl', 'prompts.txt', 'prompts.tsv'];

/** A case id from a file name: what is safe in a folder name and a queue job id. */
export function slugId(name: string): string {
  const s = basename(name, extname(name))
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 56);
  return s || 'case';
}

function unique(cases: Array<Omit<BatchCase, 'id'> & { id?: string }>, where: string): BatchCase[] {
  const seen = new Map<string, number>();
  return cases.map((c, i) => {
    let id = c.id ?? slugId(c.image);
    if (c.id !== undefined && seen.has(id)) throw new AppError('bad_request', `${where}: case id "${id}" is used twice.`, 'Give every case its own id.');
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0 && c.id === undefined) id = `${id}-${n + 1}`;
    const parsed = BatchCaseSchema.safeParse({ ...c, id });
    if (!parsed.success)
      throw new AppError(
        'bad_request',
        `${where}: case ${i + 1} is not valid (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
      );
    return parsed.data;
  });
}

/**
 * One case per line: `{"image": "photos/cup.jpg", "prompt": "...", "id"?: "...", "seed"?: 3,
 * "settings"?: {...}}`. Image paths are relative to the JSONL file. Blank lines and lines
 * starting with `#` are skipped.
 */
function parseJsonl(text: string, file: string): Array<Omit<BatchCase, 'id'> & { id?: string }> {
  const base = dirname(file);
  const out: Array<Omit<BatchCase, 'id'> & { id?: string }> = [];
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new AppError('bad_request', `${file}:${n + 1} is not JSON.`, 'Each line of a cases file is one JSON object.');
    }
    const o = v as { id?: unknown; image?: unknown; prompt?: unknown; seed?: unknown; settings?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.image !== 'string')
      throw new AppError('bad_request', `${file}:${n + 1} has no "image".`, 'Each case names an image file.');
    const settings = { ...(typeof o.settings === 'object' && o.settings ? o.settings : {}), ...(typeof o.seed === 'number' ? { seed: o.seed } : {}) };
    out.push({
      ...(typeof o.id === 'string' ? { id: o.id } : {}),
      image: isAbsolute(o.image) ? o.image : resolve(base, o.image),
      prompt: typeof o.prompt === 'string' ? o.prompt : '',
      ...(Object.keys(settings).length ? { settings: settings as BatchCase['settings'] } : {}),
    });
  }
  return out;
}

/** `name.jpg<TAB>prompt`, `name.jpg | prompt` or `name.jpg: prompt`, one image per line. */
function parsePromptLines(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(.+?\.[A-Za-z0-9]{2,5})\s*(?:\t|\s\|\s|:\s)\s*(.*)$/.exec(line);
    if (m?.[1]) map.set(m[1].trim(), (m[2] ?? '').trim());
  }
  return map;
}

/**
 * Reads a batch's cases: a JSONL file, or a folder of images with a prompts file beside them
 * (prompts.jsonl, or prompts.txt/.tsv with one `file: prompt` line per image). In a folder,
 * every image is a case; an image the prompts file does not name gets an empty prompt.
 */
export async function readCases(source: string): Promise<BatchCase[]> {
  const path = resolve(source);
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError('not_found', `No cases at ${path}.`, 'Give a JSONL file or a folder of images with a prompts file.');
  if (info.isFile()) {
    const cases = unique(parseJsonl(await readFile(path, 'utf8'), path), path);
    if (cases.length === 0) throw new AppError('bad_request', `${path} holds no cases.`);
    return cases;
  }
  const names = (await readdir(path)).sort();
  const promptFile = PROMPT_FILES.find((f) => names.includes(f));
  if (promptFile === 'prompts.jsonl') {
    const cases = unique(parseJsonl(await readFile(join(path, promptFile), 'utf8'), join(path, promptFile)), path);
    if (cases.length === 0) throw new AppError('bad_request', `${join(path, promptFile)} holds no cases.`);
    return cases;
  }
  const prompts = promptFile ? parsePromptLines(await readFile(join(path, promptFile), 'utf8')) : new Map<string, string>();
  const images = names.filter((n) => IMAGE_EXTS.has(extname(n).toLowerCase()));
  for (const named of prompts.keys()) if (!images.includes(named)) throw new AppError('bad_request', `${promptFile} names ${named}, which is not in ${path}.`);
  if (images.length === 0) throw new AppError('bad_request', `${path} holds no images.`, 'A cases folder holds images and a prompts.txt.');
  return unique(
    images.map((n) => ({ image: join(path, n), prompt: prompts.get(n) ?? '' })),
    path,
  );
}
