import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PixelEvaluationSchema } from '../../shared/evaluate/schema';
import { ROOT, requireBuild, tempDataDir } from '../helpers/engine';
import { clip, FPS, fallPath } from '../helpers/synthetic-clips';

const BIN = join(ROOT, 'bin', 'physstudio.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

async function framesDir(frames: ReturnType<typeof clip>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-evaluate-frames-'));
  for (const [i, f] of frames.entries()) {
    await sharp(Buffer.from(f.data.buffer), { raw: { width: f.width, height: f.height, channels: 4 } })
      .png()
      .toFile(join(dir, `frame${i + 1}.png`));
  }
  return dir;
}

describe('physstudio evaluate', () => {
  requireBuild();

  it('judges a folder of frames from its pixels, with the objects perceived in its first frame', async () => {
    // A disc falling freely onto a table, then a copy whose disc vanishes halfway down.
    const path = fallPath();
    const clean = run(
      'evaluate',
      await framesDir(clip(path)),
      '--prompt',
      'the red ball falls onto the table',
      '--fps',
      String(FPS),
      '--json',
      '--data-dir',
      tempDataDir(),
    );
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout.trim().split('\n')).toHaveLength(1);
    const e = PixelEvaluationSchema.parse(JSON.parse(clean.stdout));
    expect(e.checks.map((c) => c.id)).toEqual([
      'intent',
      'in_frame',
      'no_teleport',
      'no_vanish_split',
      'gravity_fit',
      'support_penetration',
      'background_stable',
      'artefacts',
    ]);
    // The falling disc was found in frame 0 and followed down.
    const followed = e.tracks.find((t) => (t.y[20] ?? 0) - (t.y[0] ?? 0) > 40);
    expect(followed).toBeDefined();
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/ball moved down/);

    const vanishing = path.map((d, f) => (f >= 10 ? null : d));
    const broken = run('evaluate', await framesDir(clip(vanishing)), '--prompt', 'the red ball falls onto the table', '--json', '--data-dir', tempDataDir());
    expect(broken.status, broken.stderr).toBe(0);
    const b = PixelEvaluationSchema.parse(JSON.parse(broken.stdout));
    expect(b.verdict).toBe('implausible');
    expect(b.checks.find((c) => c.id === 'no_vanish_split')?.reason).toMatch(/ball vanishes/);
  });

  it('refuses a folder without frames with one line on stderr', () => {
    const result = run('evaluate', mkdtempSync(join(tmpdir(), 'ps-evaluate-empty-')), '--data-dir', tempDataDir());
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/at least two are needed/);
  });
});
