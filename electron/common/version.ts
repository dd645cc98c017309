declare const __APP_VERSION__: string;

/** Injected at build time from package.json (see scripts/build.mjs and vitest.config.ts). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
export const APP_NAME = 'PhysStudio';
