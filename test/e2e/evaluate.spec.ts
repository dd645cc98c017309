import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './host';

test('evaluate any clip: drop a video the app made and see the same breakdown', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.getByTestId('engine-state')).toHaveText('Engine ready');
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('setting-size').selectOption('256');
  await page.getByTestId('setting-seconds').fill('2');
  await page
    .getByTestId('samples')
    .getByRole('button', { name: /Ball rolls off a table/ })
    .click();
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 90_000 });
  await expect.poll(() => page.locator('[data-testid="video-physics"]').evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.duration > 1.9)).toBe(true);
  // The score under the clip is the pixel evaluation, with a reason for each check.
  const own = page.getByTestId('metrics-physics');
  await expect(own.getByTestId('metrics-physics-verdict')).toHaveText(/Plausible|Implausible/);
  await expect(own.locator('[data-check]')).toHaveCount(8);
  const ownVerdict = await own.getByTestId('metrics-physics-verdict').textContent();

  // Drop the app's own encoded clip into "Evaluate any clip", with no first-frame image.
  // The very file the app encoded for the player (WebM where this Chromium cannot encode H.264).
  const call = async (channel: string, body: unknown) => {
    const res = await fetch(`${host.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-physstudio-token': host.token },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { value: unknown }).value;
  };
  const [summary] = (await call('runs.list', {})) as Array<{ id: string }>;
  const run = (await call('runs.get', { id: summary?.id })) as { clips: { physics: { media: { webm?: string; mp4?: string } } } };
  const media = run.clips.physics.media.webm ?? (run.clips.physics.media.mp4 as string);
  const webm = media.endsWith('.webm');
  const bytes = readFileSync(join(host.dataDir, 'library', media));
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const panel = page.getByTestId('evaluate-clip');
  await panel.getByTestId('evaluate-video').setInputFiles({
    name: `physics.${webm ? 'webm' : 'mp4'}`,
    mimeType: webm ? 'video/webm' : 'video/mp4',
    buffer: bytes,
  });
  await panel.getByTestId('evaluate-prompt').fill('A red rubber ball rolls off the edge of the wooden table and bounces on the floor');
  await panel.getByTestId('evaluate-run').click();
  const result = panel.getByTestId('evaluation-dropped');
  await expect(result).toContainText('Physics score', { timeout: 90_000 });
  // The same judge on the same clip, decoded from the encoded file: the same verdict.
  await expect(result.getByTestId('evaluation-dropped-verdict')).toHaveText(ownVerdict ?? 'missing');
  const rows = result.locator('[data-check]');
  await expect(rows).toHaveCount(8);
  for (const id of ['intent', 'in_frame', 'no_teleport', 'no_vanish_split', 'gravity_fit', 'support_penetration', 'background_stable', 'artefacts']) {
    await expect(result.locator(`[data-check="${id}"] .check-row__reason`)).not.toBeEmpty();
  }
  // The ball was found and followed in the decoded frames: the intent check judged it.
  await expect(result.locator('[data-check="intent"]')).toHaveAttribute('data-state', /pass|fail/);
  await expect(panel.getByTestId('evaluate-result')).toContainText('frames at 24 fps');
});
