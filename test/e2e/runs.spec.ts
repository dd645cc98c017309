import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';
import { openApp, openSample, promptBox, smallClips } from './app';
import { type BrowserHost, expect, invoke, test } from './host';

interface RunLike {
  id: string;
  input: { prompt: string };
  settings: { seed: number };
  clips: Record<'baseline' | 'physics', { framesSha256: string }>;
}

async function ready(page: Page, host: BrowserHost) {
  await openApp(page, host);
  await smallClips(page);
}

async function generated(page: Page, host: BrowserHost, count: number): Promise<RunLike> {
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(count, { timeout: 120_000 });
  const list = await invoke<Array<{ id: string }>>(host, 'runs.list');
  return invoke<RunLike>(host, 'runs.get', { id: list[0]?.id });
}

test('reopening a run restores its inputs, so Generate reproduces it byte for byte', async ({ page, host }) => {
  test.setTimeout(300_000);
  await ready(page, host);
  await openSample(page, /Ball rolls off a table/);
  await page.getByTestId('generate').click();
  const first = await generated(page, host, 1);

  // Change what the next run is made from: the prompt, the gravity and the seed.
  const box = promptBox(page);
  await box.fill('A red rubber ball falls straight down');
  await page.getByRole('tab', { name: 'Scene' }).click();
  await page.getByLabel('Gravity', { exact: true }).selectOption('moon');
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByRole('button', { name: 'New seed' }).click();
  await page.getByTestId('generate').click();
  const second = await generated(page, host, 2);
  expect(second.clips.physics.framesSha256).not.toBe(first.clips.physics.framesSha256);

  // Reopen the first run: its prompt, scene and seed come back, and nothing is stale.
  await page.getByTestId('history').getByRole('button').nth(1).click();
  await expect(box).toHaveValue(first.input.prompt);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Scene' }).click();
  await expect(page.getByLabel('Gravity', { exact: true })).toHaveValue('earth');

  // Generate makes the same run again: byte-identical frames in both clips.
  await page.getByTestId('generate').click();
  const third = await generated(page, host, 3);
  expect(third.id).not.toBe(first.id);
  expect(third.settings.seed).toBe(first.settings.seed);
  expect(third.clips.baseline.framesSha256).toBe(first.clips.baseline.framesSha256);
  expect(third.clips.physics.framesSha256).toBe(first.clips.physics.framesSha256);

  // Duplicate and edit opens the run's scene for editing; the clips wait in the other view.
  await page.getByTestId('duplicate-edit').click();
  await expect(page.getByTestId('centre-scene')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('scene-overlay')).toBeVisible();
  // Generating from the scene view switches back to the clips it makes.
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('centre-clips')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 120_000 });
});

test('Generate needs a picture or a prompt, warns on an empty prompt, and marks clips of another picture stale', async ({ page, host }) => {
  test.setTimeout(240_000);
  await ready(page, host);
  const generate = page.getByTestId('generate');
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAttribute('title', /drop an image or pick a sample/);
  await expect(page.getByTestId('generate-why')).toContainText('your own picture');

  await openSample(page, /Ball rolls off a table/);
  await expect(generate).toBeEnabled();
  const box = promptBox(page);
  const prompt = await box.inputValue();
  await box.fill('');
  await expect(page.getByTestId('generate-warn')).toContainText('The prompt is empty');
  // The refined prompt is part of what a run is made from: let it arrive, as a person would.
  const refined = page.waitForResponse((r) => r.url().includes('/api/invoke/prompt.refine'));
  await box.fill(prompt);
  await refined;
  await expect(page.getByTestId('generate-warn')).toHaveCount(0);

  await generate.click();
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('stale-badge')).toHaveCount(0);
  // The first run measured this machine; the next one shows an estimate.
  await expect(page.getByTestId('estimate')).toContainText(/About .* for both clips/);

  // A new picture: the clips on screen are of the old one, and say so.
  await openSample(page, /A leaning stack topples/);
  await page.getByTestId('centre-clips').click();
  await expect(page.getByTestId('stale-badge').first()).toBeVisible();
  await expect(page.getByTestId('stale-banner')).toContainText('not from the picture now loaded');
});

test('the Render tab and the System panel agree on the provider; the render tier’s error goes with the tier', async ({ page, host }) => {
  test.setTimeout(180_000);
  await ready(page, host);
  await openSample(page, /Ball rolls off a table/);
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('tier-render').click();
  const provider = page.getByTestId('render-provider');
  await expect(provider).not.toContainText('checking');
  const shown = (await provider.innerText()).split(/\s/)[0];

  await page.getByTestId('open-system').click();
  const panel = page.getByTestId('system-panel');
  const active = panel.locator('[data-testid^="provider-"]').filter({ has: page.locator('.chip', { hasText: 'active' }) });
  await expect(active).toHaveCount(1, { timeout: 60_000 });
  expect(await active.getAttribute('data-testid')).toBe(`provider-${shown}`);
  await expect(active).toHaveAttribute('data-available', 'true');
  await panel.getByRole('button', { name: 'Close' }).click();

  // With no video pack, the render tier explains itself; switching back to the preview clears it.
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('generate-error')).toContainText('needs a video model pack');
  await page.getByTestId('tier-preview').click();
  await expect(page.getByTestId('generate-error')).toHaveCount(0);
});

test('exports are named by prompt, seed and stream, with a GIF of each clip and presets', async ({ page, host }) => {
  test.setTimeout(240_000);
  await ready(page, host);
  await openSample(page, /Ball rolls off a table/);
  await page.getByTestId('generate').click();
  const run = await generated(page, host, 1);
  const stem = 'a-red-rubber-ball-rolls-off-the-edge-of';

  const save = async (label: string, preset = 'web') => {
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-preset').selectOption(preset);
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: label, exact: true }).click();
    const d = await download;
    const file = join(host.dataDir, d.suggestedFilename());
    await d.saveAs(file);
    return { name: d.suggestedFilename(), file };
  };

  const composite = await save('Side-by-side MP4 (labelled)');
  expect(composite.name).toBe(`${stem}-seed${run.settings.seed}-composite.mp4`);
  if (HAS_FFPROBE) expect(probeVideo(composite.file)).toMatchObject({ codec: 'h264', frames: 49 });
  const small = await save('Side-by-side MP4 (labelled)', 'small');
  expect(small.name).toBe(`${stem}-seed${run.settings.seed}-composite-small.mp4`);
  if (HAS_FFPROBE) {
    const [full, half] = [probeVideo(composite.file), probeVideo(small.file)];
    expect(half.frames).toBe(49);
    expect(half.width).toBeLessThan(full.width);
  }
  for (const which of ['baseline', 'physics']) {
    const gif = await save(`${which === 'baseline' ? 'Baseline' : 'Physics'} clip GIF`);
    expect(gif.name).toBe(`${stem}-seed${run.settings.seed}-${which}.gif`);
    expect(readFileSync(gif.file).subarray(0, 6).toString('latin1')).toBe('GIF89a');
  }
  const sidecar = await save('Sidecar JSON (reproduces the run)');
  expect(sidecar.name).toBe(`${stem}-seed${run.settings.seed}-run.sidecar.json`);
  expect(JSON.parse(readFileSync(sidecar.file, 'utf8')).run.id).toBe(run.id);
});
