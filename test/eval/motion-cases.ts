// The judged case set of issue 13: real photos with prompts, both preview clips made by the app's
// own path (perceive, then generate), contact sheets for labelling by eye, and the figures
// `npm run eval:motion` prints. Shared by the script and the test that holds floors on it.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { evaluateFrames } from '../../electron/engine/evaluate';
import { perceive } from '../../electron/engine/perceive/perceive';
import { analysisOf, generatePreview } from '../../electron/engine/preview/generate';
import { evalIntentOf, judgedDynamic, sceneEvalInputs } from '../../shared/evaluate';
import { motionIntent } from '../../shared/motion/intent';
import type { Raster } from '../../shared/preview/raster';
import type { GenerateSettings, Run, Variant } from '../../shared/run/schema';

export interface PhotoCase {
  /** Unique: photo id and the motion class. */
  id: string;
  photo: string;
  prompt: string;
  motion: string;
  split: 'dev' | 'holdout';
}

export interface HandLabel {
  physics: 'plausible' | 'not';
  baseline: 'plausible' | 'not';
  why: string;
}

export interface ClipOutcome {
  sha256: string;
  /** The pixel evaluator's overall score (0..100) and verdict, when it ran. */
  score: number | null;
  verdict: 'plausible' | 'implausible' | null;
  failed: string[];
}

export interface CaseOutcome {
  case: PhotoCase;
  intent: string;
  timeScale: number;
  notices: string[];
  motion: string[];
  clips: Record<Variant, ClipOutcome>;
  /** Still prompts: every frame of both clips equals the picture itself. */
  stillIdentical: boolean | null;
  run: Run;
  /** Why the app refused to make the clips, when it did. */
  refused?: string;
}

const NO_CLIP: ClipOutcome = { sha256: '', score: null, verdict: null, failed: [] };

/** A case the app refused (nothing it could move): no clips, and a still case that is not still. */
export function refusedOutcome(c: PhotoCase, reason: string): CaseOutcome {
  return {
    case: c,
    intent: '',
    timeScale: 1,
    notices: [reason],
    motion: [],
    clips: { baseline: NO_CLIP, physics: NO_CLIP },
    stillIdentical: STILL_MOTIONS.has(c.motion) ? false : null,
    run: null as unknown as Run,
    refused: reason,
  };
}

export const SETTINGS: GenerateSettings = { size: 384, fps: 24, seconds: 4, seed: 7, shadows: true, motionBlur: true };
export const STILL_MOTIONS = new Set(['stands_still']);

interface RawCase {
  prompt: string;
  motion?: string;
  motionClass?: string;
  class?: string;
}
interface RawPhoto {
  id?: string;
  file?: string;
  image?: string;
  split?: string;
  cases?: RawCase[];
}

/** Reads test/fixtures/photos/photos.json: one entry per photo with its split and its prompt cases. */
export function loadCases(root: string): PhotoCase[] {
  const dir = join(root, 'test', 'fixtures', 'photos');
  const file = join(dir, 'photos.json');
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as RawPhoto[] | { photos: RawPhoto[] };
  const photos = Array.isArray(data) ? data : data.photos;
  const cases: PhotoCase[] = [];
  for (const p of photos) {
    const name = p.file ?? p.image ?? `${p.id}.jpg`;
    const id = p.id ?? name.replace(/\.[a-z]+$/i, '');
    for (const c of p.cases ?? []) {
      const motion = c.motion ?? c.motionClass ?? c.class ?? 'unknown';
      cases.push({ id: `${id}--${motion}`, photo: join(dir, name), prompt: c.prompt, motion, split: p.split === 'holdout' ? 'holdout' : 'dev' });
    }
  }
  return cases;
}

/** Frame `index` of a raw RGBA frames file. */
export async function readFrame(path: string, width: number, height: number, index: number): Promise<Raster> {
  const bytes = width * height * 4;
  const handle = await open(path, 'r');
  try {
    const data = new Uint8ClampedArray(bytes);
    await handle.read(data, 0, bytes, index * bytes);
    return { width, height, data };
  } finally {
    await handle.close();
  }
}

/** True when every frame of the file is byte-for-byte `still`. */
async function allFramesEqual(path: string, frames: number, still: Uint8ClampedArray): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(still.byteLength);
    const want = createHash('sha256').update(still).digest('hex');
    for (let f = 0; f < frames; f++) {
      await handle.read(buf, 0, buf.byteLength, f * buf.byteLength);
      if (createHash('sha256').update(buf).digest('hex') !== want) return false;
    }
    return true;
  } finally {
    await handle.close();
  }
}

export type Evaluate = (run: Run, variant: Variant, framesPath: string, libraryDir: string) => Promise<Omit<ClipOutcome, 'sha256'>>;

/**
 * The pixel evaluator on one clip, given what a viewer knows: the picture's objects at frame 0
 * (those with a track are the ones the app let move), its surfaces and gravity, the prompt's
 * intent and the slow-motion factor the clip is labelled with. Never the simulation's tracks.
 */
export const pixelEvaluate: Evaluate = async (run, variant, framesPath) => {
  const clip = run.clips[variant];
  const { width, height } = clip.size;
  const intent = motionIntent(run.input.prompt, run.scene, await analysisOf(run.input.prompt, run.refinement));
  // Both clips are judged on the same objects: those either clip moves, and the prompt's subject.
  const moving = judgedDynamic(
    run.scene.objects,
    [...run.clips.baseline.tracks, ...run.clips.physics.tracks].map((t) => t.id),
    intent.kind === 'still' || intent.kind === 'none' ? [] : intent.subjects,
  );
  const scene = { ...run.scene, objects: run.scene.objects.map((o) => ({ ...o, dynamic: moving.has(o.id) })) };
  const inputs = sceneEvalInputs(scene, width);
  const evaluation = await evaluateFrames({
    frames: { count: clip.frames, frame: (i) => readFrame(framesPath, width, height, i) },
    width,
    height,
    fps: clip.fps,
    objects: inputs.objects,
    surfaces: inputs.surfaces,
    gravityPxPerS2: inputs.gravityPxPerS2,
    intent: evalIntentOf(intent, run.input.prompt),
    slowMotion: clip.timeScale ?? 1,
  });
  return {
    score: Math.round(evaluation.score),
    verdict: evaluation.verdict,
    failed: evaluation.checks.filter((c) => c.applicable && !c.pass).map((c) => `${c.id}: ${c.reason}`),
  };
};

/** Perceives the photo, makes both clips and (when given) scores them from their frames. */
export async function runCase(c: PhotoCase, libraryDir: string, evaluate?: Evaluate): Promise<CaseOutcome> {
  const { scene } = await perceive(c.photo, { prompt: c.prompt });
  const run = await generatePreview({ image: c.photo, prompt: c.prompt, refinement: null, scene, settings: SETTINGS }, { libraryDir });
  const clips = {} as Record<Variant, ClipOutcome>;
  for (const variant of ['baseline', 'physics'] as const) {
    const clip = run.clips[variant];
    const path = join(libraryDir, clip.media.frames as string);
    const scored = evaluate ? await evaluate(run, variant, path, libraryDir) : { score: null, verdict: null, failed: [] };
    clips[variant] = { sha256: clip.framesSha256 ?? '', ...scored };
  }
  let stillIdentical: boolean | null = null;
  if (STILL_MOTIONS.has(c.motion)) {
    const { width, height } = run.clips.physics.size;
    const { data } = await sharp(c.photo)
      .rotate()
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const picture = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
    stillIdentical = true;
    for (const variant of ['baseline', 'physics'] as const) {
      const clip = run.clips[variant];
      if (!(await allFramesEqual(join(libraryDir, clip.media.frames as string), clip.frames, picture))) stillIdentical = false;
    }
  }
  return {
    case: c,
    intent: run.clips.physics.motion.join(' '),
    timeScale: run.clips.physics.timeScale ?? 1,
    notices: run.notices,
    motion: run.clips.physics.motion,
    clips,
    stillIdentical,
    run,
  };
}

const SHEET_FRAMES = 8;
const THUMB = 200;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A contact sheet for labelling by eye: 8 frames of each clip, evenly spaced from first to
 * last, baseline above physics, with the prompt and any notice written above them. JPEG.
 */
export async function contactSheet(outcome: CaseOutcome, libraryDir: string, out: string): Promise<void> {
  const { width, height } = outcome.run.clips.physics.size;
  const frames = outcome.run.clips.physics.frames;
  const tw = THUMB;
  const th = Math.round((THUMB * height) / width);
  const header = 40;
  const rowLabel = 18;
  const W = tw * SHEET_FRAMES;
  const H = header + 2 * (th + rowLabel);
  const parts: OverlayOptions[] = [];
  for (const [row, variant] of (['baseline', 'physics'] as const).entries()) {
    const path = join(libraryDir, outcome.run.clips[variant].media.frames as string);
    for (let k = 0; k < SHEET_FRAMES; k++) {
      const f = Math.round((k * (frames - 1)) / (SHEET_FRAMES - 1));
      const frame = await readFrame(path, width, height, f);
      const thumb = await sharp(Buffer.from(frame.data.buffer), { raw: { width, height, channels: 4 } })
        .resize(tw, th)
        .png()
        .toBuffer();
      parts.push({ input: thumb, left: k * tw, top: header + row * (th + rowLabel) + rowLabel });
    }
  }
  const slow = outcome.timeScale > 1 ? ` · slow motion ×${outcome.timeScale}` : '';
  const note = outcome.notices.find((n) => /cannot show|leaves the picture/.test(n));
  const text = [
    `<text x="6" y="16" font-family="sans-serif" font-size="13" font-weight="bold">${escapeXml(`${outcome.case.id} [${outcome.case.split}]${slow}`)}</text>`,
    `<text x="6" y="33" font-family="sans-serif" font-size="12">${escapeXml(`“${outcome.case.prompt}”${note ? ` — ${note.slice(0, 90)}…` : ''}`)}</text>`,
    `<text x="6" y="${header + 13}" font-family="sans-serif" font-size="12">baseline (frames 0 … ${frames - 1})</text>`,
    `<text x="6" y="${header + th + rowLabel + 13}" font-family="sans-serif" font-size="12">physics</text>`,
  ].join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${text}</svg>`);
  parts.push({ input: svg, left: 0, top: 0 });
  await sharp({ create: { width: W, height: H, channels: 3, background: '#f4f4f4' } })
    .composite(parts)
    .jpeg({ quality: 60, mozjpeg: true })
    .toFile(out);
}

export function tempLibrary(): string {
  return mkdtempSync(join(tmpdir(), 'physstudio-eval-motion-'));
}

export interface Figures {
  cases: number;
  labelled: number;
  /** Share of labelled clips (both variants) where the pixel verdict matches the hand label. */
  agreement: number | null;
  /** Share of labelled physics clips labelled plausible. */
  physicsPlausible: number | null;
  /** Cases whose physics clip is labelled plausible but whose baseline scores higher. */
  baselineOutscores: string[];
  /** Still prompts whose clips are not the still picture, bit for bit. */
  stillBroken: string[];
  stillCases: number;
  disagreements: string[];
}

export function figures(outcomes: CaseOutcome[], labels: Record<string, HandLabel>): Figures {
  let agree = 0;
  let judged = 0;
  let plausible = 0;
  let labelled = 0;
  const baselineOutscores: string[] = [];
  const disagreements: string[] = [];
  for (const o of outcomes) {
    const label = labels[o.case.id];
    if (!label) continue;
    labelled++;
    if (label.physics === 'plausible') plausible++;
    for (const variant of ['baseline', 'physics'] as const) {
      const verdict = o.clips[variant].verdict;
      if (verdict === null) continue;
      judged++;
      if ((verdict === 'plausible') === (label[variant] === 'plausible')) agree++;
      else disagreements.push(`${o.case.id} ${variant}: eye ${label[variant]}, pixels ${verdict} (${o.clips[variant].failed.join(', ') || 'no check failed'})`);
    }
    const b = o.clips.baseline.score;
    const p = o.clips.physics.score;
    if (label.physics === 'plausible' && b !== null && p !== null && b > p) baselineOutscores.push(`${o.case.id} (baseline ${b}, physics ${p})`);
  }
  const still = outcomes.filter((o) => o.stillIdentical !== null);
  return {
    cases: outcomes.length,
    labelled,
    agreement: judged ? agree / judged : null,
    physicsPlausible: labelled ? plausible / labelled : null,
    baselineOutscores,
    stillBroken: still.filter((o) => !o.stillIdentical).map((o) => o.case.id),
    stillCases: still.length,
    disagreements,
  };
}
