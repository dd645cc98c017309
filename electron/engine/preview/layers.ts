import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import { AppError } from '../../../shared/contract';
import { centroid } from '../../../shared/physics/geometry';
import { outputSize } from '../../../shared/preview/layout';
import { polygonMask } from '../../../shared/preview/polygon-mask';
import type { Raster } from '../../../shared/preview/raster';
import { extractSprite, type Sprite } from '../../../shared/preview/sprite';
import type { Scene } from '../../../shared/scene/schema';
import { MAX_INPUT_PIXELS } from '../perceive/ingest';
import { fillBackground } from './background';

export interface PreparedLayers {
  width: number;
  height: number;
  scale: number;
  image: Raster;
  background: Raster;
  sprites: Sprite[];
  holeDepth: number;
  millis: { decode: number; fill: number };
}

/** Output-size RGBA of the input image, orientation applied. */
export async function loadImage(path: string, width: number, height: number): Promise<Raster> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('not_found', `The input image ${path} is no longer there.`, 'Drop the image again.');
  try {
    const { data } = await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw new AppError('bad_request', `The input image could not be decoded: ${(err as Error).message}`);
  }
}

// Regenerating after a slider change reuses the cut-outs and the filled background.
const cache = new Map<string, PreparedLayers>();
const CACHE_SIZE = 3;

function cacheKey(path: string, mtime: number, scene: Scene, size: number): string {
  const hash = createHash('sha256');
  hash.update(`${path}\0${mtime}\0${size}\0`);
  // The whole mask: a brush stroke can change runs far into it and leave the outline as it was.
  for (const o of scene.objects.filter((x) => x.dynamic))
    hash.update(`${o.id}|${JSON.stringify(o.polygon)}|${o.mask.width}x${o.mask.height}|${o.mask.counts.join(',')}`);
  return hash.digest('hex');
}

/** For benchmarks and tests that must measure or exercise the uncached path. */
export function clearLayerCache(): void {
  cache.clear();
}

/**
 * Cuts each moving object out of the image as a sprite and fills the holes they leave. Objects
 * that are not dynamic stay in the background: they never move.
 */
export async function prepareLayers(path: string, scene: Scene, longSide: number): Promise<PreparedLayers> {
  const { width, height, scale } = outputSize(scene.image, longSide);
  const mtime = (await stat(path).catch(() => undefined))?.mtimeMs ?? 0;
  const key = cacheKey(path, mtime, scene, longSide);
  const hit = cache.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const image = await loadImage(path, width, height);
  const t1 = performance.now();
  const sprites: Sprite[] = [];
  const hole = new Uint8Array(width * height);
  for (const o of scene.objects.filter((x) => x.dynamic)) {
    const c = centroid(o.polygon);
    const mask = o.mask.width > 0 && o.mask.height > 0 ? o.mask : polygonMask(o.polygon, width, height, scale);
    const sprite = extractSprite(o.id, image, mask, { x: c.x * scale, y: c.y * scale });
    if (!sprite) continue;
    sprites.push(sprite);
    const x0 = Math.round(c.x * scale - sprite.origin.x);
    const y0 = Math.round(c.y * scale - sprite.origin.y);
    for (let y = 0; y < sprite.height; y++) {
      const yy = y0 + y;
      if (yy < 0 || yy >= height) continue;
      for (let x = 0; x < sprite.width; x++) {
        const xx = x0 + x;
        if (xx >= 0 && xx < width && (sprite.data[(y * sprite.width + x) * 4 + 3] as number) > 0.02) hole[yy * width + xx] = 1;
      }
    }
  }
  const { background, depth } = await fillBackground(image, hole);
  const prepared: PreparedLayers = {
    width,
    height,
    scale,
    image,
    background,
    sprites,
    holeDepth: depth,
    millis: { decode: Math.round(t1 - t0), fill: Math.round(performance.now() - t1) },
  };
  cache.set(key, prepared);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return prepared;
}
