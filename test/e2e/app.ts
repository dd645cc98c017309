import { expect, type Locator, type Page } from '@playwright/test';
import type { BrowserHost } from './host';

/**
 * The page set-up the end-to-end specs share: open the app on a host, make clips small, load a
 * sample, generate, wait for playable clips. Limits catch hangs, not slowness (CI shares 2 cores).
 */

/** Opens the app (at a window size, if given) and waits for the engine. */
export async function openApp(page: Page, host: BrowserHost, viewport?: { width: number; height: number }): Promise<void> {
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
}

/** Small, short clips keep a test quick; the path is the same at any size. `size: null` keeps the default size. */
export async function smallClips(page: Page, { size = '256', seconds = '2' }: { size?: string | null; seconds?: string } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Render' }).click();
  if (size) await page.getByTestId('setting-size').selectOption(size);
  await page.getByTestId('setting-seconds').fill(seconds);
}

/** Picks a bundled sample and waits for its perceived scene. */
export async function openSample(page: Page, name: RegExp = /Ball rolls off a table/, timeout = 90_000): Promise<void> {
  await page.getByTestId('samples').getByRole('button', { name }).click();
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout });
}

export function promptBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Prompt', exact: true });
}

/** Presses Generate and waits for the physics clip's player. */
export async function generateClips(page: Page, timeout = 270_000): Promise<void> {
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout });
}

/** Both players have their clip loaded, at least `seconds` long. */
export async function clipsPlayable(page: Page, seconds: number): Promise<void> {
  for (const id of ['video-baseline', 'video-physics']) {
    await expect
      .poll(() => page.locator(`[data-testid="${id}"]`).evaluate((v: HTMLVideoElement, s) => v.readyState >= 2 && v.duration > s, seconds - 0.1))
      .toBe(true);
  }
}

/**
 * A photo-like test picture drawn by the browser: a table (150..650, 420..460) with a red ball
 * (centre 300,380, r 40) and a blue box (480..570, 330..420) on it. PNG bytes.
 */
export async function tablePicture(page: Page): Promise<Buffer> {
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(800, 600);
    const g = canvas.getContext('2d');
    if (!g) return [];
    const sky = g.createLinearGradient(0, 0, 0, 600);
    sky.addColorStop(0, '#c8c0b0');
    sky.addColorStop(1, '#a89c88');
    g.fillStyle = sky;
    g.fillRect(0, 0, 800, 600);
    g.fillStyle = '#7a4a20';
    g.fillRect(150, 420, 500, 40);
    g.fillStyle = '#d02020';
    g.beginPath();
    g.arc(300, 380, 40, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#2050d0';
    g.fillRect(480, 330, 90, 90);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(png);
}

/**
 * Drops files onto an element as a person would drag them from the desktop (a real `drop` event
 * carrying a DataTransfer), not through a file input.
 */
export async function dropFiles(target: Locator, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, bytes: f.buffer.toString('base64') }));
  const transfer = await target.page().evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.bytes), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}
