import type { Raster } from '../../../shared/preview/raster';

/** RGBA frames → planar video [3, F, H, W] in [-1, 1], the layout VAE encoders take (batch 1). */
export function framesToVideo(frames: Raster[]): Float32Array {
  const first = frames[0];
  if (!first) return new Float32Array(0);
  const { width: W, height: H } = first;
  const F = frames.length;
  const plane = F * H * W;
  const out = new Float32Array(3 * plane);
  frames.forEach((frame, f) => {
    for (let i = 0; i < W * H; i++) {
      for (let c = 0; c < 3; c++) out[c * plane + f * W * H + i] = ((frame.data[4 * i + c] as number) / 255) * 2 - 1;
    }
  });
  return out;
}

/** Planar video [3, F, H, W] in [-1, 1] → RGBA frames (clamped). */
export function videoToFrames(video: Float32Array, frames: number, width: number, height: number): Raster[] {
  const plane = frames * width * height;
  return Array.from({ length: frames }, (_, f) => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) data[4 * i + c] = ((video[c * plane + f * width * height + i] as number) + 1) * 127.5;
      data[4 * i + 3] = 255;
    }
    return { width, height, data };
  });
}

/**
 * A cheap look at a latent while it is denoised: its first three channels of the first latent
 * frame as RGB, one pixel per latent cell. Enough to see the picture form, for no model call.
 */
export function latentThumbnail(latent: Float32Array, channels: number, height: number, width: number): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  const framePlane = latent.length / channels;
  for (let i = 0; i < width * height; i++) {
    // Latents are roughly unit-variance: ±3σ spans the grey range, so structure shows before noise is gone.
    for (let c = 0; c < 3; c++) data[4 * i + c] = ((latent[Math.min(channels - 1, c) * framePlane + i] ?? 0) / 6 + 0.5) * 255;
    data[4 * i + 3] = 255;
  }
  return { width, height, data };
}
