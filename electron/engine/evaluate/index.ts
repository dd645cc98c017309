export { evaluateFrames } from './evaluate';
export type { EvaluateInput, FrameSource } from './types';
