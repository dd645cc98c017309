import { join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/contract';
import type { ExecutionProvider } from '../../../shared/models/manifest';
import { COCO_CLASSES } from '../../../shared/scene/coco';
import type { BBox } from '../../../shared/scene/schema';
import { loadOrt } from '../ort';
import { type OpenedSession, openSession, providerOrder } from '../ort-session';

/** One COCO detection in the coordinates of the image given to `detect`. */
export interface Detection {
  cocoClass: string;
  score: number;
  box: BBox;
  /** Other classes the detector saw on the same object, weaker ("stop sign" 0.46, "kite" 0.23). */
  alternatives?: Array<{ cocoClass: string; score: number }>;
}

export interface DetectorRun {
  detections: Detection[];
  provider: ExecutionProvider;
  /** Providers tried before the one that worked, with why they failed. */
  fallbacks: string[];
}

/** CenterNet (MobileNetV3) converted from TF.js; see resources/detector/README.md. */
export const DETECTOR_FILE = 'centernet.onnx';
export const DETECTOR_INPUT = 512;
const GRID = 128;
const STRIDE = DETECTOR_INPUT / GRID;
const CLASSES = COCO_CLASSES.length;
/** Peaks below this are noise on this model (measured on the dev photos). */
export const MIN_SCORE = 0.2;
const MAX_PEAKS = 100;

export function detectorPath(resourcesDir: string): string {
  return join(resourcesDir, 'detector', DETECTOR_FILE);
}

const sessions = new Map<string, Promise<OpenedSession>>();

function session(path: string): Promise<OpenedSession> {
  let opened = sessions.get(path);
  if (!opened) {
    const loaded = loadOrt();
    if ('error' in loaded) return Promise.reject(new AppError('unsupported', loaded.error, 'Run `physstudio doctor`.'));
    opened = openSession(loaded.ort, path, providerOrder([]), 'The object detector');
    opened.catch(() => sessions.delete(path));
    sessions.set(path, opened);
  }
  return opened;
}

/**
 * CenterNet's decode, as the TF.js graph does it after the dense network: a heatmap cell is a
 * detection when it is the maximum of its 3×3 neighbourhood; its box is the cell's centre minus
 * and plus the four regressed distances (left, top, right, bottom) in input pixels.
 */
export function decode(heat: Float32Array, wh: Float32Array, minScore = MIN_SCORE): Detection[] {
  const peaks: Array<{ i: number; s: number }> = [];
  for (let y = 0; y < GRID; y++) {
    for (let x = 0; x < GRID; x++) {
      for (let c = 0; c < CLASSES; c++) {
        const i = (y * GRID + x) * CLASSES + c;
        const s = heat[i] as number;
        if (s < minScore) continue;
        let peak = true;
        for (let dy = -1; dy <= 1 && peak; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if ((dx || dy) && yy >= 0 && xx >= 0 && yy < GRID && xx < GRID && (heat[(yy * GRID + xx) * CLASSES + c] as number) > s) {
              peak = false;
              break;
            }
          }
        }
        if (peak) peaks.push({ i, s });
      }
    }
  }
  peaks.sort((a, b) => b.s - a.s);
  return peaks.slice(0, MAX_PEAKS).map(({ i, s }) => {
    const c = i % CLASSES;
    const cell = (i - c) / CLASSES;
    const cx = (cell % GRID) * STRIDE;
    const cy = Math.floor(cell / GRID) * STRIDE;
    const k = cell * 4;
    const x1 = cx - (wh[k] as number);
    const y1 = cy - (wh[k + 1] as number);
    const x2 = cx + (wh[k + 2] as number);
    const y2 = cy + (wh[k + 3] as number);
    return { cocoClass: COCO_CLASSES[c] as string, score: s, box: { x: x1, y: y1, w: Math.max(0, x2 - x1), h: Math.max(0, y2 - y1) } };
  });
}

export function iou(a: BBox, b: BBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/**
 * Drops a detection overlapping a stronger one of the same class (peaks of one object a few
 * cells apart); one of another class on nearly the same box is the same object seen as
 * something else, kept as an alternative of the stronger one.
 */
function suppress(dets: Detection[]): Detection[] {
  const kept: Detection[] = [];
  for (const d of dets) {
    if (kept.some((k) => k.cocoClass === d.cocoClass && iou(k.box, d.box) > 0.5)) continue;
    const same = kept.find((k) => iou(k.box, d.box) > 0.7);
    if (same) {
      if (!same.alternatives?.some((a) => a.cocoClass === d.cocoClass))
        same.alternatives = [...(same.alternatives ?? []), { cocoClass: d.cocoClass, score: d.score }];
      continue;
    }
    kept.push({ ...d });
  }
  return kept;
}

/** The network's input: the whole image stretched to 512×512 RGB, 0..255 floats, NHWC (as trained). */
export async function detectorInput(rgba: Uint8Array, width: number, height: number): Promise<Float32Array> {
  const rgb = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .resize(DETECTOR_INPUT, DETECTOR_INPUT, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  return Float32Array.from(rgb);
}

/** Raw network outputs for one input, NHWC as in TF.js (used by the equivalence test too). */
export async function runDetector(modelPath: string, input: Float32Array) {
  const loaded = loadOrt();
  if ('error' in loaded) throw new AppError('unsupported', loaded.error, 'Run `physstudio doctor`.');
  const opened = await session(modelPath);
  const out = await opened.session.run({ 'tower_0/images': new loaded.ort.Tensor('float32', input, [1, DETECTOR_INPUT, DETECTOR_INPUT, 3]) });
  const heat = out['tower_0/keypoints']?.data as Float32Array | undefined;
  const wh = out['tower_0/wh']?.data as Float32Array | undefined;
  if (!heat || !wh || heat.length !== GRID * GRID * CLASSES || wh.length !== GRID * GRID * 4)
    throw new AppError('integrity', `${DETECTOR_FILE} gave outputs of the wrong size.`, 'Reinstall PhysStudio.');
  return { heat, wh, provider: opened.provider, fallbacks: opened.fallbacks };
}

/** COCO objects in an RGBA image, boxes in that image's pixels, strongest first. */
export async function detect(modelPath: string, rgba: Uint8Array, width: number, height: number, minScore = MIN_SCORE): Promise<DetectorRun> {
  const input = await detectorInput(rgba, width, height);
  const { heat, wh, provider, fallbacks } = await runDetector(modelPath, input);
  const sx = width / DETECTOR_INPUT;
  const sy = height / DETECTOR_INPUT;
  const detections = suppress(decode(heat, wh, minScore)).map((d) => {
    const x = Math.max(0, d.box.x * sx);
    const y = Math.max(0, d.box.y * sy);
    return {
      ...d,
      box: { x, y, w: Math.min(width, (d.box.x + d.box.w) * sx) - x, h: Math.min(height, (d.box.y + d.box.h) * sy) - y },
    };
  });
  return { detections: detections.filter((d) => d.box.w > 1 && d.box.h > 1), provider, fallbacks };
}
