import { createRequire } from 'node:module';

// biome-ignore lint/suspicious/noExplicitAny: opencv.js ships loose typings for its Emscripten module.
export type CV = any;

let ready: Promise<CV> | undefined;

/**
 * opencv.js loads its WASM asynchronously and exposes a `then` that resolves with the module
 * itself, so awaiting it directly recurses forever; unwrap it once, by hand. Loaded lazily: it
 * costs about 350 ms and only perception needs it.
 */
export function loadOpenCv(): Promise<CV> {
  ready ??= new Promise<CV>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('opencv.js did not initialise within 30 s')), 30_000);
    const module = createRequire(__filename)('@techstark/opencv-js') as CV;
    const done = (cv: CV) => {
      clearTimeout(timer);
      delete cv.then;
      resolve(cv);
    };
    if (typeof module.then === 'function') module.then(done);
    else if (module.Mat) done(module);
    else module.onRuntimeInitialized = () => done(module);
  });
  return ready;
}

/** Any fixed value: what matters is that every grabCut starts from the same one. */
const GRABCUT_SEED = 20261202;

/**
 * grabCut fits its colour models with k-means++ on opencv's global random generator, which
 * nothing else seeds: left alone, each mask would depend on every grabCut the engine ran before
 * it, the previous photo's included, so one photo and prompt could give different scenes.
 * Seeding before each call makes a scene a function of its inputs alone.
 */
export function seededGrabCut(cv: CV, image: unknown, mask: unknown, rect: unknown, bgd: unknown, fgd: unknown, iterations: number, mode: number): void {
  cv.setRNGSeed(GRABCUT_SEED);
  cv.grabCut(image, mask, rect, bgd, fgd, iterations, mode);
}
