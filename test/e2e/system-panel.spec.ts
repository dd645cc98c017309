import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { enginePid, expect, test } from './host';

test('the System panel shows the CPU provider working, reported by the engine process', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app')).toBeVisible();
  // The token is moved out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
  await expect(page.getByTestId('provider-chip')).toHaveText('CPU');

  await page.getByTestId('open-system').click();
  const panel = page.getByTestId('system-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('provider-cpu')).toHaveAttribute('data-available', 'true');
  await expect(panel.getByTestId('provider-cpu')).toContainText('works');
  await expect(panel.getByTestId('provider-cuda')).toHaveAttribute('data-available', 'false');
  // The pid shown is the engine's, a different process from the host serving the page.
  const pid = await enginePid(host);
  expect(pid).not.toBe(host.process.pid);
  await expect(panel.getByTestId('engine-pid')).toContainText(`pid ${pid} (node-child)`);

  if (process.env.PHYSSTUDIO_SCREENSHOTS) {
    const dir = join(ROOT, 'docs', 'images');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'system-panel.png') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(dir, 'app.png') });
  }
});

test('keyboard: F1 opens System, Escape closes it, arrows move between inspector tabs', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
  await page.keyboard.press('F1');
  await expect(page.getByTestId('system-panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('system-panel')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Scene' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Prompt' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Prompt' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toContainText('refined prompt');
});

test('a page opened without the token explains what to do instead of failing silently', async ({ page, host }) => {
  await page.goto(host.origin);
  await expect(page.getByRole('alert')).toContainText('without its session token');
});

test('dropping a non-image explains the problem; a real image is shown', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('notice-error')).toContainText('not a PNG, JPEG, WebP or GIF');
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
  await expect(page.getByTestId('notice-error').last()).toContainText('could not be decoded');
  // A real 4×3 PNG, encoded by the browser's own canvas.
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(4, 3);
    const ctx = canvas.getContext('2d');
    if (ctx) ctx.fillStyle = '#c33';
    ctx?.fillRect(0, 0, 4, 3);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page.getByTestId('file-input').setInputFiles({ name: 'fixture-4x3.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByRole('img', { name: 'Input: fixture-4x3.png' })).toBeVisible();
  await expect(page.getByTestId('dropzone')).toContainText('4×3');
});
