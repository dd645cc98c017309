import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { clipsPlayable, dropFiles, generateClips, openApp, openSample, promptBox, smallClips, tablePicture } from './app';
import { expect, invoke, test } from './host';

interface RunLike {
  id: string;
  input: { name: string; prompt: string; drawn?: boolean };
  scene: { objects: Array<{ label: string; provenance: { label?: string } }> };
  clips: Record<'baseline' | 'physics', { framesSha256: string; tracks: Array<{ id: string }> }>;
}

async function newestRun(host: Parameters<typeof invoke>[0]): Promise<RunLike> {
  const [summary] = await invoke<Array<{ id: string }>>(host, 'runs.list');
  return invoke<RunLike>(host, 'runs.get', { id: summary?.id });
}

test('a prompt with no picture: Generate draws the scene, labels it as drawn, makes both clips, and the run reopens as drawn', async ({ page, host }) => {
  test.setTimeout(360_000);
  await openApp(page, host);
  await smallClips(page);
  const generate = page.getByTestId('generate');
  const history = page.getByTestId('history').getByRole('button');

  // Neither a picture nor a prompt: Generate says what it needs.
  await expect(generate).toBeDisabled();
  await expect(page.getByTestId('generate-why')).toContainText('Type a prompt to have a scene drawn from it');

  // A prompt that names nothing drawable: a clear error that says what to type, and no run.
  await promptBox(page).fill('it moves slowly');
  await expect(generate).toBeEnabled();
  await expect(page.getByTestId('generate-draw-note')).toContainText('Generate draws a simple scene from your prompt');
  await generate.click();
  await expect(page.getByTestId('generate-error')).toContainText('The prompt names nothing the drawing can show');
  await expect(page.getByTestId('generate-error')).toContainText('a red ball rolls off the table');
  await expect(page.getByTestId('dropzone').getByRole('img')).toHaveCount(0);
  expect(await invoke<unknown[]>(host, 'runs.list')).toHaveLength(0);

  // The Scene tab can draw the scene without generating, to look at or edit it first.
  await promptBox(page).fill('A glass bottle topples over');
  await page.getByRole('tab', { name: 'Scene' }).click();
  await page.getByTestId('draw-scene').click();
  await expect(page.getByTestId('drawn-label')).toHaveText('Drawn from your prompt — no photo');
  await expect(page.getByTestId('scene-tab').getByRole('button', { name: /^bottle/ })).toBeVisible();
  await expect(page.getByTestId('scene-overlay')).toBeVisible();
  await expect(page.getByTestId('generate-error')).toHaveCount(0);

  // A drawable prompt, and Ctrl+Enter from the prompt box: the scene is drawn again for it, labelled, and both clips are made.
  const prompt = 'A red ball rolls off the table';
  await promptBox(page).fill(prompt);
  await promptBox(page).press('Control+Enter');
  await expect(page.getByRole('tab', { name: 'Scene' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('drawn-label')).toHaveText('Drawn from your prompt — no photo');
  await expect(page.getByTestId('dropzone')).toContainText('Drawn from your prompt — no photo · 800×600');
  await expect(page.getByTestId('scene-tab').getByRole('button', { name: /^ball/ })).toBeVisible();
  await expect(page.getByTestId('video-physics')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('generate-error')).toHaveCount(0);
  await clipsPlayable(page, 2);
  for (const v of ['baseline', 'physics']) await expect(page.getByTestId(`metrics-${v}`).locator('[data-check]')).toHaveCount(8);
  await expect(history).toHaveCount(1, { timeout: 30_000 });
  const first = await newestRun(host);
  expect(first.input).toMatchObject({ name: 'drawn-from-prompt.png', prompt, drawn: true });
  expect(first.scene.objects.map((o) => [o.label, o.provenance.label])).toContainEqual(['ball', 'prompt']);
  // The same physics as on a photo: the ball is simulated and its path recorded in both clips.
  expect(first.clips.physics.tracks.length).toBeGreaterThan(0);
  expect(first.clips.baseline.tracks.length).toBeGreaterThan(0);
  if (process.env.PHYSSTUDIO_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'images', 'prompt-only.png') });

  // A new prompt: the drawing is now of the old one, and Generate draws it again.
  await promptBox(page).fill('An apple falls onto the floor');
  await expect(page.getByTestId('drawn-label')).toContainText('the prompt changed since');
  await expect(page.getByTestId('generate-draw-note')).toContainText('The prompt changed since the scene was drawn');
  // With progress in the queue, and cancel: a cancelled generation leaves no run behind.
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('setting-size').selectOption('1024');
  await page.getByTestId('setting-seconds').fill('10');
  const runsDir = join(host.dataDir, 'library', 'runs');
  const before = readdirSync(runsDir).sort();
  await generate.click();
  // The drawing is a step of its own in the queue; the generation's stages follow, with progress.
  await expect(page.getByTestId('job').filter({ hasText: 'Drawing the scene from the prompt' }).first()).toBeVisible();
  // Cancelled while the app encodes (the longest stage at this size, so the click lands in it).
  const job = page.getByTestId('job').first();
  await expect(job).toContainText('encoding', { timeout: 180_000 });
  await job.getByRole('button', { name: 'Cancel' }).click({ timeout: 10_000 });
  await expect(job).toHaveAttribute('data-state', 'cancelled');
  await expect.poll(() => readdirSync(runsDir).sort()).toEqual(before);
  // The clips on screen are of the ball's drawing, not of the apple's now loaded, and say so.
  await expect(page.getByTestId('stale-banner')).toContainText('made from a scene drawn from their prompt, not from the picture now loaded');
  // The apple was drawn, though: the Scene tab shows it, labelled, and no longer out of date.
  await page.getByRole('tab', { name: 'Scene' }).click();
  await expect(page.getByTestId('scene-tab').getByRole('button', { name: /^apple/ })).toBeVisible();
  await expect(page.getByTestId('drawn-label')).toHaveText('Drawn from your prompt — no photo');
  await expect(history).toHaveCount(1);

  // Reopening the drawn run brings back its drawing, labelled, and its prompt; Generate remakes it byte for byte.
  await history.first().click();
  await expect(promptBox(page)).toHaveValue(prompt);
  await expect(page.getByTestId('dropzone')).toContainText('Drawn from your prompt — no photo');
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Scene' }).click();
  await expect(page.getByTestId('drawn-label')).toHaveText('Drawn from your prompt — no photo');
  await expect(page.getByTestId('scene-tab').getByRole('button', { name: /^ball/ })).toBeVisible();
  await generate.click();
  await expect(history).toHaveCount(2, { timeout: 180_000 });
  const again = await newestRun(host);
  expect(again.id).not.toBe(first.id);
  expect(again.input).toMatchObject({ name: 'drawn-from-prompt.png', drawn: true });
  expect(again.clips.baseline.framesSha256).toBe(first.clips.baseline.framesSha256);
  expect(again.clips.physics.framesSha256).toBe(first.clips.physics.framesSha256);
});

test('a photo of the user’s with the drawn picture’s file name stays a photo: on screen, in the run record and when reopened', async ({ page, host }) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  await smallClips(page);
  const name = 'drawn-from-prompt.png';
  await dropFiles(page.getByTestId('dropzone'), [{ name, mimeType: 'image/png', buffer: await tablePicture(page) }]);
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('dropzone')).toContainText(`${name} · 800×600`);
  const prompt = 'The red ball rolls off the table';
  await promptBox(page).fill(prompt);
  await generateClips(page);
  const history = page.getByTestId('history').getByRole('button');
  await expect(history).toHaveCount(1, { timeout: 30_000 });
  expect((await newestRun(host)).input).toMatchObject({ name, prompt, drawn: false });

  // Another picture loaded: the clips are stale, and named after the photo, not called drawn.
  await openSample(page);
  await page.getByTestId('centre-clips').click();
  await expect(page.getByTestId('stale-banner')).toContainText(`made from ${name}, not from the picture now loaded`);
  // Reopened: the photo comes back as a photo.
  await history.first().click();
  await expect(promptBox(page)).toHaveValue(prompt);
  await expect(page.getByTestId('dropzone')).toContainText(`${name} · 800×600`);
  await expect(page.getByTestId('dropzone')).not.toContainText('Drawn from your prompt');
  await page.getByRole('tab', { name: 'Scene' }).click();
  await expect(page.getByTestId('scene-tab')).toBeVisible();
  await expect(page.getByTestId('drawn-label')).toHaveCount(0);
});
