import { polygonMask } from '../preview/polygon-mask';
import { decodeRle, encodeRle } from './rle';
import type { BBox, Point, Rle, Scene, SceneObject } from './schema';

/** A decoded 0/1 mask. Masks keep their own resolution (usually the segmentation's), which covers the whole image. */
export interface Bitmask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Long side of the mask made for an object that came without one (samples, older runs). */
const FALLBACK_MASK_SIDE = 512;

/** The object's mask, decoded; an object without one gets its outline filled at a working resolution. */
export function objectBits(o: SceneObject, image: { width: number; height: number }): Bitmask {
  const rle =
    o.mask.width > 0 && o.mask.height > 0
      ? o.mask
      : (() => {
          const k = Math.min(1, FALLBACK_MASK_SIDE / Math.max(image.width, image.height));
          return polygonMask(o.polygon, Math.max(1, Math.round(image.width * k)), Math.max(1, Math.round(image.height * k)), k);
        })();
  return { data: decodeRle(rle), width: rle.width, height: rle.height };
}

export function toRle(mask: Bitmask): Rle {
  return encodeRle(mask.data, mask.width, mask.height);
}

export function countOn(mask: Bitmask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i] as number;
  return n;
}

/** A brush stroke in image pixels: discs of `radius` along the polyline through `points`. */
export interface Stroke {
  points: Point[];
  radius: number;
}

/**
 * Paints a stroke into a copy of the mask: 1 to add, 0 to subtract. Each segment is a capsule (the
 * discs swept between two points), so a fast drag leaves no gaps between pointer samples.
 */
export function paintStroke(mask: Bitmask, stroke: Stroke, image: { width: number; height: number }, value: 0 | 1): Bitmask {
  const out = new Uint8Array(mask.data);
  const sx = mask.width / image.width;
  const sy = mask.height / image.height;
  // Pixel centres within r of the segment; the radius never drops below half a mask pixel so a stroke always marks something.
  const r = Math.max(0.5, stroke.radius * Math.min(sx, sy));
  const pts = stroke.points.map((p) => ({ x: p.x * sx, y: p.y * sy }));
  const segments = pts.length === 1 ? [[pts[0], pts[0]] as const] : pts.slice(1).map((p, i) => [pts[i], p] as const);
  for (const [a, b] of segments) {
    if (!a || !b) continue;
    const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r));
    const x1 = Math.min(mask.width - 1, Math.ceil(Math.max(a.x, b.x) + r));
    const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r));
    const y1 = Math.min(mask.height - 1, Math.ceil(Math.max(a.y, b.y) + r));
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len2));
        const ex = px - (a.x + t * dx);
        const ey = py - (a.y + t * dy);
        if (ex * ex + ey * ey <= r * r) out[y * mask.width + x] = value;
      }
    }
  }
  return { data: out, width: mask.width, height: mask.height };
}

/** `mask` sampled onto another grid covering the same image (nearest pixel centre). */
export function resample(mask: Bitmask, width: number, height: number): Bitmask {
  if (mask.width === width && mask.height === height) return mask;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const my = Math.min(mask.height - 1, Math.floor(((y + 0.5) * mask.height) / height));
    for (let x = 0; x < width; x++) {
      const mx = Math.min(mask.width - 1, Math.floor(((x + 0.5) * mask.width) / width));
      out[y * width + x] = mask.data[my * mask.width + mx] as number;
    }
  }
  return { data: out, width, height };
}

/** Union of two masks on the finer of their two grids. */
export function unionMasks(a: Bitmask, b: Bitmask): Bitmask {
  const [fine, coarse] = a.width * a.height >= b.width * b.height ? [a, b] : [b, a];
  const other = resample(coarse, fine.width, fine.height);
  const out = new Uint8Array(fine.data);
  for (let i = 0; i < out.length; i++) if (other.data[i]) out[i] = 1;
  return { data: out, width: fine.width, height: fine.height };
}

/** Bounding box of the mask's set pixels, in image pixels; null when the mask is empty. */
export function maskBBox(mask: Bitmask, image: { width: number; height: number }): BBox | null {
  let minX = mask.width;
  let minY = mask.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[y * mask.width + x]) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return null;
  const sx = image.width / mask.width;
  const sy = image.height / mask.height;
  return { x: Math.round(minX * sx), y: Math.round(minY * sy), w: Math.round((maxX - minX + 1) * sx), h: Math.round((maxY - minY + 1) * sy) };
}

/**
 * Puts an edited object back into the scene. When it absorbed another (a merge), the other goes,
 * with its interactions, and whatever pointed at it (a container, the prompt's subject, the
 * scale's reference object) points at the merged object instead.
 */
export function replaceObject(scene: Scene, object: SceneObject, absorbed?: string): Scene {
  const repoint = (id: unknown) => (absorbed !== undefined && id === absorbed ? object.id : id);
  // Perception may add these references to the Scene; they are carried through untyped so this stays compatible.
  const loose = scene as Scene & { subjectId?: string; scale: Scene['scale'] & { reference?: { objectId?: string } } };
  const objects = scene.objects
    .filter((o) => o.id !== absorbed)
    .map((o) => {
      const next = o.id === object.id ? object : o;
      const ref = (next as SceneObject & { containedIn?: string }).containedIn;
      if (ref === undefined || repoint(ref) === ref) return next;
      return repoint(ref) === next.id
        ? (({ containedIn: _, ...rest }) => rest)(next as SceneObject & { containedIn?: string })
        : { ...next, containedIn: object.id };
    });
  const next: Scene = {
    ...scene,
    objects,
    interactions: absorbed === undefined ? scene.interactions : scene.interactions.filter((i) => i.a !== absorbed && i.b !== absorbed),
  };
  if (absorbed === undefined) return next;
  const out = next as typeof loose;
  if (loose.subjectId === absorbed) out.subjectId = object.id;
  if (loose.scale.reference?.objectId === absorbed) out.scale = { ...loose.scale, reference: { ...loose.scale.reference, objectId: object.id } };
  return out;
}
