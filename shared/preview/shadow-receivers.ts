import { yOnSegment } from '../physics/geometry';
import type { Point, SceneObject, Surface } from '../scene/schema';

/**
 * The top of an outline as a polyline, left to right: at each x, the highest point of the outline
 * on the vertical through it (a table's top, not its legs or underside). A step in the outline
 * is kept as a vertical segment (which surfaceBelow skips), not smoothed into a slope.
 */
export function topOutline(polygon: Point[]): Point[] {
  const xs = [...new Set(polygon.map((p) => p.x))].sort((a, b) => a - b);
  const out: Point[] = [];
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k] as number;
    // The top just left and just right of x: between two vertex abscissae no edge starts or
    // ends, so the edges spanning that gap's middle are exactly those that bound it.
    for (const side of [xs[k - 1], xs[k + 1]]) {
      if (side === undefined) continue;
      const y = topAcross(polygon, (x + side) / 2, x);
      const last = out[out.length - 1];
      if (y !== null && !(last && last.x === x && last.y === y)) out.push({ x, y });
    }
  }
  return out;
}

/** Highest point at `x` of the outline's edges that span `middle`, or null when none does. */
function topAcross(polygon: Point[], middle: number, x: number): number | null {
  let top: number | null = null;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    if (a.x === b.x || yOnSegment(a, b, middle) === null) continue;
    const y = yOnSegment(a, b, x);
    if (y !== null && (top === null || y < top)) top = y;
  }
  return top;
}

/**
 * Everything a contact shadow can fall on, as polylines in output pixels: the support surfaces,
 * and the tops of the static objects, which hold things up just as surfaces do (supportUnder
 * treats them alike). Without the tops, an apple dropped onto a table found in the picture, but
 * not drawn as a surface, would land on it with no shadow.
 */
export function shadowReceivers(
  scene: { surfaces: ReadonlyArray<Pick<Surface, 'points'>>; objects: ReadonlyArray<Pick<SceneObject, 'dynamic' | 'polygon'>> },
  scale: number,
): Point[][] {
  const toOutput = (p: Point): Point => ({ x: p.x * scale, y: p.y * scale });
  return [...scene.surfaces.map((s) => s.points.map(toOutput)), ...scene.objects.filter((o) => !o.dynamic).map((o) => topOutline(o.polygon).map(toOutput))];
}
