import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { Run, Variant } from '../../../shared/run/schema';
import { writeFileAtomic } from '../../common/atomic-write';
import { runDir } from '../preview/library';
import { type OpContext, readFrameFile, streamFrames } from '../preview/runs';

export interface ContactSheetOptions {
  /** Frames on the sheet, evenly spaced from the first to the last. */
  count: number;
  columns: number;
  /** Width of each frame on the sheet, in pixels (never larger than the clip). */
  thumbWidth: number;
}

export const SHEET_DEFAULTS: ContactSheetOptions = { count: 8, columns: 4, thumbWidth: 160 };

/** Frame numbers a sheet shows: evenly spaced, first and last included. */
export function sheetFrames(frames: number, count: number): number[] {
  const n = Math.max(1, Math.min(count, frames));
  if (n === 1) return [0];
  return [...new Set(Array.from({ length: n }, (_, i) => Math.round((i * (frames - 1)) / (n - 1))))];
}

const GAP = 4;
const LABEL = 14;

/**
 * A contact sheet of one clip (a grid of evenly spaced frames, each labelled with its time) and
 * the clip's first frame at full size: what a report shows at a glance and what a preference
 * dataset conditions on. Frames deleted after encoding are drawn again (and dropped after).
 */
export async function contactSheet(
  run: Run,
  which: Variant,
  dir: string,
  options: ContactSheetOptions,
  ctx: OpContext,
): Promise<{ sheet: string; firstFrame: string }> {
  const clip = run.clips[which];
  const raw = join(runDir(ctx.libraryDir, run.id), `${which}.rgba`);
  const hadFrames = (await stat(raw).catch(() => null))?.isFile() ?? false;
  const stream = await streamFrames(run, which, ctx);
  const reader = await readFrameFile(ctx.libraryDir, stream);
  const picks = sheetFrames(stream.frames, options.count);
  const { width, height } = stream;
  const tw = Math.max(16, Math.min(width, options.thumbWidth));
  const th = Math.max(16, Math.round((tw * height) / width));
  const cols = Math.min(options.columns, picks.length);
  const rows = Math.ceil(picks.length / cols);
  const sheetW = cols * tw + (cols + 1) * GAP;
  const sheetH = rows * (th + LABEL) + (rows + 1) * GAP;
  const layers: OverlayOptions[] = [];
  const sheet = join(dir, `${which}-sheet.png`);
  const firstFrame = join(dir, `${which}-first.png`);
  try {
    let next = 0;
    for (let f = 0; f < stream.frames && next < picks.length; f++) {
      ctx.signal?.throwIfAborted();
      const frame = await reader.next();
      if (f === 0)
        await writeFileAtomic(
          firstFrame,
          await sharp(frame, { raw: { width, height, channels: 4 } })
            .png()
            .toBuffer(),
        );
      if (f !== picks[next]) continue;
      const col = next % cols;
      const row = Math.floor(next / cols);
      const left = GAP + col * (tw + GAP);
      const top = GAP + row * (th + LABEL + GAP);
      const thumb = await sharp(frame, { raw: { width, height, channels: 4 } })
        .resize(tw, th)
        .png()
        .toBuffer();
      const label = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${tw}" height="${LABEL}"><text x="2" y="${LABEL - 3}" font-family="sans-serif" font-size="11" fill="#ddd">f${f} · ${(f / clip.fps).toFixed(2)} s</text></svg>`,
      );
      layers.push({ input: thumb, left, top }, { input: label, left, top: top + th });
      next++;
    }
  } finally {
    await reader.close();
  }
  const png = await sharp({ create: { width: sheetW, height: sheetH, channels: 4, background: { r: 24, g: 26, b: 30, alpha: 1 } } })
    .composite(layers)
    .png({ compressionLevel: 9 })
    .toBuffer();
  await writeFileAtomic(sheet, png);
  if (!hadFrames) await rm(raw, { force: true });
  return { sheet, firstFrame };
}
