import { PREVIEW_LIMITS } from '../run/schema';

export interface OutputSize {
  width: number;
  height: number;
  /** Output pixels per input-image pixel. */
  scale: number;
}

/**
 * The output frame for an image: the long side is the requested size, the aspect ratio is kept,
 * and both sides are even because H.264 encoders reject odd sizes.
 */
export function outputSize(image: { width: number; height: number }, longSide: number): OutputSize {
  const long = Math.max(image.width, image.height);
  const scale = longSide / long;
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  return { width: even(image.width * scale), height: even(image.height * scale), scale };
}

export interface Capped<T> {
  value: T;
  notices: string[];
}

/** Clamps size, fps and duration to what the preview tier renders, saying what changed. */
export function capPreviewSettings<T extends { size: number; fps: number; seconds: number }>(settings: T): Capped<T> {
  const notices: string[] = [];
  const clamp = (v: number, lo: number, hi: number, what: string, unit: string) => {
    const c = Math.min(hi, Math.max(lo, v));
    if (c !== v) notices.push(`${what} was ${v}${unit}; the preview renders ${lo}–${hi}${unit}, so it uses ${c}${unit}.`);
    return c;
  };
  const value = {
    ...settings,
    size: clamp(settings.size, PREVIEW_LIMITS.minSide, PREVIEW_LIMITS.maxSide, 'Size', ' px'),
    fps: clamp(settings.fps, PREVIEW_LIMITS.fps.min, PREVIEW_LIMITS.fps.max, 'Frame rate', ' fps'),
    seconds: clamp(settings.seconds, PREVIEW_LIMITS.seconds.min, PREVIEW_LIMITS.seconds.max, 'Duration', ' s'),
  };
  return { value, notices };
}
