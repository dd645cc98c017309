import { stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../../shared/contract';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Decompression-bomb guard: images declaring more pixels than this are refused before decoding. */
export const MAX_INPUT_PIXELS = 80_000_000;
/** With `downscale`, images up to this many pixels are shrunk while decoding instead of refused. */
export const MAX_DOWNSCALE_PIXELS = 1_000_000_000;
/** Perception works on a copy whose long side is at most this. */
export const WORKING_LONG_SIDE = 1024;

export interface WorkingImage {
  /** RGBA, 8 bits per channel, EXIF orientation applied. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Size of the original after orientation, for mapping results back. */
  original: { width: number; height: number; format: string };
  /** Set when the image was over the limit and perceived from a shrunk copy (then `original` is that copy). */
  downscaledFrom?: { width: number; height: number };
}

export interface IngestOptions {
  /** Shrink an image over MAX_INPUT_PIXELS while decoding, instead of refusing it. */
  downscale?: boolean;
}

const FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

/** libvips says "Unknown error" or names its decoder; a person needs to hear that the file is damaged. */
function decodeReason(err: unknown, format: string): string {
  const message = (err as Error).message ?? '';
  if (/unknown error|libpng|pngload|spng|crc|checksum|jpeg|premature|truncated/i.test(message))
    return `its ${format.toUpperCase()} data is damaged (a checksum fails or the data ends early)`;
  return message.slice(0, 300);
}

/**
 * Decodes a user image safely: size and pixel-count limits first, then orientation, colour space
 * (CMYK, grey, 16-bit, alpha all become 8-bit sRGB RGBA) and a working-resolution copy.
 */
export async function ingestImage(input: string | Uint8Array, options: IngestOptions = {}): Promise<WorkingImage> {
  const name = typeof input === 'string' ? input : 'the image';
  if (typeof input === 'string') {
    const info = await stat(input).catch(() => undefined);
    if (!info?.isFile()) throw new AppError('not_found', `No image file at ${input}.`);
    if (info.size > MAX_FILE_BYTES)
      throw new AppError('payload_too_large', `${name} is ${(info.size / 1024 / 1024).toFixed(0)} MB; images up to 100 MB are accepted.`);
  } else if (input.byteLength > MAX_FILE_BYTES) {
    throw new AppError('payload_too_large', 'The image is larger than 100 MB.');
  }
  let meta: Metadata;
  try {
    // Reading the header decodes no pixels, so it is safe unlimited; our own check below then
    // names the declared size. Decoding keeps sharp's limit as a second guard.
    meta = await sharp(input, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (err) {
    throw new AppError('bad_request', `${name} is not an image that can be read: ${(err as Error).message}.`, 'Use a PNG, JPEG, WebP or GIF file.');
  }
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw new AppError('unsupported', `${name} is a ${meta.format ?? 'unknown'} image; PNG, JPEG, WebP and GIF are supported.`, 'Convert it to PNG or JPEG.');
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const tooLarge = width * height > MAX_INPUT_PIXELS;
  if (tooLarge && (!options.downscale || width * height > MAX_DOWNSCALE_PIXELS)) {
    throw new AppError(
      'payload_too_large',
      `${name} declares ${width}×${height} pixels, more than the ${MAX_INPUT_PIXELS / 1e6} megapixels perceived directly.`,
      options.downscale ? 'Downscale it in an image editor first.' : 'Perceive a downscaled copy instead (the original file is left as it is).',
      ...(options.downscale ? [] : [['downscale']]),
    );
  }
  if (width < 8 || height < 8)
    throw new AppError('bad_request', `${name} is ${width}×${height} pixels, too small to find objects in.`, 'Use an image of at least 64×64 pixels.');
  try {
    const { data, info } = await sharp(input, {
      limitInputPixels: tooLarge ? MAX_DOWNSCALE_PIXELS : MAX_INPUT_PIXELS,
      pages: 1,
      failOn: 'error',
      sequentialRead: true,
    })
      .rotate()
      .resize({ width: WORKING_LONG_SIDE, height: WORKING_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      // A shrunk copy stands in for the original: the scene is in its pixels.
      original: tooLarge ? { width: info.width, height: info.height, format: meta.format } : { width, height, format: meta.format },
      ...(tooLarge ? { downscaledFrom: { width, height } } : {}),
    };
  } catch (err) {
    throw new AppError(
      'bad_request',
      `${name} could not be decoded: ${decodeReason(err, meta.format)}.`,
      'The file may be truncated or corrupt; export it again.',
    );
  }
}
