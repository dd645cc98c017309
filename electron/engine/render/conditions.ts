import type { RenderConditions } from './request';

/**
 * Object paths resampled to the render's frame count (the preview may have more frames than the
 * model makes), as [objects, frames, 2] of normalised x, y.
 */
export function trajectoryData(paths: NonNullable<RenderConditions['trajectories']>, frames: number): Float32Array {
  const out = new Float32Array(paths.length * frames * 2);
  paths.forEach((path, o) => {
    const last = Math.max(0, Math.min(path.x.length, path.y.length) - 1);
    for (let f = 0; f < frames; f++) {
      const k = Math.min(last, Math.round((f * last) / Math.max(1, frames - 1)));
      out[(o * frames + f) * 2] = path.x[k] ?? 0;
      out[(o * frames + f) * 2 + 1] = path.y[k] ?? 0;
    }
  });
  return out;
}

/**
 * The image condition of image-to-video models: the picture's latent in the first latent frame
 * and zeros after it ([channels, latentFrames, cells] from [channels, 1, cells]).
 */
export function firstFrameLatent(z: Float32Array, channels: number, latentFrames: number, cells: number, scaling: number): Float32Array {
  const out = new Float32Array(channels * latentFrames * cells);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < cells; i++) out[c * latentFrames * cells + i] = (z[c * cells + i] ?? 0) * scaling;
  }
  return out;
}
