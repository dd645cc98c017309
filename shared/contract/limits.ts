/**
 * Size limits applied at every boundary before any parsing work, so a hostile or buggy caller
 * cannot make a host or the engine allocate without bound.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_ID_LENGTH = 128;
export const MAX_PATH_LENGTH = 4096;
/**
 * Deepest nesting a request may have. Real payloads (a run inside a sidecar) stay under 20
 * levels; thousands of levels overflow the stack of `JSON.stringify` on the way to the engine.
 */
export const MAX_REQUEST_DEPTH = 64;
