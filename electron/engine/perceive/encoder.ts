import { join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/contract';
import type { ExecutionProvider } from '../../../shared/models/manifest';
import type { FoundPack } from '../models/discovery';
import { loadOrt, type Ort } from '../ort';
import { type OpenedSession, openSession, providerOrder } from '../ort-session';
import { isOutOfMemory } from '../render/memory';
import type { WorkingImage } from './ingest';

export interface EncoderOutput {
  pack: string;
  provider: ExecutionProvider;
  embedding: number[];
  /** Softmax over the pack's materials, when it predicts them. */
  materials: Array<{ name: string; p: number }>;
  /** Providers tried before the one that worked, with why they failed. */
  fallbacks: string[];
}

const sessions = new Map<string, OpenedSession>();

async function encoderSession(ort: Ort, pack: FoundPack): Promise<OpenedSession> {
  const key = `${pack.folder}@${pack.manifest.version}`;
  const cached = sessions.get(key);
  if (cached) return cached;
  const spec = pack.manifest.encoder;
  if (!spec) throw new AppError('unsupported', `Model pack "${pack.manifest.id}" has no encoder section.`);
  const opened = await openSession(
    ort,
    join(pack.folder, spec.graph),
    providerOrder(pack.manifest.providers.preferred),
    `The encoder in "${pack.manifest.id}"`,
  ).catch((err: unknown) => {
    if (!isOutOfMemory(err)) throw err;
    throw new AppError(
      'unsupported',
      `The encoder in "${pack.manifest.id}" does not fit in memory.`,
      'Close programs that use the GPU, or remove the pack to use the built-in encoder.',
    );
  });
  sessions.set(key, opened);
  return opened;
}

/** Runs a phys-encoder pack on the working image: resize, normalise, NCHW float32, one session run. */
export async function runEncoder(pack: FoundPack, image: WorkingImage): Promise<EncoderOutput> {
  const spec = pack.manifest.encoder;
  if (!spec) throw new AppError('unsupported', `Model pack "${pack.manifest.id}" has no encoder section.`);
  const loaded = loadOrt();
  if ('error' in loaded) throw new AppError('unsupported', loaded.error, 'Run `physstudio doctor`.');
  const { session, provider, fallbacks } = await encoderSession(loaded.ort, pack);
  const { width, height, mean, std } = spec.input;
  const rgb = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .removeAlpha()
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const planar = new Float32Array(3 * width * height);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) planar[c * width * height + i] = ((rgb[i * 3 + c] ?? 0) / 255 - (mean[c] ?? 0)) / (std[c] ?? 1);
  }
  const outputs = await session.run({ [spec.input.name]: new loaded.ort.Tensor('float32', planar, [1, 3, height, width]) });
  const read = (name: string | undefined) => (name && outputs[name] ? Array.from(outputs[name].data as Float32Array) : []);
  const logits = read(spec.outputs.materialLogits);
  const top = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - top));
  const sum = exp.reduce((a, b) => a + b, 0) || 1;
  return {
    pack: pack.manifest.id,
    provider,
    embedding: read(spec.outputs.embedding).map((v) => Math.round(v * 1e5) / 1e5),
    materials: exp.map((e, i) => ({ name: spec.materials?.[i] ?? `class ${i}`, p: Math.round((e / sum) * 1e4) / 1e4 })),
    fallbacks,
  };
}
