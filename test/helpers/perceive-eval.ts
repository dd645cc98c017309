import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { perceive } from '../../electron/engine/perceive/perceive';
import type { BBox, Scene, SceneObject } from '../../shared/scene/schema';

/** The real-photo set (test/fixtures/photos/photos.json), as far as perception's evaluation reads it. */
export interface PhotoCase {
  prompt: string;
  motion: string;
  key: { label: string; cocoClass: string | null; box: [number, number, number, number]; trueSizeM: number | null };
}
export interface Photo {
  id: string;
  file: string;
  width: number;
  height: number;
  view: 'side' | 'top-down';
  split: 'dev' | 'holdout';
  cases: PhotoCase[];
}

export const PHOTOS_DIR = join(__dirname, '..', 'fixtures', 'photos');

export function loadPhotos(dir = PHOTOS_DIR): Photo[] {
  return (JSON.parse(readFileSync(join(dir, 'photos.json'), 'utf8')) as { photos: Photo[] }).photos;
}

function iou(a: BBox, b: BBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / (a.w * a.h + b.w * b.h - w * h);
}

/** Labelled as the prompt names it: the key's noun (or its head noun) is the object's label. */
export function labelledAs(o: SceneObject, label: string): boolean {
  const head = label.split(' ').at(-1) ?? label;
  return o.label === label || o.label === head || o.grounding?.text === label || (o.grounding?.text.endsWith(` ${label}`) ?? false);
}

export interface CaseResult {
  photo: string;
  split: 'dev' | 'holdout';
  prompt: string;
  /** Best IoU of any object with the hand box, and whether that object carries the key's label. */
  iou: number;
  found: boolean;
  labelled: boolean;
  /** The prompt's subject is the key object. */
  subjectIsKey: boolean;
  /** Background regions (two image borders, or most of the frame) left dynamic though the prompt does not name them. */
  backgroundDynamic: number;
  /** Perceived ÷ true pixels per metre, where the true size is known. */
  scaleRatio: number | null;
  viewTrue: 'side' | 'top-down';
  view: 'side' | 'top-down';
  labels: string[];
  scene: Scene;
  ms: number;
}

/** Perceives one photo with one prompt and scores the scene against the hand-drawn key. */
export async function evaluateCase(photo: Photo, c: PhotoCase, dir = PHOTOS_DIR): Promise<CaseResult> {
  const t = performance.now();
  const { scene } = await perceive(join(dir, photo.file), { prompt: c.prompt, seconds: 1 });
  const ms = performance.now() - t;
  const [x, y, w, h] = c.key.box;
  const key = { x, y, w, h };
  const scored = scene.objects.map((o) => ({ o, v: iou(o.bbox, key) }));
  const hits = scored.filter((s) => s.v >= 0.5);
  const labelledHits = hits.filter((s) => labelledAs(s.o, c.key.label));
  const bestIou = Math.max(0, ...scored.map((s) => s.v));
  const found = hits.length > 0;
  const labelled = labelledHits.length > 0;
  const W = photo.width;
  const H = photo.height;
  const isBg = (o: SceneObject) => {
    const b = o.bbox;
    const borders = [b.x <= 2, b.y <= 2, b.x + b.w >= W - 2, b.y + b.h >= H - 2].filter(Boolean).length;
    return borders >= 2 || (b.w * b.h) / (W * H) > 0.6;
  };
  const backgroundDynamic = scene.objects.filter((o) => o.dynamic && isBg(o) && !o.grounding).length;
  const truePpm = c.key.trueSizeM ? Math.max(w, h) / c.key.trueSizeM : null;
  const subject = scene.objects.find((o) => o.id === scene.subjectId);
  return {
    photo: photo.id,
    split: photo.split,
    prompt: c.prompt,
    iou: Math.round(bestIou * 100) / 100,
    found,
    labelled,
    subjectIsKey: !!subject && iou(subject.bbox, key) >= 0.5,
    backgroundDynamic,
    scaleRatio: truePpm ? scene.scale.pixelsPerMetre / truePpm : null,
    viewTrue: photo.view,
    view: scene.view ?? 'side',
    labels: scene.objects.map((o) => `${o.label}${o.dynamic ? '*' : ''}`),
    scene,
    ms,
  };
}

export interface Summary {
  cases: number;
  foundLabelled: number;
  backgroundDynamic: number;
  scaleKnown: number;
  scaleWithin2x: number;
  viewRight: number;
  subjectIsKey: number;
}

export function summarise(results: CaseResult[]): Summary {
  const scaled = results.filter((r) => r.scaleRatio !== null);
  return {
    cases: results.length,
    foundLabelled: results.filter((r) => r.labelled).length,
    backgroundDynamic: results.reduce((n, r) => n + r.backgroundDynamic, 0),
    scaleKnown: scaled.length,
    scaleWithin2x: scaled.filter((r) => (r.scaleRatio as number) >= 0.5 && (r.scaleRatio as number) <= 2).length,
    viewRight: results.filter((r) => r.view === r.viewTrue).length,
    subjectIsKey: results.filter((r) => r.subjectIsKey).length,
  };
}
