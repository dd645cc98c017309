import { copyFile, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ExecutionProviderSchema } from '../../shared/models/manifest';
import { writeFileAtomic } from '../common/atomic-write';

const LLM_DEFAULTS = { endpoint: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 30_000 };

const LlmSchema = z
  .object({
    endpoint: z.string().url().max(500).default(LLM_DEFAULTS.endpoint),
    model: z.string().min(1).max(200).default(LLM_DEFAULTS.model),
    timeoutMs: z.number().int().min(1_000).max(600_000).default(LLM_DEFAULTS.timeoutMs),
    apiKey: z.string().max(500).optional(),
  })
  .strip();

export const SettingsSchema = z
  .object({
    /** Extra folders searched for model packs, besides the bundled ones. */
    modelFolders: z.array(z.string().max(4096)).max(32).default([]),
    /** Force one execution provider instead of the automatic choice. */
    provider: ExecutionProviderSchema.nullable().default(null),
    /** The local LLM for the prompt refiner: an OpenAI-compatible server on this machine. */
    llm: LlmSchema.default(LLM_DEFAULTS),
  })
  .strip();
export type Settings = z.infer<typeof SettingsSchema>;

export interface LoadedSettings {
  settings: Settings;
  /** What was wrong with the file, in words for the user; the valid fields were kept. */
  problem?: string;
  /** The file's text as it was, when it had a problem: saved as a backup before it is overwritten. */
  original?: string;
}

/**
 * Keeps every field of `raw` that is valid on its own and names the ones that are not, so one
 * bad value costs that value only, never the user's endpoint, model or key beside it.
 */
function salvage(raw: Record<string, unknown>): { settings: Settings; bad: string[] } {
  const bad: string[] = [];
  const pick = <T>(schema: z.ZodType<T>, value: unknown, name: string): T | undefined => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    bad.push(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return undefined;
  };
  const top = SettingsSchema.shape;
  const llmRaw = raw.llm !== null && typeof raw.llm === 'object' && !Array.isArray(raw.llm) ? (raw.llm as Record<string, unknown>) : undefined;
  if (raw.llm !== undefined && !llmRaw) bad.push('llm: expected an object');
  const llm: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(LlmSchema.shape)) {
    const value = pick(schema as z.ZodType, llmRaw?.[key], `llm.${key}`);
    if (value !== undefined) llm[key] = value;
  }
  const settings = SettingsSchema.parse({
    modelFolders: pick(top.modelFolders, raw.modelFolders, 'modelFolders'),
    provider: pick(top.provider, raw.provider, 'provider'),
    llm,
  });
  return { settings, bad };
}

/** A missing settings file means defaults; a damaged one keeps what it can and says what it dropped. */
export async function loadSettings(file: string): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: SettingsSchema.parse({}) };
    return { settings: SettingsSchema.parse({}), problem: `settings.json could not be read (${(err as Error).message.slice(0, 200)}); defaults are in use.` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      settings: SettingsSchema.parse({}),
      problem: `settings.json is not valid JSON (${(err as Error).message.slice(0, 200)}); defaults are in use.`,
      original: text,
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: SettingsSchema.parse({}), problem: 'settings.json does not hold an object; defaults are in use.', original: text };
  }
  const { settings, bad } = salvage(raw as Record<string, unknown>);
  if (bad.length === 0) return { settings };
  return { settings, problem: `settings.json has invalid values, which were ignored (the rest is kept): ${bad.join('; ').slice(0, 500)}.`, original: text };
}

/**
 * Saves settings atomically. When the file on disk had a problem, its text is first kept beside it
 * (settings.json.invalid-<time>.bak) so nothing the user wrote by hand is lost to the rewrite.
 */
export async function saveSettings(file: string, settings: Settings, loaded?: LoadedSettings): Promise<string | undefined> {
  let backup: string | undefined;
  if (loaded?.original !== undefined) {
    backup = `${file}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    await copyFile(file, backup);
  }
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
  return backup;
}
