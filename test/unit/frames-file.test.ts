import { existsSync, lstatSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFrames } from '../../electron/engine/preview/frames-file';
import { createRaster } from '../../shared/preview/raster';

const draw = (f: number) => {
  const r = createRaster(64, 48);
  r.data.fill(f % 256);
  return r;
};

describe('raw frame files', () => {
  it('writes every frame and hashes exactly what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-frames-'));
    const a = await writeFrames(join(dir, 'a.rgba'), 5, 64, 48, draw);
    const b = await writeFrames(join(dir, 'b.rgba'), 5, 64, 48, draw);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(lstatSync(join(dir, 'a.rgba')).size).toBe(5 * 64 * 48 * 4);
  });

  // /dev/full accepts the open and fails every write with ENOSPC: a full disk on demand.
  it.skipIf(!existsSync('/dev/full'))('reports a full disk in plain words and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-full-'));
    const target = join(dir, 'clip.rgba');
    symlinkSync('/dev/full', target);
    await expect(writeFrames(target, 3, 64, 48, draw)).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/disk is full/) });
    expect(existsSync(target)).toBe(false);
    expect(existsSync('/dev/full')).toBe(true);
  });

  it('stops at a cancel and removes what it had written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-cancel-'));
    const controller = new AbortController();
    const target = join(dir, 'clip.rgba');
    const pending = writeFrames(
      target,
      400,
      64,
      48,
      (f) => {
        if (f === 3) controller.abort();
        return draw(f);
      },
      { signal: controller.signal },
    );
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(target)).toBe(false);
  });
});
