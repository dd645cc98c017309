import type { Point, Scene, SceneObject, Surface } from '../../shared/scene/schema';

export const PPM = 100;

export function circle(cx: number, cy: number, r: number, n = 32): Point[] {
  // Start at the bottom so the lowest vertex lies exactly r below the centre.
  return Array.from({ length: n }, (_, i) => {
    const a = Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
  });
}

export function rect(x: number, y: number, w: number, h: number): Point[] {
  return [
    { x, y },
    { x: x + w, y },
    { x: x + w, y: y + h },
    { x, y: y + h },
  ];
}

export function object(id: string, polygon: Point[], extra: Partial<SceneObject> = {}): SceneObject {
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  return {
    id,
    label: id,
    mask: { width: 0, height: 0, counts: [] },
    bbox: { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) },
    polygon,
    dynamic: true,
    material: { name: 'rubber', confidence: 1 },
    params: { density: 10, mass: 1, friction: 0.6, restitution: 0.3, linearDamping: 0, angularDamping: 0 },
    velocity: { x: 0, y: 0 },
    provenance: {},
    ...extra,
  };
}

export function surface(id: string, points: Point[], kind: Surface['kind'] = 'ground'): Surface {
  return { id, kind, points, friction: 0.6, restitution: 0.2, provenance: 'default' };
}

export function scene(objects: SceneObject[], surfaces: Surface[], gravity: Point = { x: 0, y: 9.81 }): Scene {
  return {
    image: { width: 1000, height: 800 },
    gravity,
    scale: { pixelsPerMetre: PPM, provenance: 'user' },
    surfaces,
    objects,
    interactions: [],
    embedding: [],
  };
}
