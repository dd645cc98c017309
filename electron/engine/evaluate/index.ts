export { type ClipJudging, evaluateClip, evaluateRawClip, judgingInputs } from './clip';
export { type FrameCollector, frameCollector } from './collector';
export { evaluateFrames } from './evaluate';
export type { EvaluateInput, FrameSource } from './types';
