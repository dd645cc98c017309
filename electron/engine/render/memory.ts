import { AppError } from '../../../shared/contract';

/** How onnxruntime and its providers say an allocation failed (CPU, CUDA, DirectML, CoreML). */
const OUT_OF_MEMORY =
  /out of memory|bad_alloc|failed to allocate|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation|ERROR_NOT_ENOUGH_MEMORY|E_OUTOFMEMORY|insufficient memory/i;

export function isOutOfMemory(err: unknown): boolean {
  return OUT_OF_MEMORY.test((err as Error)?.message ?? '');
}

/** The message a user sees: what ran out, at what size, and concrete ways to fit. */
export function outOfMemoryError(packName: string, r: { width: number; height: number; frames: number; steps: number }): AppError {
  const smaller = `${Math.max(64, Math.round((r.width * 0.75) / 16) * 16)}×${Math.max(64, Math.round((r.height * 0.75) / 16) * 16)}`;
  return new AppError(
    'unsupported',
    `${packName} ran out of memory rendering ${r.width}×${r.height}, ${r.frames} frames.`,
    `Try a smaller size (e.g. ${smaller}) or fewer frames; fewer steps shortens the render but does not need less memory. Closing other programs that use the GPU also helps.`,
  );
}

/**
 * Whether the graphs a render no longer needs should give their memory back: when free memory
 * is below twice what the pack says it needs. The system's free memory stands in for the GPU's,
 * which onnxruntime does not report.
 */
export function memoryIsTight(freeBytes: number, packNeedsBytes: number): boolean {
  return packNeedsBytes > 0 && freeBytes < packNeedsBytes * 2;
}
