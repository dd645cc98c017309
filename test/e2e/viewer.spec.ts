import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ROOT } from '../helpers/engine';
import { generateClips, openApp, openSample, smallClips } from './app';
import { type BrowserHost, expect, test } from './host';

async function generate(page: Page, host: BrowserHost, viewport: { width: number; height: number }) {
  await openApp(page, host, viewport);
  await smallClips(page, { size: null });
  await openSample(page);
  await generateClips(page);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

/** The whole clip and the playback controls are inside the window, and the clip is not squashed. */
async function expectFits(page: Page, viewport: { width: number; height: number }) {
  const screen = await box(page.getByTestId('screen-physics'));
  expect(screen.y).toBeGreaterThanOrEqual(0);
  expect(screen.x).toBeGreaterThanOrEqual(0);
  expect(screen.y + screen.height).toBeLessThanOrEqual(viewport.height);
  expect(screen.x + screen.width).toBeLessThanOrEqual(viewport.width);
  // The sample is 800×600: the screen keeps that shape (no crop of the clip's top or sides).
  expect(Math.abs(screen.width / screen.height - 4 / 3)).toBeLessThan(0.02);
  expect(screen.height).toBeGreaterThan(150);
  const video = await box(page.getByTestId('video-physics'));
  expect(Math.abs(video.y - screen.y)).toBeLessThan(1.5);
  expect(Math.abs(video.height - screen.height)).toBeLessThan(1.5);
  for (const control of [page.getByTestId('play'), page.getByTestId('export-menu'), page.getByRole('button', { name: 'Ghost', exact: true })]) {
    const b = await box(control);
    expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
  }
  // Both clips overlap exactly in the wipe and ghost views.
  const other = await box(page.getByTestId('screen-baseline'));
  expect(other).toEqual(screen);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`wipe and ghost fit the window at ${viewport.width}×${viewport.height}; wipe labels its sides`, async ({ page, host }) => {
    test.setTimeout(180_000);
    await generate(page, host, viewport);
    await page.getByRole('button', { name: 'Wipe', exact: true }).click();
    await expectFits(page, viewport);
    const screen = await box(page.getByTestId('screen-physics'));
    const left = await box(page.getByTestId('wipe-label-baseline'));
    const right = await box(page.getByTestId('wipe-label-physics'));
    await expect(page.getByTestId('wipe-label-baseline')).toContainText('Baseline');
    await expect(page.getByTestId('wipe-label-physics')).toContainText('Physics');
    expect(left.x).toBeGreaterThanOrEqual(screen.x);
    expect(left.x + left.width).toBeLessThan(screen.x + screen.width / 2);
    expect(right.x).toBeGreaterThan(screen.x + screen.width / 2);
    expect(right.x + right.width).toBeLessThanOrEqual(screen.x + screen.width + 1);
    // Dragging on the picture moves the wipe line.
    const slider = page.getByRole('slider', { name: 'Wipe position' });
    await page.mouse.move(screen.x + screen.width * 0.5, screen.y + screen.height / 2);
    await page.mouse.down();
    await page.mouse.move(screen.x + screen.width * 0.25, screen.y + screen.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(30);
    await slider.fill('50');
    if (viewport.width === 1280 && process.env.PHYSSTUDIO_SCREENSHOTS) {
      // The wipe at the smallest supported window, with onion skins.
      await page.getByTestId('onion-toggle').check();
      await page.getByTestId('frame-counter').click();
      for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
      await page.screenshot({ path: join(ROOT, 'docs', 'images', 'viewer-wipe-1280.png') });
      await page.getByTestId('onion-toggle').uncheck();
    }
    await page.getByRole('button', { name: 'Ghost', exact: true }).click();
    await expectFits(page, viewport);
  });
}

test('zoom and pan move both clips together; onion skins show where objects were; A/B preference by key, shown in History', async ({ page, host }) => {
  test.setTimeout(180_000);
  await generate(page, host, { width: 1440, height: 900 });
  const content = page.getByTestId('content-physics');
  const baseline = page.getByTestId('content-baseline');
  await expect(content).toHaveAttribute('data-zoom', '1.000');

  await page.getByTestId('zoom-in').click();
  await page.getByTestId('zoom-in').click();
  await expect(content).toHaveAttribute('data-zoom', '1.563');
  await expect(baseline).toHaveAttribute('data-zoom', '1.563');
  const zoomed = await box(page.getByTestId('video-physics'));
  const screen = await box(page.getByTestId('screen-physics'));
  expect(zoomed.width).toBeGreaterThan(screen.width * 1.5);

  // Drag to pan: the picture follows the pointer, in both clips.
  const before = await content.evaluate((el) => getComputedStyle(el).transform);
  await page.mouse.move(screen.x + screen.width * 0.3, screen.y + screen.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(screen.x + screen.width * 0.6, screen.y + screen.height * 0.6, { steps: 5 });
  await page.mouse.up();
  const after = await content.evaluate((el) => getComputedStyle(el).transform);
  expect(after).not.toBe(before);
  expect(await baseline.evaluate((el) => getComputedStyle(el).transform)).toBe(after);
  // The picture never leaves its screen: dragging right stops at its left edge.
  const moved = await box(page.getByTestId('video-physics'));
  expect(moved.x).toBeLessThanOrEqual(screen.x + 0.5);

  // Fit again (0), then the wheel zooms about the pointer.
  await page.keyboard.press('0');
  await expect(content).toHaveAttribute('data-zoom', '1.000');
  await page.mouse.move(screen.x + screen.width / 2, screen.y + screen.height / 2);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number(await content.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
  await page.keyboard.press('0');

  // Onion skins: one faint outline per moving object every N frames (49 frames, the current one excluded).
  await expect(page.getByTestId('onion-physics')).toHaveCount(0);
  await page.getByTestId('onion-toggle').check();
  const ghosts = page.getByTestId('onion-physics').getByTestId('onion-ghost');
  await expect(ghosts).toHaveCount(12);
  await page.getByTestId('onion-every').selectOption('12');
  await expect(ghosts).toHaveCount(4);
  // Each clip draws its own: the baseline's poses are not the physics clip's.
  const baseGhost = await page.getByTestId('onion-baseline').getByTestId('onion-ghost').last().getAttribute('points');
  const physGhost = await ghosts.last().getAttribute('points');
  expect(baseGhost).not.toBe(physGhost);
  // The outlines move off the first pose (the ball falls).
  const first = await ghosts.first().boundingBox();
  const last = await ghosts.last().boundingBox();
  expect(first && last && Math.hypot(last.x - first.x, last.y - first.y)).toBeGreaterThan(20);

  // A/B: one key, shown on the run in History.
  await page.locator('.brand').click();
  await page.keyboard.press('b');
  await expect(page.getByTestId('prefer-physics')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('history-preference')).toHaveText('B', { timeout: 15_000 });
  await page.keyboard.press('a');
  await expect(page.getByTestId('prefer-baseline')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('history-preference')).toHaveText('A', { timeout: 15_000 });
});
