/**
 * The built-in backend analyses English only. This decides, cheaply and conservatively, whether
 * a prompt is English enough to analyse; otherwise the prompt is kept unchanged and the user is
 * told why.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  'a an the of on in into onto off at to from with without and or but then is are was were be it its they their this that these those as by for over under up down out through while when after before falls fall'.split(
    ' ',
  ),
);

export function languageProblem(text: string): string | null {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'The prompt has no words to analyse.';
  const latin = letters.filter((c) => /[A-Za-z\u00C0-\u024F]/.test(c)).length;
  if (latin / letters.length < 0.7)
    return 'The built-in refiner analyses English prompts only, so this prompt is kept unchanged. The local LLM backend can refine other languages.';
  const words = text.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  if (words.length >= 4 && words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / words.length < 0.08) {
    return 'This prompt does not look like English; the built-in refiner analyses English only, so it is kept unchanged. The local LLM backend can refine other languages.';
  }
  return null;
}
