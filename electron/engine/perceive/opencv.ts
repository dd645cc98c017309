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
