import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/common/atomic-write';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-atomic-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('creates missing folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-atomic-'));
    await writeFileAtomic(join(dir, 'a', 'b', 'c.json'), '{}');
    expect(readFileSync(join(dir, 'a', 'b', 'c.json'), 'utf8')).toBe('{}');
  });

  it('keeps the old content and cleans up when the final rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-atomic-'));
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['child']);
  });
});
