import type { InputImage } from '../stores/input';

export const MAX_IMAGE_BYTES = 100 * 1024 * 1024;
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export class ImageInputError extends Error {}

/** Decodes a user-supplied file far enough to know it is a usable image, and how big it is. */
export async function readImageFile(file: File): Promise<InputImage> {
  if (!ACCEPTED.includes(file.type)) {
    throw new ImageInputError(`${file.name || 'This file'} is not a PNG, JPEG, WebP or GIF image.`);
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ImageInputError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; images up to 100 MB are accepted.`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageInputError(`${file.name} could not be decoded; the file may be truncated or corrupt.`);
  }
  const { width, height } = bitmap;
  bitmap.close();
  if (width < 2 || height < 2) throw new ImageInputError(`${file.name} is ${width}×${height} pixels; it is too small to animate.`);
  return { name: file.name || 'pasted image', url: URL.createObjectURL(file), width, height, bytes: file.size, file };
}
