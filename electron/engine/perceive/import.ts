import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import { writeFileAtomic } from '../../common/atomic-write';
import { ingestImage } from './ingest';

const EXTENSION: Record<string, string> = { png: 'png', jpeg: 'jpg', webp: 'webp', gif: 'gif' };

/**
 * Stores a user's image in the library (content-addressed, written atomically) after checking it
 * decodes, so the engine can perceive it by path whichever host it came through.
 */
export async function importImage(libraryDir: string, name: string, dataBase64: string) {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) throw new AppError('bad_request', `${name} is empty.`);
  const image = await ingestImage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((err: AppError) => {
    throw new AppError(err.code ?? 'bad_request', err.message.replace('the image', name), err.hint);
  });
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  const path = join(libraryDir, 'inputs', `${digest}.${EXTENSION[image.original.format] ?? 'img'}`);
  await writeFileAtomic(path, bytes);
  return { path, name: name.slice(0, 255), bytes: bytes.length, width: image.original.width, height: image.original.height, format: image.original.format };
}
