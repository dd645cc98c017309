export { analyze } from './analyze';
export { finalize, MAX_PROMPT_CHARS, type RefineOptions, refineBuiltin } from './refine';
export * from './schema';
export { DEFAULT_TARGET_ID, findTarget, TARGETS } from './targets';
export * from './taxonomy';
export { estimateTokens, estimator, type TokenCounter } from './tokens';
