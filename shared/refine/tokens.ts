/** Counts the tokens a text costs on the target model, special tokens included. */
export type TokenCounter = (text: string) => number;

/**
 * The documented conservative estimate, used when no tokenizer file is available. It never
 * undercounts subword tokenizers (CLIP BPE, T5 SentencePiece) on English text:
 * - a run of letters costs 1 token per started 4 letters (real vocabularies hold most common
 *   words whole, so this over-counts long words on purpose);
 * - every digit, punctuation mark or symbol costs 1;
 * - every other character (accents, CJK, emoji) costs 3, as byte-level BPE may split a
 *   character into its UTF-8 bytes;
 * - plus the encoder's special tokens.
 */
export function estimateTokens(text: string, specialTokens: number): number {
  let count = specialTokens;
  for (const match of text.matchAll(/[A-Za-z]+|[0-9]|[\x21-\x7e]|[^\s]/gu)) {
    const piece = match[0];
    if (/^[A-Za-z]+$/.test(piece)) count += Math.ceil(piece.length / 4);
    else if (/^[\x21-\x7e]$/.test(piece)) count += 1;
    else count += 3;
  }
  return count;
}

export function estimator(specialTokens: number): TokenCounter {
  return (text) => estimateTokens(text, specialTokens);
}
