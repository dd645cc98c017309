// In-app timings through the real UI (browser host, engine child, Debian's Chromium):
//   - regenerate the physics clip after a slider change, from the click to the new clip playable
//     in the viewer (engine generation + WebCodecs encode + store + load), budget < 1 s;
//   - two 1024-px clips playing in the compare viewer (synchronised players, path overlays) to
//     the end, counting dropped frames from the browser's own counters.
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { startHost, stopHost } from './host.mjs';

async function openSample(page, url, size) {
  await page.goto(url);
  await page.getByText('Engine ready').waitFor();
  await page.getByRole('tab', { name: 'Render' }).click();
  await page.getByTestId('setting-size').selectOption(String(size));
  await page
    .getByTestId('samples')
    .getByRole('button', { name: /Ball rolls off a table/ })
    .click();
  await page.getByTestId('scene-overlay').waitFor({ timeout: 30_000 });
}

const playable = (page, id) =>
  page.waitForFunction((sel) => {
    const v = document.querySelector(`[data-testid="${sel}"]`);
    return v && v.readyState >= 2;
  }, id);

export async function benchAppFlow(root, runs) {
  const host = await startHost(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const regenerate = [];
  let playback = null;
  try {
    const page = await browser.newPage({ viewport: { width: 2200, height: 1300 } });
    await openSample(page, host.url, 512);
    await page.getByTestId('generate').click();
    await playable(page, 'video-physics');
    for (let i = 0; i < runs; i++) {
      await page.getByRole('tab', { name: 'Scene' }).click();
      // The edit re-simulates (nominal pass, then confidences) before a person reaches the button; let it.
      let simulated = 0;
      const count = (r) => {
        if (r.url().includes('/api/invoke/scene.simulate')) simulated++;
      };
      page.on('response', count);
      await page.getByLabel('Gravity', { exact: true }).selectOption(i % 2 === 0 ? 'moon' : 'earth');
      while (simulated < 2) await page.waitForTimeout(20);
      page.off('response', count);
      const before = await page.getByTestId('video-physics').getAttribute('src');
      const t = performance.now();
      await page.getByTestId('regenerate-physics').click();
      await page.waitForFunction(
        (old) => {
          const v = document.querySelector('[data-testid="video-physics"]');
          return v && v.getAttribute('src') !== old && v.readyState >= 2;
        },
        before,
        { timeout: 60_000 },
      );
      regenerate.push(performance.now() - t);
    }

    // 1024-px clips in the real viewer, played to the end.
    await openSample(page, host.url, 1024);
    await page.getByTestId('generate').click();
    await playable(page, 'video-physics');
    await playable(page, 'video-baseline');
    // One pass, not the viewer's default loop.
    await page.getByRole('checkbox', { name: 'Loop' }).uncheck();
    // How far apart the two players are at each frame the lead presents, in frames.
    await page.evaluate(() => {
      const lead = document.querySelector('[data-testid="video-baseline"]');
      const follow = document.querySelector('[data-testid="video-physics"]');
      window.drifts = [];
      const onFrame = (_now, meta) => {
        window.drifts.push(Math.abs(follow.currentTime - meta.mediaTime) * 24);
        if (!lead.ended) lead.requestVideoFrameCallback(onFrame);
      };
      lead.requestVideoFrameCallback(onFrame);
    });
    const t = performance.now();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="video-physics"]')?.ended === true, null, { timeout: 60_000 });
    const drifts = await page.evaluate(() => window.drifts.slice(3).sort((a, b) => a - b));
    playback = await page.evaluate(() =>
      ['video-baseline', 'video-physics'].map((id) => {
        const v = document.querySelector(`[data-testid="${id}"]`);
        const q = v.getVideoPlaybackQuality();
        return { id, width: v.videoWidth, height: v.videoHeight, total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
      }),
    );
    playback.wallMs = performance.now() - t;
    playback.drift = { median: drifts[Math.floor(drifts.length / 2)] ?? 0, max: drifts.at(-1) ?? 0 };
  } finally {
    await browser.close();
    await stopHost(host.child);
  }
  return { regenerate, playback };
}

/**
 * Generate → both clips playable (512×384, 5 s at 24 fps), clicked in the real UI, with the time
 * the app estimated beforehand (from the rates its earlier runs here measured) beside the real
 * one; then the side-by-side composite export at each quality preset, click → file saved, as a
 * multiple of the clip's real time (5 s).
 */
export async function benchGenerateExport(root, runs) {
  const host = await startHost(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const generate = [];
  const exports = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openSample(page, host.url, 512);
    await page.getByRole('tab', { name: 'Render' }).click();
    await page.getByTestId('setting-seconds').fill('5');
    const size = await page.evaluate(() => {
      const img = document.querySelector('.dropzone__image');
      return img ? { w: img.naturalWidth, h: img.naturalHeight } : null;
    });
    for (let i = 0; i < runs; i++) {
      if (i > 0) {
        // A new seed each time, so every run is made afresh.
        await page.getByRole('tab', { name: 'Render' }).click();
        await page.getByRole('button', { name: 'New seed' }).click();
      }
      await page.getByTestId('generate').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="generate"]')?.disabled);
      const shown = await page
        .getByTestId('estimate')
        .getAttribute('data-estimate-ms')
        .catch(() => null);
      const before = await page
        .getByTestId('history')
        .getByRole('button')
        .count()
        .catch(() => 0);
      const t = performance.now();
      await page.getByTestId('generate').click();
      await page.waitForFunction(
        (n) => {
          const items = document.querySelectorAll('[data-testid="history"] button').length;
          const ready = ['video-baseline', 'video-physics'].every((id) => (document.querySelector(`[data-testid="${id}"]`)?.readyState ?? 0) >= 2);
          return items > n && ready && !document.querySelector('[data-testid="generate"]')?.disabled;
        },
        before,
        { timeout: 180_000 },
      );
      const ms = performance.now() - t;
      generate.push({ ms, estimateMs: shown ? Number(shown) : null });
    }
    const clip = await page.evaluate(() => {
      const v = document.querySelector('[data-testid="video-physics"]');
      return { width: v.videoWidth, height: v.videoHeight, seconds: v.duration };
    });
    for (const preset of ['web', 'small', 'master', 'web']) {
      await page.getByTestId('export-menu').click();
      await page.getByTestId('export-preset').selectOption(preset);
      const download = page.waitForEvent('download', { timeout: 180_000 });
      const t = performance.now();
      await page.getByRole('button', { name: 'Side-by-side MP4 (labelled)' }).click();
      const file = await download;
      const ms = performance.now() - t;
      exports.push({ preset, ms, name: file.suggestedFilename(), realTimeMultiple: (5 * 1000) / ms });
    }
    return { source: size, clip, generate, exports };
  } finally {
    await browser.close();
    await stopHost(host.child);
  }
}

const isMain = process.argv[1] && import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = await benchGenerateExport(root, Number(process.env.BENCH_RUNS ?? 4));
  printGenerateExport(r);
}

export function printGenerateExport(r) {
  console.log(`in the app: Generate → both clips playable, ${r.clip.width}×${r.clip.height}, ${r.clip.seconds.toFixed(2)} s at 24 fps:`);
  for (const [i, g] of r.generate.entries()) {
    const est =
      g.estimateMs === null
        ? 'no estimate yet (first run measures)'
        : `estimate shown ${(g.estimateMs / 1000).toFixed(1)} s, off by ${(((g.ms - g.estimateMs) / g.ms) * 100).toFixed(0)}%`;
    console.log(`  run ${i + 1}: ${(g.ms / 1000).toFixed(2)} s; ${est}`);
  }
  for (const e of r.exports)
    console.log(
      `in the app: export side-by-side MP4 (${e.preset}), click → saved: ${(e.ms / 1000).toFixed(2)} s = ${e.realTimeMultiple.toFixed(1)}× real time  (${e.name})`,
    );
}
