import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../electron/engine/jobs';
import { drawPrompt } from '../../electron/engine/preview/drawn';
import { generatePreview } from '../../electron/engine/preview/generate';
import { AppError } from '../../shared/contract';

const settings = { size: 128, fps: 8, seconds: 1, seed: 3, shadows: false, motionBlur: false };

describe('a cancelled job', () => {
  it('ends as cancelled when a step stops on the signal with a bare AbortError', async () => {
    const jobs = new JobRegistry(() => {});
    const pending = jobs.run('j1', 'test', 'Testing', async (ctx) => {
      jobs.cancel('j1');
      ctx.signal.throwIfAborted();
    });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', message: 'Testing was cancelled.' });
  });

  it('keeps a typed error the step chose, and passes errors through when nobody cancelled', async () => {
    const jobs = new JobRegistry(() => {});
    await expect(
      jobs.run('j2', 'test', 'Testing', async () => {
        jobs.cancel('j2');
        throw new AppError('io', 'The disk went away.');
      }),
    ).rejects.toMatchObject({ code: 'io' });
    const bug = new TypeError('a real bug');
    await expect(jobs.run('j3', 'test', 'Testing', async () => Promise.reject(bug))).rejects.toBe(bug);
    expect(jobs.size).toBe(0);
  });

  it('cancelled while the preview cuts out its objects is reported as cancelled and leaves no run', async () => {
    const libraryDir = mkdtempSync(join(tmpdir(), 'ps-cancel-'));
    const prompt = 'A red ball rolls off the table';
    const drawn = await drawPrompt(libraryDir, prompt);
    const jobs = new JobRegistry(() => {});
    const stages: string[] = [];
    const pending = jobs.run('gen', 'preview.generate', 'Generating both clips', (ctx) =>
      generatePreview(
        { image: drawn.path, prompt, refinement: null, scene: drawn.scene, settings },
        {
          libraryDir,
          signal: ctx.signal,
          // The cancel lands exactly as the step starts: the step runs to its end, then stops on the signal.
          progress: (stage) => {
            stages.push(stage);
            if (stage === 'cutting out objects') jobs.cancel('gen');
          },
        },
      ),
    );
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    // It stopped in that step: nothing was rendered.
    expect(stages.at(-1)).toBe('cutting out objects');
    const runs = join(libraryDir, 'runs');
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });
});
