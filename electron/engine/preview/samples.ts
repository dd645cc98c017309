import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, type Sample, SampleSchema } from '../../../shared/contract';
import { importImage } from '../perceive/import';

const IndexSchema = z.array(SampleSchema.extend({ image: z.string().regex(/^[\w.-]+$/) }).strict());

async function readIndex(resourcesDir: string) {
  try {
    return IndexSchema.parse(JSON.parse(await readFile(join(resourcesDir, 'samples', 'samples.json'), 'utf8')));
  } catch {
    throw new AppError('not_found', 'The bundled samples are missing or damaged.', 'Reinstall PhysStudio.');
  }
}

/** Bundled sample scenes (resources/samples), listed without their image files. */
export async function listSamples(resourcesDir: string): Promise<Sample[]> {
  return (await readIndex(resourcesDir)).map(({ image: _image, ...sample }) => sample);
}

/** Copies a sample's picture into the library like any imported image, so every later step treats it the same. */
export async function openSample(resourcesDir: string, libraryDir: string, id: string) {
  const entry = (await readIndex(resourcesDir)).find((s) => s.id === id);
  if (!entry) throw new AppError('not_found', `No sample called "${id}".`);
  const { image, ...sample } = entry;
  const bytes = await readFile(join(resourcesDir, 'samples', image));
  return { ...(await importImage(libraryDir, image, bytes.toString('base64'))), sample };
}
