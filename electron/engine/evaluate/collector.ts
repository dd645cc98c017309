import type { PixelEvaluation } from '../../../shared/evaluate/schema';
import type { Raster } from '../../../shared/preview/raster';
import { evaluateGrid } from './evaluate';
import { type Grid, gridSize, reduceFrame } from './grid';
import type { EvaluateInput } from './types';

/**
 * Keeps a reduced copy of each frame as a generator draws it, so the clip can be judged without
 * reading its frames back from disk (that read cost more than the judging itself).
 */
export interface FrameCollector {
  /** Wraps a frame drawer: every frame it draws is also reduced for judging. */
  tap<A extends unknown[]>(draw: (...args: A) => Raster): (...args: A) => Raster;
  add(frame: Raster): void;
  /** Milliseconds spent reducing frames so far: part of what judging costs. */
  readonly reduceMs: number;
  evaluate(input: Omit<EvaluateInput, 'frames' | 'width' | 'height'>): Promise<PixelEvaluation>;
}

export function frameCollector(width: number, height: number): FrameCollector {
  const { w, h, k } = gridSize(width, height);
  const grid: Grid = { w, h, k, frames: [] };
  let reduceMs = 0;
  const add = (frame: Raster) => {
    if (frame.width !== width || frame.height !== height) throw new RangeError(`frame is ${frame.width}×${frame.height}, not ${width}×${height}`);
    const t = performance.now();
    grid.frames.push(reduceFrame(frame, w, h, k, new Uint8Array(w * h * 4)));
    reduceMs += performance.now() - t;
  };
  return {
    add,
    get reduceMs() {
      return reduceMs;
    },
    tap:
      (draw) =>
      (...args) => {
        const frame = draw(...args);
        add(frame);
        return frame;
      },
    evaluate: (input) => evaluateGrid(grid, { ...input, width, height }),
  };
}
