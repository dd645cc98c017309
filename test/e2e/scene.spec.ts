import { join } from 'node:path';
import { ROOT } from '../helpers/engine';
import { openApp, promptBox, tablePicture } from './app';
import { expect, test } from './host';

test('dropping an image shows the perceived scene, and edits re-predict the interactions live, with undo', async ({ page, host }) => {
  await openApp(page, host);
  await promptBox(page).fill('a red rubber ball and a blue box on a wooden table');

  // A photo-like test image drawn by the browser: a table with a ball and a box on it.
  const png = await tablePicture(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'table.png', mimeType: 'image/png', buffer: png });

  // The overlay and the interactions list appear; the job showed in the queue.
  await expect(page.getByTestId('scene-overlay')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('object-ball')).toBeVisible();
  await expect(page.getByTestId('object-box')).toBeVisible();
  const list = page.getByTestId('interactions');
  await expect(list).toContainText('ball rests on table');
  await expect(list).toContainText('box rests on table');
  await expect(page.getByTestId('job').first()).toHaveAttribute('data-state', 'done');

  // The Scene tab says where the prompt's nouns landed and which object moves.
  await expect(page.getByTestId('grounding')).toContainText('→ ball');
  // Looking down at the table, gravity leaves the picture: nothing rests on anything; undo restores the side view.
  await page.getByLabel('Camera view').selectOption('top-down');
  await expect(page.getByLabel('Gravity strength')).toHaveValue('0');
  await expect(list).not.toContainText('rests on');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Camera view')).toHaveValue('side');
  await expect(list).toContainText('ball rests on table');

  // Change the ball's mass: the rollout runs again.
  await page.getByTestId('scene-tab').getByRole('button', { name: /^ball/ }).click();
  const revision = Number(await page.getByTestId('sim-revision').getAttribute('data-revision'));
  const mass = page.getByRole('slider', { name: 'Mass' });
  await mass.focus();
  await mass.press('ArrowRight');
  await mass.press('ArrowRight');
  await expect(page.getByTestId('sim-revision')).not.toHaveAttribute('data-revision', String(revision));
  await expect(page.getByTestId('sim-revision')).toContainText('re-simulated in');

  // Without gravity nothing rests on anything; undo brings it back.
  await page.getByLabel('Gravity', { exact: true }).selectOption('zero');
  await expect(page.getByTestId('scene-tab')).not.toContainText('rests on');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list).toContainText('ball rests on table');
  await expect(page.getByLabel('Gravity', { exact: true })).toHaveValue('earth');

  // Doubling the scale halves the objects' size in metres: the ball's mass drops eightfold.
  const ppm = Number(await page.getByLabel('Pixels per metre').inputValue());
  const massBefore = Number((await page.getByTestId('object-ball').textContent())?.match(/([\d.]+) kg/)?.[1]);
  await page.getByLabel('Pixels per metre').fill(String(Math.round(ppm * 2)));
  await expect(page.getByTestId('object-ball')).not.toContainText(`${massBefore.toFixed(1)} kg`);
  await page.keyboard.press('Control+z');

  // A custom gravity value, and a surface added by hand, both re-run the prediction.
  await page.getByLabel('Gravity strength').fill('3.71');
  await expect(page.getByLabel('Gravity', { exact: true })).toHaveValue('mars');
  await page.getByRole('button', { name: 'Add surface' }).click();
  await expect(page.getByTestId('surfaces').getByRole('heading')).toContainText('Surfaces (2)');
  await page.getByTestId('surfaces').getByRole('button', { name: 'Remove' }).last().click();
  await expect(page.getByTestId('surfaces').getByRole('heading')).toContainText('Surfaces (1)');
  await page.getByLabel('Gravity', { exact: true }).selectOption('earth');

  // Hovering an interaction highlights it in the overlay (once the confidences have arrived).
  await expect(list).not.toContainText('…');
  await list.getByText('ball rests on table').hover();
  await expect(page.locator('.interaction--lit')).toHaveCount(1);

  if (process.env.PHYSSTUDIO_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'images', 'scene-tab.png') });

  // Remove the ball, then add it back by clicking it in the image.
  const ballRow = page.getByTestId('scene-tab').getByRole('button', { name: /^ball/ });
  if ((await ballRow.getAttribute('aria-pressed')) !== 'true') await ballRow.click();
  await page.getByRole('button', { name: 'Remove object' }).click();
  await expect(list).not.toContainText('ball');
  const target = await page.getByTestId('scene-overlay').evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const s = Math.min(box.width / 800, box.height / 600);
    return { x: box.left + (box.width - 800 * s) / 2 + 300 * s, y: box.top + (box.height - 600 * s) / 2 + 380 * s };
  });
  await page.mouse.click(target.x, target.y);
  // The new object's number depends on how many the detector and segmentation found first.
  await expect(list).toContainText(/object \d+ rests on table/);
  await page.keyboard.press('Control+z');
  await expect(list).not.toContainText(/object \d+/);
});

test('an image with no distinct objects gives an explained empty scene', async ({ page, host }) => {
  await page.goto(host.url);
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(400, 300);
    const g = canvas.getContext('2d');
    if (!g) return [];
    g.fillStyle = '#8899aa';
    g.fillRect(0, 0, 400, 300);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page.getByTestId('file-input').setInputFiles({ name: 'plain.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByTestId('scene-tab')).toContainText('I found no objects in this picture', { timeout: 90_000 });
});
