export { cfg, concatBatch, splitHalves, usesGuidance } from './guidance';
export { foldSeed, gaussianNoise } from './noise';
export { portableLog } from './portable-log';
export * from './schedulers';
