import type { ClipTrack } from '../run/schema';
import type { Point } from '../scene/schema';
import { drawSprite } from './draw';
import { createRaster, lerpPose, type Pose, type Raster } from './raster';
import { drawContactShadow, surfaceBelow } from './shadow';
import type { Sprite } from './sprite';
import { spriteExtent } from './sprite-extent';

/** A moving object: its cut-out and its poses (output pixels). */
export interface Layer {
  sprite: Sprite;
  track: ClipTrack;
}

export interface ClipScene {
  /** The image with the moving objects removed and the holes filled, at output size. */
  background: Raster;
  /** Back to front. */
  layers: Layer[];
  /** Support surfaces in output pixels, for contact shadows. */
  surfaces: Point[][];
  shadows: boolean;
  motionBlur: boolean;
}

/** Nearer objects sit lower in the picture; they are drawn last. Ties go by id so order is stable. */
export function depthOrder(layers: Layer[]): Layer[] {
  const bottom = (l: Layer) => (l.track.y[0] ?? 0) + l.sprite.height - l.sprite.origin.y;
  return [...layers].sort((a, b) => bottom(a) - bottom(b) || (a.sprite.id < b.sprite.id ? -1 : 1));
}

function poseAt(track: ClipTrack, f: number): Pose {
  return { x: track.x[f] ?? 0, y: track.y[f] ?? 0, angle: track.angle[f] ?? 0 };
}

/**
 * Poses across a half-frame shutter ending at frame `f`. The number of samples follows how far the
 * layer's edge travels, so still objects cost one draw and fast ones are smeared smoothly.
 */
export function shutterPoses(layer: Layer, f: number, motionBlur: boolean): Pose[] {
  const end = poseAt(layer.track, f);
  if (!motionBlur || f === 0) return [end];
  const start = lerpPose(poseAt(layer.track, f - 1), end, 0.5);
  const travel = Math.hypot(end.x - start.x, end.y - start.y) + Math.abs(end.angle - start.angle) * layer.sprite.radius;
  const samples = Math.min(8, Math.ceil(travel / 1.5));
  if (samples <= 1) return [end];
  return Array.from({ length: samples }, (_, k) => lerpPose(start, end, (k + 1) / samples));
}

/** Renders frame `f` into `frame` (reused between calls to avoid a large allocation per frame). */
export function renderFrame(scene: ClipScene, f: number, frame: Raster = createRaster(scene.background.width, scene.background.height)): Raster {
  frame.data.set(scene.background.data);
  if (scene.shadows) {
    for (const layer of scene.layers) {
      const pose = poseAt(layer.track, f);
      const { bottom, halfWidth } = spriteExtent(layer.sprite, pose.angle);
      // A resting object may sit a little into what holds it up: allow a quarter of its half-width.
      const surfaceY = surfaceBelow(scene.surfaces, pose.x, pose.y + bottom, Math.max(1, 0.25 * halfWidth));
      if (surfaceY !== null) drawContactShadow(frame, pose.x, pose.y + bottom, halfWidth, surfaceY);
    }
  }
  for (const layer of scene.layers) drawSprite(frame, layer.sprite, shutterPoses(layer, f, scene.motionBlur));
  return frame;
}
