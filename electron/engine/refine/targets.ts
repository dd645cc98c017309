import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type RefineTarget } from '../../../shared/contract';
import type { Target } from '../../../shared/refine/schema';
import { DEFAULT_TARGET_ID, TARGETS } from '../../../shared/refine/targets';
import type { TokenCounter } from '../../../shared/refine/tokens';
import type { FoundPack } from '../models/discovery';

const MAX_TOKENIZER_BYTES = 64 * 1024 * 1024;

/** A pack's tokenizer: ids with special tokens, and the id to pad a batch with. */
export interface PackTokenizer {
  encode(text: string): number[];
  padId: number;
}

/** Tokenizers parsed once per file and modification, since tokenizer.json files can be megabytes. */
const cache = new Map<string, { key: string; tokenizer: PackTokenizer }>();

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  if (text.length > MAX_TOKENIZER_BYTES) throw new AppError('unsupported', `${path} is larger than 64 MiB.`);
  return JSON.parse(text);
}

export async function loadPackTokenizer(pack: FoundPack): Promise<PackTokenizer> {
  const spec = pack.manifest.tokenizer;
  if (!spec) throw new AppError('unsupported', `Model pack "${pack.manifest.id}" has no tokenizer.`);
  const file = join(pack.folder, spec.file);
  const key = `${pack.manifest.id}@${pack.manifest.version}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.tokenizer;
  const { Tokenizer } = await import('@huggingface/tokenizers');
  let tokenizer: InstanceType<typeof Tokenizer>;
  let config: Record<string, unknown>;
  try {
    config = (spec.config ? await readJson(join(pack.folder, spec.config)) : {}) as Record<string, unknown>;
    tokenizer = new Tokenizer((await readJson(file)) as object, config as object);
  } catch (err) {
    throw new AppError(
      'integrity',
      `The tokenizer of model pack "${pack.manifest.id}" could not be loaded from ${spec.file}: ${(err as Error).message.slice(0, 200)}`,
      'Verify the pack in Help → System.',
    );
  }
  // Text encoders without a pad token (CLIP's) pad with the end-of-text token.
  const padToken = [config.pad_token, config.eos_token].find((t): t is string => typeof t === 'string');
  const loaded: PackTokenizer = {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: true }).ids,
    padId: (padToken ? tokenizer.token_to_id(padToken) : undefined) ?? 0,
  };
  cache.set(file, { key, tokenizer: loaded });
  return loaded;
}

export async function loadTokenizer(pack: FoundPack): Promise<TokenCounter> {
  const tokenizer = await loadPackTokenizer(pack);
  return (text) => tokenizer.encode(text).length;
}

function packTarget(pack: FoundPack): Target | undefined {
  const spec = pack.manifest.tokenizer;
  if (!spec) return undefined;
  return {
    id: pack.manifest.id,
    name: `${pack.manifest.name} (${spec.maxTokens} tokens)`,
    budget: spec.maxTokens,
    examples: `model pack ${pack.manifest.id} ${pack.manifest.version}`,
  };
}

/** Built-in profiles first, then every installed pack that carries a tokenizer. */
export function listTargets(packs: FoundPack[]): RefineTarget[] {
  return [
    ...TARGETS.map((t) => ({ ...t, counting: 'estimate' as const, isDefault: t.id === DEFAULT_TARGET_ID })),
    ...packs.flatMap((p) => {
      const target = packTarget(p);
      return target ? [{ ...target, counting: 'tokenizer' as const, isDefault: false }] : [];
    }),
  ];
}

/**
 * A built-in id resolves to its estimate without any I/O (the live Prompt tab asks on every
 * pause in typing); only a pack id makes the packs be looked up, and loads the real tokenizer.
 */
export async function resolveTarget(id: string | undefined, packs: () => Promise<FoundPack[]>): Promise<string | { target: Target; counter: TokenCounter }> {
  const wanted = id ?? DEFAULT_TARGET_ID;
  if (TARGETS.some((t) => t.id === wanted)) return wanted;
  const pack = (await packs()).find((p) => p.manifest.id === wanted);
  const target = pack && packTarget(pack);
  if (!pack || !target)
    throw new AppError(
      'not_found',
      `No target model "${wanted}".`,
      'Pick one of the listed targets; model packs appear once they are installed with a tokenizer.',
    );
  return { target, counter: await loadTokenizer(pack) };
}
