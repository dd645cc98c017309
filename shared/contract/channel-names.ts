/**
 * The channel names alone, without their schemas, so the sandboxed preload can be built from the
 * contract without bundling zod. contract.ts proves at compile time that this list and the
 * channel table have exactly the same keys.
 */
export const CHANNEL_NAMES = [
  'system.ping',
  'system.doctor',
  'models.list',
  'models.verify',
  'models.import',
  'models.remove',
  'settings.get',
  'settings.update',
  'jobs.cancel',
  'prompt.refine',
  'prompt.targets',
  'scene.perceive',
  'inputs.import',
  'scene.simulate',
  'scene.addObject',
  'scene.draw',
  'preview.generate',
  'render.generate',
  'runs.list',
  'runs.get',
  'runs.frames',
  'runs.storeMedia',
  'runs.export',
  'runs.reproduce',
  'runs.prefer',
  'runs.delete',
  'runs.discardFrames',
  'samples.list',
  'samples.open',
] as const;
