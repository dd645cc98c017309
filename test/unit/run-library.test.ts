import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskError } from '../../electron/engine/preview/disk-error';
import { writePoster } from '../../electron/engine/preview/generate';
import { deleteRun, listRuns, startPartial, sweepPartials, writeRun } from '../../electron/engine/preview/library';
import { createRaster } from '../../shared/preview/raster';
import type { Run } from '../../shared/run/schema';

const library = () => mkdtempSync(join(tmpdir(), 'ps-lib-'));
const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('disk errors in plain words', () => {
  it('puts a path through a file, or a folder in the way, with the “may not write” family', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST'])
      expect(diskError(errno(code), '/x/y')).toMatchObject({ code: 'io', message: expect.stringMatching(/^PhysStudio may not write to \/x\/y/) });
    expect(diskError(errno('ENOSPC'), '/x/y').message).toMatch(/disk is full/);
    expect(diskError(errno('EIO'), '/x/y').message).toMatch(/^Writing \/x\/y failed/);
  });

  it('reports a library whose runs folder cannot be made, instead of a raw error', async () => {
    const dir = library();
    writeFileSync(join(dir, 'runs'), 'a file where the runs folder should be');
    await expect(startPartial(dir, 'r1')).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/may not write .*part of that path is a file/) });
  });

  it('reports a run record that cannot be written', async () => {
    const dir = library();
    writeFileSync(join(dir, 'not-a-folder'), '');
    await expect(writeRun(dir, { id: 'r1' } as Run, join(dir, 'not-a-folder'))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/may not write/),
    });
  });

  it('reports a poster that cannot be written', async () => {
    const dir = library();
    writeFileSync(join(dir, 'file'), '');
    const scene = { background: createRaster(8, 8), layers: [], surfaces: [], shadows: false, motionBlur: false };
    await expect(writePoster(join(dir, 'file'), 'p.png', scene, 0)).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/may not write/) });
    await expect(writePoster(dir, 'p.png', scene, 0)).resolves.toBe(join(dir, 'p.png'));
  });

  it.skipIf(!existsSync('/dev/full'))('reports a full disk while writing a poster', async () => {
    const dir = library();
    symlinkSync('/dev/full', join(dir, 'p.png'));
    const scene = { background: createRaster(8, 8), layers: [], surfaces: [], shadows: false, motionBlur: false };
    await expect(writePoster(dir, 'p.png', scene, 0)).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/disk is full/) });
  });
});

describe('deleting a run', () => {
  it('removes the whole folder and nothing beside it', async () => {
    const dir = library();
    mkdirSync(join(dir, 'runs', 'keep'), { recursive: true });
    mkdirSync(join(dir, 'runs', 'gone'), { recursive: true });
    writeFileSync(join(dir, 'runs', 'gone', 'physics.rgba'), Buffer.alloc(1024));
    await deleteRun(dir, 'gone');
    expect(readdirSync(join(dir, 'runs'))).toEqual(['keep']);
  });

  it('refuses ids that are not run ids, so no path can escape the library', async () => {
    const dir = library();
    mkdirSync(join(dir, 'runs'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    for (const id of ['../outside', '..', '.partial-x/..', 'a/b', '', '.']) await expect(deleteRun(dir, id)).rejects.toMatchObject({ code: 'bad_request' });
    expect(existsSync(join(dir, 'outside'))).toBe(true);
    await expect(deleteRun(dir, 'missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('hides a delete a crash interrupted, and sweeps it at the next start', async () => {
    const dir = library();
    mkdirSync(join(dir, 'runs', '.deleting-r1-abc123'), { recursive: true });
    mkdirSync(join(dir, 'runs', '.partial-r2'), { recursive: true });
    expect(await listRuns(dir)).toEqual([]);
    await sweepPartials(dir);
    expect(readdirSync(join(dir, 'runs'))).toEqual([]);
  });
});
