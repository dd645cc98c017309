import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ExecutionProviderSchema } from '../../shared/models/manifest';
import { writeFileAtomic } from '../common/atomic-write';

export const SettingsSchema = z
  .object({
    /** Extra folders searched for model packs, besides the bundled ones. */
    modelFolders: z.array(z.string().max(4096)).max(32).default([]),
    /** Force one execution provider instead of the automatic choice. */
    provider: ExecutionProviderSchema.nullable().default(null),
    /** The local LLM for the prompt refiner: an OpenAI-compatible server on this machine. */
    llm: z
      .object({
        endpoint: z.string().url().max(500).default('http://127.0.0.1:11434/v1'),
        model: z.string().min(1).max(200).default('llama3.1'),
        timeoutMs: z.number().int().min(1_000).max(600_000).default(30_000),
        apiKey: z.string().max(500).optional(),
      })
      .strip()
      .default({ endpoint: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 30_000 }),
  })
  .strip();
export type Settings = z.infer<typeof SettingsSchema>;

/** A missing or unreadable settings file falls back to defaults rather than stopping the engine. */
export async function loadSettings(file: string): Promise<{ settings: Settings; problem?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { settings: SettingsSchema.parse({}) };
  }
  try {
    return { settings: SettingsSchema.parse(JSON.parse(text)) };
  } catch (err) {
    return { settings: SettingsSchema.parse({}), problem: `settings.json ignored: ${(err as Error).message.slice(0, 300)}` };
  }
}

export async function saveSettings(file: string, settings: Settings): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
}
