import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { ROOT } from '../helpers/engine';
import { clipsPlayable, dropFiles, generateClips, openApp, openSample, promptBox, smallClips } from './app';
import { expect, invoke, test } from './host';

const CHECKS = ['intent', 'in_frame', 'no_teleport', 'no_vanish_split', 'gravity_fit', 'support_penetration', 'background_stable', 'artefacts'];

/** The pixel evaluator's breakdown: every check shown, each with its one-line reason. */
async function expectBreakdown(card: Locator) {
  await expect(card.locator('[data-check]')).toHaveCount(CHECKS.length);
  for (const id of CHECKS) {
    await expect(card.locator(`[data-check="${id}"]`)).toHaveAttribute('data-state', /pass|fail|na/);
    await expect(card.locator(`[data-check="${id}"] .check-row__reason`)).not.toBeEmpty();
  }
}

test('evaluate any clip: choose a video, or drop one with its first frame, and see the same breakdown as under the app’s own clips', async ({ page, host }) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  await smallClips(page);
  await openSample(page);
  await generateClips(page, 90_000);
  await clipsPlayable(page, 2);
  // The score under each clip is the pixel evaluation, with a reason for each check.
  const own = page.getByTestId('metrics-physics');
  await expect(own.getByTestId('metrics-physics-verdict')).toHaveText(/Plausible|Implausible/);
  await expectBreakdown(own);
  const ownVerdict = await own.getByTestId('metrics-physics-verdict').textContent();
  // The label over each player shows that same score, not the planned paths' one.
  for (const v of ['baseline', 'physics']) {
    const score = await page.getByTestId(`metrics-${v}`).locator('.metrics__score strong').textContent();
    await expect(page.locator(`.cell__caption--${v}`)).toContainText(`score ${score}`);
  }

  // The very files the app encoded for the players (WebM where this Chromium cannot encode H.264).
  const [summary] = await invoke<Array<{ id: string }>>(host, 'runs.list');
  const run = await invoke<{ clips: Record<'baseline' | 'physics', { media: { webm?: string; mp4?: string } }> }>(host, 'runs.get', { id: summary?.id });
  const clip = (which: 'baseline' | 'physics') => {
    const media = run.clips[which].media.webm ?? (run.clips[which].media.mp4 as string);
    const webm = media.endsWith('.webm');
    return {
      name: `${which}.${webm ? 'webm' : 'mp4'}`,
      mimeType: webm ? 'video/webm' : 'video/mp4',
      buffer: readFileSync(join(host.dataDir, 'library', media)),
    };
  };

  // 1. Chosen in the Metrics tab, with no first-frame image: objects are found in the video's own first frame.
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const panel = page.getByTestId('evaluate-clip');
  await panel.getByTestId('evaluate-video').setInputFiles(clip('physics'));
  await panel.getByTestId('evaluate-prompt').fill('A red rubber ball rolls off the edge of the wooden table and bounces on the floor');
  await panel.getByTestId('evaluate-run').click();
  const result = panel.getByTestId('evaluation-dropped');
  await expect(result).toContainText('Physics score', { timeout: 90_000 });
  // The same judge on the same clip, decoded from the encoded file: the same verdict.
  await expect(result.getByTestId('evaluation-dropped-verdict')).toHaveText(ownVerdict ?? 'missing');
  await expectBreakdown(result);
  // The ball was found and followed in the decoded frames: the intent check judged it.
  await expect(result.locator('[data-check="intent"]')).toHaveAttribute('data-state', /pass|fail/);
  await expect(panel.getByTestId('evaluate-result')).toContainText('frames at 24 fps');
  await expect(panel.getByTestId('evaluate-result')).toContainText('found in the first frame');

  // Something that is not a video is refused with a reason, not judged.
  await dropFiles(panel, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a clip') }]);
  await expect(panel.getByRole('alert')).toContainText('notes.txt is not an MP4 or WebM video');

  // 2. Dropped where pictures go, with its first-frame image: it goes to "Evaluate any clip" (not
  // to perception), takes the prompt typed in the app, and is judged from the given first frame.
  await panel.getByTestId('evaluate-prompt').fill('');
  await page.getByRole('tab', { name: 'Scene' }).click();
  const picture = readFileSync(join(ROOT, 'resources', 'samples', 'ball-off-table.png'));
  await dropFiles(page.getByTestId('dropzone'), [clip('baseline'), { name: 'first-frame.png', mimeType: 'image/png', buffer: picture }]);
  await expect(page.getByRole('tab', { name: 'Metrics' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByTestId('evaluate-chosen')).toHaveText(/Video: baseline\.(webm|mp4) · first frame: first-frame\.png/);
  await expect(panel.getByTestId('evaluate-prompt')).toHaveValue(await promptBox(page).inputValue());
  // The input picture stayed as it was: the video was not taken for a photo.
  await expect(page.getByTestId('dropzone').getByRole('img')).toHaveAttribute('alt', /ball-off-table/);
  await panel.getByTestId('evaluate-run').click();
  await expect(panel.getByTestId('evaluate-result')).toContainText('baseline.', { timeout: 90_000 });
  await expect(panel.getByTestId('evaluate-result')).toContainText('found in the first-frame image');
  await expect(result.getByTestId('evaluation-dropped-verdict')).toHaveText(/Plausible|Implausible/);
  await expectBreakdown(result);
});

const HAS_FFMPEG = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

test('evaluate any clip: a clip from another generator (a box falling, made with ffmpeg) gets the same breakdown', async ({ page, host }) => {
  test.skip(!HAS_FFMPEG, 'needs ffmpeg to make a clip outside the app');
  test.setTimeout(180_000);
  // 2 s at 24 fps, 320×240, VP9: a red box dropping with a constant acceleration onto the bottom of the frame.
  const file = join(mkdtempSync(join(tmpdir(), 'ps-eval-')), 'falling-box.webm');
  const made = spawnSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xd8d0c0:s=320x240:r=24:d=2', '-f', 'lavfi', '-i', 'color=c=0xc02020:s=40x40:r=24:d=2'],
      ...['-filter_complex', "[0][1]overlay=x=140:y='min(10+0.5*9.81*160*t*t,190)'", '-c:v', 'libvpx-vp9', '-b:v', '400k', file],
    ],
    { timeout: 60_000 },
  );
  expect(made.status).toBe(0);
  await openApp(page, host);
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const panel = page.getByTestId('evaluate-clip');
  await dropFiles(panel, [{ name: 'falling-box.webm', mimeType: 'video/webm', buffer: readFileSync(file) }]);
  await expect(panel.getByTestId('evaluate-chosen')).toHaveText('Video: falling-box.webm');
  await panel.getByTestId('evaluate-prompt').fill('a red box falls to the floor');
  await panel.getByTestId('evaluate-run').click();
  const result = panel.getByTestId('evaluation-dropped');
  await expect(result.getByTestId('evaluation-dropped-verdict')).toHaveText(/Plausible|Implausible/, { timeout: 90_000 });
  await expectBreakdown(result);
  // The box was found in the video's own first frame and followed: it falls, as the prompt says.
  await expect(result.locator('[data-check="intent"]')).toHaveAttribute('data-state', 'pass');
  await expect(result.locator('[data-check="intent"] .check-row__reason')).toContainText('fall');
  await expect(panel.getByTestId('evaluate-result')).toContainText('48 frames at 24 fps');
});
