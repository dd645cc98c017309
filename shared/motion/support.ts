import { centroid, yOnSegment } from '../physics/geometry';
import type { Point, Scene, SceneObject, Surface } from '../scene/schema';

export interface Support {
  surface: Surface;
  /** Height of the surface under the object's centre, scene pixels. */
  y: number;
  /** Horizontal extent of the surface: its ends are the edges an object can go off. */
  left: number;
  right: number;
}

/** The surface an object stands on or will land on first: the nearest one under its centre. */
export function supportUnder(scene: Scene, object: SceneObject): Support | null {
  const c = centroid(object.polygon);
  const bottom = object.bbox.y + object.bbox.h;
  let best: Support | null = null;
  for (const surface of scene.surfaces) {
    for (let i = 0; i + 1 < surface.points.length; i++) {
      const a = surface.points[i] as Point;
      const b = surface.points[i + 1] as Point;
      if (a.x === b.x) continue;
      const y = yOnSegment(a, b, c.x);
      if (y === null || y < bottom - 0.25 * object.bbox.h) continue;
      if (!best || y < best.y) {
        const xs = surface.points.map((p) => p.x);
        best = { surface, y, left: Math.min(...xs), right: Math.max(...xs) };
      }
    }
  }
  // A static object found in the picture (a table, a shelf) holds things up as well: its top edge
  // across its width is the surface.
  for (const other of scene.objects) {
    if (other.dynamic || other.id === object.id) continue;
    const top = topAt(other.polygon, c.x);
    if (top === null || top < bottom - 0.25 * object.bbox.h) continue;
    if (!best || top < best.y) {
      best = {
        surface: { id: other.id, kind: 'table', points: [], friction: other.params.friction, restitution: other.params.restitution, provenance: 'default' },
        y: top,
        left: other.bbox.x,
        right: other.bbox.x + other.bbox.w,
      };
    }
  }
  return best;
}

/** Highest point of an outline on the vertical through `x`, or null when the line misses it. */
function topAt(polygon: Point[], x: number): number | null {
  let top: number | null = null;
  for (let i = 0; i < polygon.length; i++) {
    const y = yOnSegment(polygon[i] as Point, polygon[(i + 1) % polygon.length] as Point, x);
    if (y !== null && (top === null || y < top)) top = y;
  }
  return top;
}

/** Unit direction (±1) towards the nearer end of the support, or rightwards when there is none. */
export function towardNearerEdge(object: SceneObject, support: Support | null, width = Number.POSITIVE_INFINITY): number {
  if (!support) return 1;
  const c = centroid(object.polygon);
  // An end outside the picture cannot be seen to be gone off; the picture's edge stands in for it.
  const left = Math.max(0, support.left);
  const right = Math.min(width, support.right);
  return c.x - left < right - c.x ? -1 : 1;
}

/** Horizontal distance from the object's centre to the end of its support in direction `sign`. */
export function distanceToEdge(object: SceneObject, support: Support | null, sign: number): number | null {
  if (!support) return null;
  const c = centroid(object.polygon);
  return sign > 0 ? support.right - c.x : c.x - support.left;
}
