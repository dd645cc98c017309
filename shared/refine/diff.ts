import { diffWords } from 'diff';
import type { DiffOp } from './schema';

/** Word-level diff of the original against the refined prompt, for highlighting. */
export function wordDiff(original: string, refined: string): DiffOp[] {
  return diffWords(original, refined).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}
