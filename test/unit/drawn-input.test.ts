import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawPrompt } from '../../electron/engine/preview/drawn';
import { generatePreview } from '../../electron/engine/preview/generate';
import { reproduce } from '../../electron/engine/preview/runs';
import { GenerateRequestSchema } from '../../shared/contract';
import { DRAWN_IMAGE_NAME, isDrawnInput, runInputRecord } from '../../shared/run/drawn-input';
import { RunSchema } from '../../shared/run/schema';

const settings = { size: 96, fps: 6, seconds: 1, seed: 2, shadows: false, motionBlur: false };
const prompt = 'A red ball rolls off the table';

describe('a run’s picture: drawn from the prompt, or a photo', () => {
  it('is what the run says; only a run made before the field falls back to the drawn picture’s name', () => {
    // The user's own photo that happens to have the drawn picture's name.
    expect(isDrawnInput({ name: DRAWN_IMAGE_NAME, drawn: false })).toBe(false);
    expect(isDrawnInput({ name: 'my-photo.jpg', drawn: true })).toBe(true);
    expect(isDrawnInput({ name: 'my-photo.jpg', drawn: false })).toBe(false);
    // Runs made before the field: the name is all there is.
    expect(isDrawnInput({ name: DRAWN_IMAGE_NAME })).toBe(true);
    expect(isDrawnInput({ name: 'my-photo.jpg' })).toBe(false);
  });

  it('is recorded on every new run: false unless the request says the picture was drawn', () => {
    expect(runInputRecord({ image: '/lib/inputs/ab.png', name: DRAWN_IMAGE_NAME, drawn: true }, 'p')).toEqual({
      image: '/lib/inputs/ab.png',
      name: DRAWN_IMAGE_NAME,
      prompt: 'p',
      drawn: true,
    });
    expect(runInputRecord({ image: '/photos/drawn-from-prompt.png' }, 'p')).toEqual({
      image: '/photos/drawn-from-prompt.png',
      name: DRAWN_IMAGE_NAME,
      prompt: 'p',
      drawn: false,
    });
  });

  it('survives the run record’s schema both ways, and old records without it still parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-drawn-'));
    const drawn = await drawPrompt(dir, prompt);
    const run = await generatePreview(
      { image: drawn.path, name: DRAWN_IMAGE_NAME, drawn: true, prompt, refinement: null, scene: drawn.scene, settings },
      { libraryDir: dir },
    );
    expect(run.input.drawn).toBe(true);
    // Round trip through the file the library writes.
    const file = join(dir, 'run.json');
    writeFileSync(file, JSON.stringify(run));
    const back = RunSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(back.input).toEqual(run.input);
    expect(isDrawnInput(back.input)).toBe(true);
    // The same picture sent as a photo (a client that says nothing) is recorded as one.
    const photo = await generatePreview(
      { image: drawn.path, name: DRAWN_IMAGE_NAME, prompt, refinement: null, scene: drawn.scene, settings },
      { libraryDir: dir },
    );
    expect(RunSchema.parse(JSON.parse(JSON.stringify(photo))).input).toMatchObject({ name: DRAWN_IMAGE_NAME, drawn: false });
    expect(isDrawnInput(photo.input)).toBe(false);
    // A run record from before the field.
    const { drawn: _, ...old } = run.input;
    const oldRun = RunSchema.parse({ ...run, input: old });
    expect(oldRun.input.drawn).toBeUndefined();
    expect(isDrawnInput(oldRun.input)).toBe(true);
    // Reproduced from its sidecar, the old drawn run's remake says it is drawn, and matches frame for frame.
    const inputSha256 = createHash('sha256').update(readFileSync(drawn.path)).digest('hex');
    const again = await reproduce({ kind: 'physstudio.sidecar', version: 1, inputSha256, run: oldRun }, { libraryDir: dir });
    expect(again.run.input).toMatchObject({ name: DRAWN_IMAGE_NAME, drawn: true });
    expect(again.identical).toEqual({ baseline: true, physics: true });
  });

  it('is part of the generate request, typed', () => {
    const request = { image: '/x.png', prompt, refinement: null, scene: {}, settings, jobId: 'j1' };
    const field = (drawn: unknown) =>
      GenerateRequestSchema.safeParse({ ...request, drawn })
        .error?.issues.filter((i) => i.path[0] === 'drawn')
        .map((i) => i.code) ?? [];
    expect(field(true)).toEqual([]);
    expect(field(undefined)).toEqual([]);
    expect(field('yes')).toEqual(['invalid_type']);
  });
});
