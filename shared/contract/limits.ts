/**
 * Size limits applied at every boundary before any parsing work, so a hostile or buggy caller
 * cannot make a host or the engine allocate without bound.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const MAX_ID_LENGTH = 128;
export const MAX_PATH_LENGTH = 4096;
