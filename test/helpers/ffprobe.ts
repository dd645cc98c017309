import { spawnSync } from 'node:child_process';

/** ffprobe is a test-time checker only (the app never needs it); tests that use it skip without it. */
export const HAS_FFPROBE = spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0;

export interface ProbedVideo {
  codec: string;
  width: number;
  height: number;
  frames: number;
}

/** Decodes every frame (count_frames), so a file that only has a valid header fails. */
export function probeVideo(file: string): ProbedVideo {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (out.status !== 0) throw new Error(`ffprobe rejected ${file}: ${out.stderr}`);
  const stream = (JSON.parse(out.stdout) as { streams: Array<Record<string, string | number>> }).streams[0] ?? {};
  return { codec: String(stream.codec_name), width: Number(stream.width), height: Number(stream.height), frames: Number(stream.nb_read_frames) };
}
