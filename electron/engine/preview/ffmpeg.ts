import { spawn } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { AppError } from '../../../shared/contract';

let found: Promise<string | null> | undefined;

/** The system's ffmpeg, if there is one that runs (`PHYSSTUDIO_FFMPEG` names another). Checked once, within 5 s. */
export function findFfmpeg(): Promise<string | null> {
  found ??= new Promise((resolve) => {
    const bin = process.env.PHYSSTUDIO_FFMPEG || 'ffmpeg';
    const child = spawn(bin, ['-hide_banner', '-version'], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 5_000);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? bin : null);
    });
  });
  return found;
}

export interface RawVideo {
  path: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
}

const CODECS = {
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  webm: ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '32', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-pix_fmt', 'yuv420p'],
} as const;

/**
 * Encodes raw RGBA frames with the system's ffmpeg: the CLI's encoder, since Node has no
 * WebCodecs. Written to a temporary name and renamed, under a time limit that grows with the
 * clip; a cancel kills ffmpeg and removes the partial file.
 */
export async function encodeWithFfmpeg(raw: RawVideo, out: string, format: 'mp4' | 'webm', signal?: AbortSignal): Promise<void> {
  const bin = await findFfmpeg();
  if (!bin) {
    throw new AppError(
      'unsupported',
      `No encoder for ${format.toUpperCase()} here: ffmpeg was not found.`,
      'Install ffmpeg (e.g. `apt install ffmpeg`), encode in the app (it uses WebCodecs), or export a PNG sequence instead.',
    );
  }
  const tmp = `${out}.partial.${format}`;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${raw.width}x${raw.height}`,
    '-r',
    String(raw.fps),
    '-i',
    raw.path,
  ];
  args.push(...CODECS[format], '-r', String(raw.fps), '-f', format, tmp);
  const limitMs = 60_000 + raw.frames * 500;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      const kill = () => child.kill('SIGKILL');
      const timer = setTimeout(() => {
        kill();
        reject(new AppError('timeout', `ffmpeg did not finish encoding within ${Math.round(limitMs / 1000)} s.`));
      }, limitMs);
      signal?.addEventListener('abort', kill, { once: true });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new AppError('io', `ffmpeg could not start: ${err.message}`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', kill);
        if (signal?.aborted) reject(new AppError('cancelled', 'Encoding was cancelled.'));
        else if (code === 0) resolve();
        else reject(new AppError('io', `ffmpeg failed to encode ${format.toUpperCase()}: ${stderr.trim().split('\n').pop() ?? `exit ${code}`}`));
      });
    });
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
