import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perceive } from '../../electron/engine/perceive/perceive';
import type { Scene } from '../../shared/scene/schema';
import { PHOTOS_DIR } from '../helpers/perceive-eval';

const photo = (id: string) => join(PHOTOS_DIR, `${id}.jpg`);

/** What a scene is made of, masks included; the perception time and other run facts are left out. */
function digest(scene: Scene): string {
  const parts = scene.objects.map((o) => JSON.stringify([o.id, o.label, o.dynamic, o.bbox, o.mask, o.polygon, o.params]));
  return createHash('sha256')
    .update(JSON.stringify([parts, scene.scale, scene.view, scene.surfaces]))
    .digest('hex');
}

describe('perception is a function of the photo and the prompt', () => {
  // grabCut draws on opencv's global random generator: unseeded, a scene changed with whatever
  // the engine had cut out before it (found on these photos, whose masks come from the
  // classical fallback and the salient cut as well as the detector).
  it('gives the same scene for a photo perceived again after other photos', async () => {
    const prompt = 'the toy robot falls down';
    const first = digest((await perceive(photo('keyfob-toy'), { prompt })).scene);
    await perceive(photo('baseball-closeup'), { prompt: 'baseball drops and bounces a few times' });
    await perceive(photo('spoons-top-down'), { prompt: 'the big spoon on the left slides across the tablecloth' });
    const again = digest((await perceive(photo('keyfob-toy'), { prompt })).scene);
    expect(again).toBe(first);
  }, 120_000);
});
