import { expect, test } from './host';

test('explore', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
  await page
    .getByTestId('samples')
    .getByRole('button', { name: /Ball rolls off a table/ })
    .click();
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 90_000 });
  for (const preset of ['web', 'small', 'master', 'web']) {
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-preset').selectOption(preset);
    const t = Date.now();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Side-by-side MP4 (labelled)' }).click();
    const d = await download;
    await d.saveAs(`/tmp/uxshots/${d.suggestedFilename()}`);
    console.log(preset, d.suggestedFilename(), Date.now() - t, 'ms');
  }
  await page.getByTestId('export-menu').click();
  await page.screenshot({ path: '/tmp/uxshots/export-1280.png' });
});
