import type { EvalIntent, EvalObject, EvalSurface } from '../../../shared/evaluate/schema';
import type { Raster } from '../../../shared/preview/raster';
import type { Point } from '../../../shared/scene/schema';

/** Frames read one at a time (a raw frames file, a decoder), so a clip need not sit in memory whole. */
export interface FrameSource {
  count: number;
  frame(index: number): Raster | Promise<Raster>;
}

export interface EvaluateInput {
  /** RGBA frames, all `width` × `height`. */
  frames: Raster[] | FrameSource;
  width: number;
  height: number;
  fps: number;
  /** The objects seen in frame 0 (a Scene's objects: `sceneEvalInputs`). */
  objects: EvalObject[];
  /** What the prompt asks for; without it the intent check is not applicable. */
  intent?: EvalIntent | null | undefined;
  /** Gravity in frame pixels per s² (y down) at real time; without it the fit checks only the parabola's shape. */
  gravityPxPerS2?: Point | null | undefined;
  /** Support lines in frame pixels. */
  surfaces?: EvalSurface[] | undefined;
  /** Playback slow-down (“slow motion ×N”): expected gravity in the frames is g / N². Default 1. */
  slowMotion?: number | undefined;
  signal?: AbortSignal | undefined;
}
