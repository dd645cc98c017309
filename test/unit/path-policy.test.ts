import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertUsablePath, makeDirectory } from '../../electron/common/path-policy';
import { AppError } from '../../shared/contract';

const linux = process.platform === 'linux';

describe('paths a request may name', () => {
  it('refuses relative paths and the kernel pseudo-filesystems, directly or through a link', async () => {
    for (const path of ['out', './out', '../out'])
      await expect(assertUsablePath(path, 'The folder')).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/full path/) });
    if (!linux) return;
    for (const path of ['/proc', '/proc/self/x', '/sys/kernel', '/dev/x/y', '/tmp/../proc/1'])
      await expect(assertUsablePath(path, 'The folder')).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/may not be inside/) });
    const link = join(mkdtempSync(join(tmpdir(), 'ps-pp-')), 'to-proc');
    symlinkSync('/proc/self', link);
    await expect(assertUsablePath(join(link, 'a', 'b'), 'The folder')).rejects.toMatchObject({ message: expect.stringMatching(/inside \/proc/) });
  });

  it('accepts ordinary absolute paths, existing or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-pp-'));
    await expect(assertUsablePath(dir, 'The folder')).resolves.toBeUndefined();
    await expect(assertUsablePath(join(dir, 'not', 'yet'), 'The folder')).resolves.toBeUndefined();
  });
});

describe('makeDirectory', () => {
  it('makes every missing level', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ps-md-')), 'a', 'b', 'c');
    await makeDirectory(dir);
    expect(existsSync(dir)).toBe(true);
    await makeDirectory(dir);
  });

  it('fails once with a typed error where Node’s recursive mkdir spins (/proc) or a file is in the way', async () => {
    if (linux) await expect(makeDirectory('/proc/self/x/y')).rejects.toBeInstanceOf(AppError);
    const root = mkdtempSync(join(tmpdir(), 'ps-md-'));
    writeFileSync(join(root, 'file'), 'x');
    await expect(makeDirectory(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/part of that path is a file/) });
  });
});
