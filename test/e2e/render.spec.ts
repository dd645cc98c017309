import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { HAS_FFPROBE, probeVideo } from '../helpers/ffprobe';
import { copyTinyVideo, TINY_VIDEO } from '../helpers/pack-copies';
import { type BrowserHost, expect, startBrowserHost, stopBrowserHost, test } from './host';

let host: BrowserHost;

test.beforeEach(async () => {
  host = await startBrowserHost({ modelFolders: [join(TINY_VIDEO, '..')] });
});

test.afterEach(async () => {
  await stopBrowserHost(host);
});

test('render tier: pick the video pack, render both clips with live latents, compare them labelled Render; cancel one', async ({ page }) => {
  test.setTimeout(540_000);
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');

  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('tier-render').click();
  await expect(page.getByTestId('render-pack')).toContainText('Tiny video generator');
  await expect(page.getByTestId('render-provider')).toContainText('cpu');
  // Enough steps and frames that the render takes a few seconds, so its live latents can be seen.
  await page.getByTestId('render-size').selectOption('512');
  await page.getByTestId('render-frames').selectOption('33');
  await page.getByTestId('render-steps').fill('40');

  await page
    .getByTestId('samples')
    .getByRole('button', { name: /Ball rolls off a table/ })
    .click();
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 90_000 });

  await expect(page.getByTestId('generate')).toHaveText('Render');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('render-live-baseline')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('render-live-step-baseline')).toContainText(/step \d+ of 40/);
  await expect(page.getByTestId('render-live-physics')).toBeVisible({ timeout: 180_000 });
  if (process.env.PHYSSTUDIO_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'images', 'render-live.png') });

  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 360_000 });
  await expect(page.getByTestId('render-live')).toHaveCount(0);
  await expect(page.getByTestId('tier-baseline')).toHaveText('Render · Tiny video generator (test fixture) on cpu');
  await expect(page.getByTestId('frame-counter')).toContainText('/33');
  await expect(page.getByTestId('metrics-physics')).toContainText('Physics score');
  await page.getByRole('tab', { name: 'Render' }).click();
  await expect(page.getByTestId('render-provider')).toContainText('last render ran on cpu');
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(1);

  // The render's physics clip as WebM, encoded in the browser (WebCodecs VP9) from its stored frames.
  await page.getByTestId('export-menu').click();
  const download = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByRole('button', { name: 'Physics clip WebM' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'ps-e2e-render-')), 'physics.webm');
  await (await download).saveAs(file);
  if (HAS_FFPROBE) expect(probeVideo(file)).toMatchObject({ codec: expect.stringMatching(/^vp[89]$/), frames: 33 });

  // A second render, cancelled from the queue while it runs, leaves no run behind.
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('render-live-baseline')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('job').filter({ hasText: 'Rendering both clips' }).first().getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('job').first()).toHaveAttribute('data-state', 'cancelled', { timeout: 90_000 });
  await expect(page.getByTestId('render-live')).toHaveCount(0);
  await expect(page.getByTestId('history').getByRole('button')).toHaveCount(1);
});

test('models manager: packs with size, state and folder; import a pack folder by path, then remove it', async ({ page }) => {
  test.setTimeout(180_000);
  const copy = copyTinyVideo('e2e-imported');
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
  await page.getByTestId('open-models').click();
  const manager = page.getByTestId('models-manager');
  await expect(manager.getByTestId('models-pack-tiny-video')).toContainText('video-generator');
  await expect(manager.getByTestId('models-pack-tiny-video')).toContainText(TINY_VIDEO);
  await expect(manager.getByTestId('models-folders')).toContainText(join(TINY_VIDEO, '..'));

  // Browsers hide where a dropped folder is; the path field is the way in here (Electron reads a drop's path).
  await manager.getByTestId('models-import-input').fill(copy.folder);
  await manager.getByTestId('models-import').click();
  const imported = manager.getByTestId('models-pack-e2e-imported');
  await expect(imported).toBeVisible({ timeout: 90_000 });
  await expect(imported.getByTestId('pack-verification')).toHaveText('verified');
  await expect(imported).toContainText(join(host.dataDir, 'models', 'e2e-imported'));
  if (process.env.PHYSSTUDIO_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'images', 'models-manager.png') });

  await imported.getByRole('button', { name: 'Remove…' }).click();
  await imported.getByRole('button', { name: 'Delete its files' }).click();
  await expect(imported).toHaveCount(0);
  // A pack in a folder the user chose offers no delete, only verification.
  await expect(manager.getByTestId('models-pack-tiny-video').getByRole('button', { name: 'Remove…' })).toHaveCount(0);

  await manager.getByTestId('models-provider').selectOption('cuda');
  await page.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('tier-render').click();
  // CUDA cannot load here: the Render tab says so and which provider will really be used.
  await expect(page.getByTestId('render-provider')).toContainText('cpu (cuda is forced in the models manager but does not work here)');
  await expect(page.getByTestId('render-provider')).toContainText('tries cuda → webgpu → cpu');
});
