import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';
import { clipsPlayable, generateClips, openApp, openSample, promptBox, smallClips } from './app';
import { expect, test } from './host';

test('pick a sample, generate, watch both clips play in sync, step frames, export the composite', async ({ page, host }) => {
  test.setTimeout(450_000);
  await openApp(page, host);
  await smallClips(page);

  // Without an image, Generate explains what the preview tier needs.
  await expect(page.getByTestId('generate-why')).toContainText('your own picture');
  await expect(page.getByTestId('generate')).toBeDisabled();

  await openSample(page);
  await expect(promptBox(page)).toHaveValue(/rolls off the edge/);

  await page.getByTestId('generate').click();
  const baseline = page.getByTestId('video-baseline');
  const physics = page.getByTestId('video-physics');
  await expect(baseline).toBeVisible({ timeout: 270_000 });
  await expect(physics).toBeVisible();
  await expect(page.getByTestId('metrics-physics')).toContainText('Physics score');
  await clipsPlayable(page, 2);

  // Both play, together.
  await page.getByTestId('play').click();
  await expect.poll(() => baseline.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(0.4);
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
  const download = page.waitForEvent('download', { timeout: 180_000 });
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
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(2, { timeout: 180_000 });
  await expect(page.getByTestId('regenerate-physics')).toHaveCount(0);
  await expect(page.getByTestId('video-physics')).toBeVisible();
});

test('edits after a run offer the right regeneration; demo mode is full screen with captions; a cancelled generation leaves nothing', async ({
  page,
  host,
}) => {
  test.setTimeout(540_000);
  await openApp(page, host);
  await smallClips(page);
  await openSample(page);
  await generateClips(page);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);

  // A new prompt changes what the baseline is made from: only both clips again can match.
  const original = await promptBox(page).inputValue();
  await promptBox(page).fill('A red rubber ball falls straight down');
  await expect(page.getByTestId('stale-banner')).toContainText('The prompt changed');
  await expect(page.getByTestId('regenerate-both')).toBeVisible();
  await expect(page.getByTestId('regenerate-physics')).toHaveCount(0);
  await promptBox(page).fill(original);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0, { timeout: 45_000 });

  // Marking the only moving object static: nothing can move, and the app offers to mark it moving again.
  await page.getByRole('tab', { name: 'Scene' }).click();
  await page.getByTestId('scene-tab').getByRole('button', { name: /^ball/ }).click();
  await page.getByLabel('Static or dynamic').selectOption('static');
  await expect(page.getByTestId('regenerate-both')).toBeVisible();
  await expect(page.getByTestId('stale-banner')).toContainText('Which objects move changed');
  await expect(page.getByTestId('generate-why')).toContainText('Nothing in the scene can move');
  await expect(page.getByTestId('mark-moving')).toHaveText('Mark ball as moving');
  await page.getByTestId('mark-moving').click();
  await expect(page.getByTestId('mark-moving')).toHaveCount(0);
  await expect(page.getByTestId('generate-why')).toHaveCount(0);
  // It is an ordinary edit: undo takes it back, twice back to the scene the run was made from.
  await page.locator('.brand').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('mark-moving')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);

  // Demo mode: real full screen, looping, with captions that say why the scores differ.
  await page.keyboard.press('F11');
  await expect(page.getByTestId('app')).toHaveClass(/app--demo/);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
  const physicsCaption = page.getByTestId('demo-caption-physics');
  await expect(physicsCaption).toContainText('Physics-conditioned');
  await expect(physicsCaption).toContainText(/Physics score \d+\/100/);
  await expect(page.getByTestId('demo-caption-baseline')).toContainText(/Weakest, [a-z ,]+:/);
  expect(await physicsCaption.locator('.demo-caption__score').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(22);
  await expect(page.getByRole('checkbox', { name: 'Loop' })).toBeChecked();
  // Leaving full screen (as Esc does) leaves demo mode.
  await page.evaluate(() => document.exitFullscreen());
  await expect(page.getByTestId('app')).not.toHaveClass(/app--demo/);

  // Cancelling while the app encodes removes the run it was making: no run, no raw frames.
  const runsDir = join(host.dataDir, 'library', 'runs');
  const before = readdirSync(runsDir).sort();
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('setting-size').selectOption('1024');
  await page.getByTestId('setting-seconds').fill('10');
  await page.getByTestId('generate').click();
  const job = page.getByTestId('job').first();
  await expect(job).toContainText('encoding', { timeout: 180_000 });
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(job).toHaveAttribute('data-state', 'cancelled');
  await expect.poll(() => readdirSync(runsDir).sort()).toEqual(before);
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(1);
});
