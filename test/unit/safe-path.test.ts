import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from '../../electron/hosts/safe-path';
import { AppError } from '../../shared/contract';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'ps-safe-'));
  root = join(base, 'library');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'runs', 'r1'), { recursive: true });
  writeFileSync(join(root, 'runs', 'r1', 'clip.mp4'), 'video');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(root, 'escape.txt'));
  symlinkSync(join(base), join(root, 'up'));
  symlinkSync(join(root, 'runs', 'r1', 'clip.mp4'), join(root, 'inside-link.mp4'));
});

async function refusal(path: string): Promise<AppError> {
  try {
    await resolveInside(root, path);
  } catch (err) {
    return err as AppError;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('resolveInside (media protocol and static files)', () => {
  it('serves a file inside the library', async () => {
    expect(await resolveInside(root, '/runs/r1/clip.mp4')).toBe(join(root, 'runs', 'r1', 'clip.mp4'));
  });

  it('follows a symlink that stays inside', async () => {
    expect(await resolveInside(root, 'inside-link.mp4')).toBe(join(root, 'runs', 'r1', 'clip.mp4'));
  });

  it.each([['../secret.txt'], ['runs/../../secret.txt'], ['%2e%2e/secret.txt'], ['runs/%2E%2E/%2e%2e/secret.txt'], ['./runs/r1/clip.mp4']])(
    'refuses dot segments: %s',
    async (path) => {
      const err = await refusal(path);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('bad_request');
    },
  );

  it.each([['//etc/passwd'], ['C:/Windows/win.ini'], ['/%2Fetc/passwd']])('refuses absolute paths: %s', async (path) => {
    expect((await refusal(path)).code).toBe('bad_request');
  });

  it('treats a leading slash as library-relative, not as the filesystem root', async () => {
    expect((await refusal('/etc/passwd')).code).toBe('not_found');
  });

  it('refuses backslashes, NUL bytes and broken encoding', async () => {
    expect((await refusal('runs\\..\\..\\secret.txt')).code).toBe('bad_request');
    expect((await refusal('runs/r1/clip.mp4%00.png')).code).toBe('bad_request');
    expect((await refusal('%E0%A4%A')).code).toBe('bad_request');
  });

  it('refuses symlinks that lead outside the library', async () => {
    expect((await refusal('escape.txt')).message).toMatch(/outside/);
    expect((await refusal('up/secret.txt')).message).toMatch(/outside/);
  });

  it('reports a missing file as not_found', async () => {
    expect((await refusal('runs/r1/nope.mp4')).code).toBe('not_found');
  });
});
