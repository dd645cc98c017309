// Encoding budget: at least 4× real time. Runs the app's own encoder module
// (renderer/src/media/encode.ts: WebCodecs + mediabunny) in the system Chromium on the raw frames
// of a real preview run, served the way the browser host serves library files.
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

export async function benchEncode(root, library, clip, runs, large) {
  const dir = join(root, 'node_modules', '.cache', 'physstudio-bench');
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'encode.js');
  await build({
    absWorkingDir: root,
    stdin: { contents: "import { encodeFrames } from './renderer/src/media/encode'; window.encodeFrames = encodeFrames;", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: bundle,
    logLevel: 'warning',
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/encode.js"></script>');
    } else if (path === '/encode.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      createReadStream(bundle).pipe(res);
    } else if (path.startsWith('/media/')) {
      const file = join(library, decodeURIComponent(path.slice('/media/'.length)));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    } else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const results = {};
  let playback = null;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const stream = { path: clip.media.frames, width: clip.size.width, height: clip.size.height, fps: clip.fps, frames: clip.frames };
    playback = large ? await benchPlayback(page, large) : null;
    for (const container of ['webm', 'mp4']) {
      results[container] = [];
      for (let i = 0; i < runs; i++) {
        const { ms, bytes } = await page.evaluate(
          async ([s, c]) => {
            const t = performance.now();
            const out = await window.encodeFrames(s, c);
            return { ms: performance.now() - t, bytes: out.length };
          },
          [stream, container],
        );
        results[container].push({ ms, bytes });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { seconds: (clip.frames - 1) / clip.fps, size: clip.size, frames: clip.frames, results, playback };
}

/**
 * Two clips of the largest preview size encoded as the app does, then played side by side to the
 * end in two <video> elements; the browser's own counters say how many frames it dropped.
 */
async function benchPlayback(page, run) {
  const streams = ['baseline', 'physics'].map((v) => {
    const c = run.clips[v];
    return { path: c.media.frames, width: c.size.width, height: c.size.height, fps: c.fps, frames: c.frames };
  });
  return page.evaluate(async (list) => {
    const videos = [];
    for (const s of list) {
      const bytes = await window.encodeFrames(s, 'mp4');
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/mp4' }));
      video.width = s.width / 2;
      document.body.append(video);
      await new Promise((r) => video.addEventListener('canplaythrough', r, { once: true }));
      videos.push(video);
    }
    const t = performance.now();
    await Promise.all(videos.map((v) => v.play()));
    await Promise.all(videos.map((v) => new Promise((r) => v.addEventListener('ended', r, { once: true }))));
    const wall = performance.now() - t;
    return {
      size: list[0] ? `${list[0].width}×${list[0].height}` : '',
      seconds: wall / 1000,
      quality: videos.map((v) => {
        const q = v.getVideoPlaybackQuality();
        return { total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
      }),
    };
  }, streams);
}
