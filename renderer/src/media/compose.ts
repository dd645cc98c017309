import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  canEncodeVideo,
  Input,
  Mp4OutputFormat,
  Output,
  QUALITY_LOW,
  QUALITY_MEDIUM,
  QUALITY_VERY_HIGH,
  type Quality,
  type VideoCodec,
  VideoSample,
  VideoSampleSink,
  VideoSampleSource,
  WebMOutputFormat,
} from 'mediabunny';
import type { Container } from './encode';

/** Export quality: `small` for chat and mail, `web` for pages and slides, `master` to edit further. */
export type Preset = 'small' | 'web' | 'master';
export const PRESETS: Array<{ id: Preset; label: string; hint: string }> = [
  { id: 'small', label: 'Small', hint: 'half size, low bitrate: quick to send' },
  { id: 'web', label: 'Web', hint: 'full size, balanced bitrate' },
  { id: 'master', label: 'Master', hint: 'full size from the raw frames, highest bitrate' },
];
export const PRESET_SCALE: Record<Preset, number> = { small: 0.5, web: 1, master: 1 };
const PRESET_QUALITY: Record<Preset, Quality> = { small: QUALITY_LOW, web: QUALITY_MEDIUM, master: QUALITY_VERY_HIGH };

/** The composite's layout; the engine's composite (CLI, GIF) uses the same numbers. */
export const COMPOSITE_GAP = 8;
export const LABEL_BAR = 40;

export interface Panel {
  /** The encoded clip to read. */
  blob: Blob;
  label: string;
  colour: string;
}

export interface ComposeOptions {
  panels: Panel[];
  /** One clip's size in pixels, as encoded. */
  width: number;
  height: number;
  fps: number;
  frames: number;
  container: Container;
  preset: Preset;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const CODECS: Record<Container, VideoCodec[]> = { webm: ['vp9', 'vp8'], mp4: ['avc'] };
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * Makes a video from clips that are already encoded: decodes them (WebCodecs), lays them out
 * (one clip, or side by side under a label bar), and encodes the result once. No clip is drawn
 * again from its scene, which is what made the composite export slow.
 */
export async function composeClips(options: ComposeOptions): Promise<Uint8Array> {
  const { panels, fps, frames, container, preset } = options;
  const scale = PRESET_SCALE[preset];
  const side = panels.length > 1;
  const cw = even(options.width * scale);
  const ch = even(options.height * scale);
  const gap = side ? Math.round(COMPOSITE_GAP * scale) : 0;
  const bar = side ? Math.round(LABEL_BAR * scale) : 0;
  const width = even(panels.length * cw + (panels.length - 1) * gap);
  const height = even(ch + bar);

  let codec: VideoCodec | null = null;
  for (const c of CODECS[container]) {
    if (await canEncodeVideo(c, { width, height })) {
      codec = c;
      break;
    }
  }
  if (!codec) throw new Error(`This browser cannot encode ${container.toUpperCase()} video at ${width}×${height}.`);

  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('No 2D canvas to compose on.');
  ctx.fillStyle = '#15171c';
  ctx.fillRect(0, 0, width, height);
  if (side) {
    const size = Math.max(9, Math.min(18, Math.round(cw / 30)));
    ctx.font = `${size}px "DejaVu Sans", Arial, Helvetica, sans-serif`;
    ctx.textBaseline = 'middle';
    panels.forEach((p, i) => {
      ctx.fillStyle = p.colour;
      ctx.fillText(p.label, i * (cw + gap) + 10 * scale, bar / 2, cw - 20 * scale);
    });
  }

  const inputs = panels.map((p) => new Input({ source: new BlobSource(p.blob), formats: ALL_FORMATS }));
  const target = new BufferTarget();
  const output = new Output({ format: container === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }), target });
  const source = new VideoSampleSource({
    codec,
    bitrate: PRESET_QUALITY[preset],
    keyFrameInterval: 1,
    latencyMode: preset === 'master' ? 'quality' : 'realtime',
  });
  output.addVideoTrack(source, { frameRate: fps });
  const iterators: AsyncGenerator<VideoSample, void, unknown>[] = [];
  try {
    for (const input of inputs) {
      const track = await input.getPrimaryVideoTrack();
      if (!track) throw new Error('A clip has no video track.');
      iterators.push(new VideoSampleSink(track).samples());
    }
    await output.start();
    for (let f = 0; f < frames; f++) {
      options.signal?.throwIfAborted();
      const samples = (await Promise.all(iterators.map((it) => it.next()))).map((s) => s.value);
      if (samples.some((s) => !s)) throw new Error(`A clip ended after ${f} of ${frames} frames.`);
      // Drawing on a canvas is the quicker route here: copying the decoded I420 planes by hand
      // (copyTo, row copies, a frame from the buffer) measured slower in Chromium.
      (samples as VideoSample[]).forEach((sample, i) => {
        sample.draw(ctx, i * (cw + gap), bar, cw, ch);
        sample.close();
      });
      const frame = new VideoSample(canvas, { timestamp: f / fps, duration: 1 / fps });
      await source.add(frame);
      frame.close();
      options.onProgress?.((f + 1) / frames);
    }
    await output.finalize();
  } catch (err) {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => {});
    throw err;
  } finally {
    await Promise.all(iterators.map((it) => it.return(undefined).catch(() => {})));
    for (const input of inputs) input.dispose?.();
  }
  if (!target.buffer) throw new Error('The encoder produced no output.');
  return new Uint8Array(target.buffer);
}
