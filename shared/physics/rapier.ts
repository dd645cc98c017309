import RAPIER from '@dimforge/rapier2d-deterministic-compat';

export type Rapier = typeof RAPIER;

let ready: Promise<Rapier> | undefined;

/**
 * The deterministic Rapier 2D build: bit-identical results on every platform, which the run
 * sidecar's "same inputs, same frames" promise relies on. Its WASM is inlined, so it loads the
 * same in Node and in a browser.
 */
export function loadRapier(): Promise<Rapier> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}
