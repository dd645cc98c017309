import { area, centroid, roundness } from '../physics/geometry';
import type { Scene } from './schema';

/**
 * The physical representation handed to neural generators that take one. Fixed size: 8 global
 * features, then 8 object slots of 16 features, objects ordered by area (largest first), unused
 * slots zero. Every feature is scaled to roughly 0..1. Layout (index: meaning):
 *
 * global  0 gravity x / 9.81 · 1 gravity y / 9.81 · 2 pixels per metre / 1000 · 3 objects / 64 ·
 *         4 surfaces / 32 · 5 lowest surface y / image height · 6 mean interaction confidence ·
 *         7 interactions / 64
 * object  0 present · 1 centroid x / width · 2 centroid y / height · 3 bbox w / width ·
 *         4 bbox h / height · 5 area / image area · 6 roundness · 7 dynamic ·
 *         8 log10(density) / 4 · 9 friction / 2 · 10 restitution · 11 log10(mass + 0.001) / 3 ·
 *         12 velocity x / width · 13 velocity y / height (per second) ·
 *         14 first contact time / 10 s (1 when none) · 15 interactions involving it / 8
 */
export const EMBEDDING_GLOBALS = 8;
export const EMBEDDING_SLOTS = 8;
export const EMBEDDING_FEATURES = 16;
export const EMBEDDING_SIZE = EMBEDDING_GLOBALS + EMBEDDING_SLOTS * EMBEDDING_FEATURES;

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function sceneEmbedding(scene: Scene): number[] {
  const { width, height } = scene.image;
  const out = new Array<number>(EMBEDDING_SIZE).fill(0);
  const lowest = Math.max(0, ...scene.surfaces.flatMap((s) => s.points.map((p) => p.y)));
  const conf = scene.interactions.length ? scene.interactions.reduce((s, i) => s + i.confidence, 0) / scene.interactions.length : 0;
  [
    scene.gravity.x / 9.81,
    scene.gravity.y / 9.81,
    scene.scale.pixelsPerMetre / 1000,
    scene.objects.length / 64,
    scene.surfaces.length / 32,
    lowest / height,
    conf,
    scene.interactions.length / 64,
  ].forEach((v, i) => {
    out[i] = r4(v);
  });
  const ordered = [...scene.objects].sort((a, b) => area(b.polygon) - area(a.polygon) || a.id.localeCompare(b.id)).slice(0, EMBEDDING_SLOTS);
  ordered.forEach((o, slot) => {
    const c = centroid(o.polygon);
    const mine = scene.interactions.filter((i) => i.a === o.id || i.b === o.id);
    const first = mine.length ? Math.min(...mine.map((i) => i.tStart)) / 10 : 1;
    const features = [
      1,
      c.x / width,
      c.y / height,
      o.bbox.w / width,
      o.bbox.h / height,
      area(o.polygon) / (width * height),
      roundness(o.polygon),
      o.dynamic ? 1 : 0,
      Math.log10(o.params.density) / 4,
      o.params.friction / 2,
      o.params.restitution,
      Math.log10(o.params.mass + 0.001) / 3,
      o.velocity.x / width,
      o.velocity.y / height,
      Math.min(1, first),
      mine.length / 8,
    ];
    features.forEach((v, k) => {
      out[EMBEDDING_GLOBALS + slot * EMBEDDING_FEATURES + k] = r4(v);
    });
  });
  return out;
}
