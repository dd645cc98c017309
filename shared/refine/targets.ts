import type { Target } from './schema';

/**
 * Built-in target profiles: the text encoders of common video models and their context
 * lengths. Model packs that ship a tokenizer add targets of their own (see the engine).
 */
export const TARGETS: Target[] = [
  { id: 'clip-77', name: 'CLIP text encoder (77 tokens)', budget: 77, examples: 'LaVie, VideoCrafter2, SVD-class models' },
  { id: 't5-226', name: 'T5-XXL (226 tokens)', budget: 226, examples: 'CogVideoX' },
  { id: 'umt5-512', name: 'umT5-XXL (512 tokens)', budget: 512, examples: 'Wan-class models' },
];

export const DEFAULT_TARGET_ID = 't5-226';

/** Special tokens each built-in encoder adds (CLIP: start and end; T5 family: end only). */
export const SPECIAL_TOKENS: Record<string, number> = { 'clip-77': 2, 't5-226': 1, 'umt5-512': 1 };

export function findTarget(id: string | undefined): Target | undefined {
  return TARGETS.find((t) => t.id === (id ?? DEFAULT_TARGET_ID));
}
