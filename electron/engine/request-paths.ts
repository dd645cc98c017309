import type { Channel } from '../../shared/contract';
import { assertUsablePath } from '../common/path-policy';

type PathsOf = (input: Record<string, unknown>) => Array<[string | undefined, string]>;

/**
 * Every request field that names a file or folder on this machine, by channel. Checked once at
 * the engine's boundary, so no handler can be reached with a relative path or one inside /proc,
 * /sys or /dev. (`settings.update` checks its folders itself, with a friendlier message.)
 */
const PATH_FIELDS: Partial<Record<Channel, PathsOf>> = {
  'models.import': (i) => [[i.source as string, 'A pack folder']],
  'scene.perceive': (i) => [[i.image as string, 'The image']],
  'scene.addObject': (i) => [[i.image as string, 'The image']],
  'preview.generate': (i) => [[i.image as string, 'The image']],
  'render.generate': (i) => [[i.image as string, 'The image']],
  'runs.export': (i) => [[i.dir as string | undefined, 'The export folder']],
};

export async function checkRequestPaths(channel: Channel, input: unknown): Promise<void> {
  const fields = PATH_FIELDS[channel];
  if (!fields || input === null || typeof input !== 'object') return;
  for (const [path, what] of fields(input as Record<string, unknown>)) if (typeof path === 'string') await assertUsablePath(path, what);
}
