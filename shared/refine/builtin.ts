/**
 * The built-in refiner's entry point without the schemas: what the engine loads on first use
 * and what the cold-start benchmark measures. The schemas (zod) are already loaded wherever a
 * boundary validates, so they are not part of the refiner's own cold start.
 */
export { analyze } from './analyze';
export { finalize, refineBuiltin } from './refine';
