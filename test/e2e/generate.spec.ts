import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';
import { expect, test } from './host';

test('pick a sample, generate, watch both clips play in sync, step frames, export the composite', async ({ page, host }) => {
  test.setTimeout(150_000);
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');

  // Small clips keep the test quick; the path is the same at any size.
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('setting-size').selectOption('256');
  await page.getByTestId('setting-seconds').fill('2');

  // Without an image, Generate explains what the preview tier needs.
  await expect(page.getByTestId('generate-why')).toContainText('your own picture');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('generate-error')).toContainText('needs an image');

  await page
    .getByTestId('samples')
    .getByRole('button', { name: /Ball rolls off a table/ })
    .click();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(/rolls off the edge/);
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 30_000 });

  await page.getByTestId('generate').click();
  const baseline = page.getByTestId('video-baseline');
  const physics = page.getByTestId('video-physics');
  await expect(baseline).toBeVisible({ timeout: 90_000 });
  await expect(physics).toBeVisible();
  await expect(page.getByTestId('metrics-physics')).toContainText('Physics score');
  const ready = (sel: string) => page.locator(`[data-testid="${sel}"]`).evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.duration > 1.9);
  await expect.poll(() => ready('video-baseline')).toBe(true);
  await expect.poll(() => ready('video-physics')).toBe(true);

  // Both play, together.
  await page.getByTestId('play').click();
  await expect.poll(() => baseline.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.4);
  const [a, b] = await page.evaluate(() => {
    const [x, y] = ['video-baseline', 'video-physics'].map((id) => document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`));
    return [x?.currentTime ?? -1, y?.currentTime ?? -1];
  });
  expect(b).toBeGreaterThan(0.2);
  expect(Math.abs(a - b)).toBeLessThan(0.25);
  await page.keyboard.press('Space');

  // Frame stepping moves both players one frame at a time.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('frame-counter')).toContainText('1/49');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('frame-counter')).toContainText('3/49');
  await expect.poll(() => physics.evaluate((v: HTMLVideoElement) => Math.floor(v.currentTime * 24))).toBe(2);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('frame-counter')).toContainText('2/49');

  // The physics clip records its impacts on the timeline.
  await expect(page.getByTestId('event-marker').first()).toBeAttached();

  // Wipe and ghost views keep the same players.
  await page.getByRole('button', { name: 'Wipe', exact: true }).click();
  await expect(page.getByRole('slider', { name: 'Wipe position' })).toBeVisible();
  await page.getByRole('button', { name: 'Ghost', exact: true }).click();
  await expect(page.getByRole('slider', { name: 'Ghost opacity' })).toBeVisible();
  await page.getByRole('button', { name: 'Side by side', exact: true }).click();

  if (process.env.PHYSSTUDIO_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'images', 'compare.png') });

  // Export the labelled side-by-side MP4 (encoded in the browser with WebCodecs).
  await page.getByTestId('export-menu').click();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Side-by-side MP4 (labelled)' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'ps-e2e-export-')), 'composite.mp4');
  await (await download).saveAs(file);
  if (HAS_FFPROBE) {
    const probed = probeVideo(file);
    expect(probed.codec).toBe('h264');
    expect(probed.frames).toBe(49);
  }

  // The run is in the history strip.
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(1);

  // A physics edit after the run offers to regenerate only the physics clip.
  await page.getByRole('tab', { name: 'Scene' }).click();
  await page.getByLabel('Gravity', { exact: true }).selectOption('moon');
  await page.getByTestId('regenerate-physics').click();
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('regenerate-physics')).toHaveCount(0);
  await expect(page.getByTestId('video-physics')).toBeVisible();
});
