import type { RenderStep as RenderStepEvent } from '../../../shared/contract';
import type { Raster } from '../../../shared/preview/raster';
import type { Variant } from '../../../shared/run/schema';
import type { RenderStep } from './request';

/** Thumbnails are at most this many pixels a side: enough to watch a picture form. */
const MAX_SIDE = 128;

/** Nearest-neighbour shrink; latents are already coarse, so nothing finer is worth the time. */
function shrink(r: Raster): Raster {
  const scale = Math.min(1, MAX_SIDE / Math.max(r.width, r.height));
  if (scale === 1) return r;
  const width = Math.max(1, Math.round(r.width * scale));
  const height = Math.max(1, Math.round(r.height * scale));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(r.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(r.width - 1, Math.floor(x / scale));
      data.set(r.data.subarray((sy * r.width + sx) * 4, (sy * r.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The `render.step` event for one denoising step of one variant. */
export function stepEvent(jobId: string, variant: Variant, step: RenderStep): RenderStepEvent {
  const t = shrink(step.thumbnail);
  return {
    jobId,
    variant,
    step: step.step,
    steps: step.steps,
    width: t.width,
    height: t.height,
    rgbaBase64: Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('base64'),
  };
}
