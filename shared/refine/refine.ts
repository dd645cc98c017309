import { AppError } from '../contract/app-error';
import { analyze } from './analyze';
import { compose, type Style } from './compose';
import { ALTERNATIVE_STYLES } from './constants';
import { wordDiff } from './diff';
import { languageProblem } from './language';
import { parse } from './parse';
import type { Analysis, Refinement, SceneHint, Target } from './schema';
import { contentWords, intentKept, physicsCovered } from './scores';
import { DEFAULT_TARGET_ID, findTarget, SPECIAL_TOKENS } from './targets';
import { estimator, type TokenCounter } from './tokens';

export const MAX_PROMPT_CHARS = 20_000;

export interface RefineOptions {
  /** A built-in target id, or a target the engine made from a model pack (with its counter). */
  target?: string | { target: Target; counter: TokenCounter };
  scene?: SceneHint;
  seed?: number;
  alternatives?: boolean;
}

function resolveTarget(option: RefineOptions['target']): { target: Target; counter: TokenCounter; method: 'tokenizer' | 'estimate' } {
  if (option && typeof option === 'object') return { ...option, method: 'tokenizer' };
  const target = findTarget(option);
  if (!target) throw new AppError('bad_request', `Unknown target model "${String(option).slice(0, 60)}".`, 'Pick a target from the list.');
  return { target, counter: estimator(SPECIAL_TOKENS[target.id] ?? 2), method: 'estimate' };
}

/** Control characters (other than line breaks) never belong in a prompt; strip them before anything else. */
function sanitize(prompt: string): string {
  return prompt.replace(/[^\P{Cc}\n\r\t]/gu, '').trim();
}

export interface Finalize {
  original: string;
  refined: string;
  analysis: Analysis;
  analysed: boolean;
  backend: Refinement['backend'];
  target: Target;
  counter: TokenCounter;
  method: 'tokenizer' | 'estimate';
  seed: number;
  alternatives: boolean;
  /** The original's content words when the caller already parsed it (saves a second parse). */
  contentWords?: string[];
}

/**
 * Everything after the analysis, shared by both backends: enforce the token budget (recomposing
 * from the analysis if a refined prompt is too long), then diff, scores and alternatives.
 */
export function finalize(f: Finalize): Refinement {
  const notices = [...f.backend.notices];
  let refined = f.refined;
  if (f.counter(refined) > f.target.budget) {
    refined = compose(f.original, f.analysis, 'standard', f.target.budget, f.counter, f.seed).text;
    notices.push(`The refined prompt was longer than ${f.target.name} allows; the most important physics was kept.`);
  }
  if (f.counter(f.original) > f.target.budget)
    notices.push(`Your prompt alone is longer than ${f.target.name} allows (${f.target.budget} tokens), so it was shortened.`);
  const content = f.contentWords ?? contentWords(parse(f.original.slice(0, 2000)));
  return {
    original: f.original,
    refined,
    target: f.target,
    tokens: { used: f.counter(refined), budget: f.target.budget, method: f.method },
    analysis: f.analysis,
    diff: wordDiff(f.original, refined),
    scores: { intentKept: intentKept(content, refined), physicsCovered: physicsCovered(f.analysis.phenomena, refined) },
    alternatives:
      f.alternatives && f.analysed
        ? ALTERNATIVE_STYLES.map((style) => {
            const text = compose(f.original, f.analysis, style as Style, f.target.budget, f.counter, f.seed).text;
            return { style, text, tokens: f.counter(text) };
          })
        : [],
    backend: { ...f.backend, notices: notices.slice(0, 8) },
    analysed: f.analysed,
  };
}

const EMPTY_ANALYSIS: Analysis = {
  entities: [],
  actions: [],
  phenomena: [],
  sequence: [],
  constraints: [],
  context: { gravity: 'earth', medium: 'air', timeScale: 'normal', surface: 'normal' },
};

/** The built-in backend: offline, deterministic, a few milliseconds. */
export function refineBuiltin(prompt: string, options: RefineOptions = {}): Refinement {
  const original = sanitize(prompt);
  if (!original) throw new AppError('bad_request', 'The prompt is empty.', 'Describe what should happen, e.g. "a glass falls off a table and shatters".');
  if (original.length > MAX_PROMPT_CHARS) throw new AppError('bad_request', `The prompt is longer than ${MAX_PROMPT_CHARS} characters.`, 'Shorten it.');
  const { target, counter, method } = resolveTarget(options.target ?? DEFAULT_TARGET_ID);
  const seed = options.seed ?? 0;
  const problem = languageProblem(original);
  const base = { original, target, counter, method, seed, alternatives: options.alternatives ?? false };
  if (problem) {
    const kept = compose(original, EMPTY_ANALYSIS, 'standard', target.budget, counter, seed).text;
    return finalize({ ...base, refined: kept, analysis: EMPTY_ANALYSIS, analysed: false, backend: { id: 'builtin', model: null, notices: [problem] } });
  }
  const { analysis, parsed, notices } = analyze(original, options.scene);
  if (analysis.phenomena.length === 0) notices.push('No physical phenomenon was recognised, so no physical detail was added.');
  const refined = compose(original, analysis, 'standard', target.budget, counter, seed).text;
  return finalize({ ...base, refined, analysis, analysed: true, backend: { id: 'builtin', model: null, notices }, contentWords: contentWords(parsed) });
}
