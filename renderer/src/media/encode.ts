import {
  BufferTarget,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  QUALITY_VERY_HIGH,
  type VideoCodec,
  VideoSample,
  VideoSampleSource,
  WebMOutputFormat,
} from 'mediabunny';
import type { FrameStream } from '../../../shared/contract';
import { mediaUrl } from '../api/client';

export type Container = 'webm' | 'mp4';

/** Codecs in order of preference per container; WebCodecs support differs between builds. */
const CODECS: Record<Container, VideoCodec[]> = { webm: ['vp9', 'vp8'], mp4: ['avc'] };

export class EncodeError extends Error {}

async function pickCodec(container: Container, width: number, height: number): Promise<VideoCodec> {
  for (const codec of CODECS[container]) if (await canEncodeVideo(codec, { width, height })) return codec;
  throw new EncodeError(`This browser cannot encode ${container.toUpperCase()} video (${CODECS[container].join(' or ')}).`);
}

/**
 * The container for playback clips: H.264 MP4 where the browser can encode it (about twice as
 * fast as software VP9, and every player opens it), else WebM.
 */
export async function playbackContainer(width: number, height: number): Promise<Container> {
  return (await canEncodeVideo('avc', { width, height })) ? 'mp4' : 'webm';
}

export interface EncodeOptions {
  /** The highest quality (exports meant for further editing) rather than the playback clip's. */
  master?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Encodes a run's raw frames with WebCodecs and muxes them with mediabunny, reading the frame
 * file as a stream so a 1024-px, 10-second clip never sits in memory whole. Key frames every
 * half second keep seeking and frame stepping quick.
 */
export async function encodeFrames(stream: FrameStream, container: Container, options: EncodeOptions = {}): Promise<Uint8Array> {
  const { width, height, fps, frames } = stream;
  const codec = await pickCodec(container, width, height);
  const target = new BufferTarget();
  const output = new Output({ format: container === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }), target });
  const source = new VideoSampleSource({ codec, quality: options.master ? QUALITY_VERY_HIGH : QUALITY_HIGH, keyFrameInterval: 0.5 });
  output.addVideoTrack(source, { frameRate: fps });
  const response = await fetch(mediaUrl(stream.path), options.signal ? { signal: options.signal } : {});
  if (!response.ok || !response.body) throw new EncodeError(`The frames could not be read (${response.status}).`);
  const reader = response.body.getReader();
  const frameBytes = width * height * 4;
  const frame = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  try {
    await output.start();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.length) {
        const take = Math.min(frameBytes - filled, value.length - offset);
        frame.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          options.signal?.throwIfAborted();
          const sample = new VideoSample(frame, { format: 'RGBA', codedWidth: width, codedHeight: height, timestamp: index / fps, duration: 1 / fps });
          await source.add(sample);
          sample.close();
          filled = 0;
          index++;
          options.onProgress?.(index / frames);
        }
      }
    }
    if (index !== frames) throw new EncodeError(`Expected ${frames} frames but read ${index}.`);
    await output.finalize();
  } catch (err) {
    await reader.cancel().catch(() => {});
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => {});
    throw err;
  }
  if (!target.buffer) throw new EncodeError('The encoder produced no output.');
  return new Uint8Array(target.buffer);
}
