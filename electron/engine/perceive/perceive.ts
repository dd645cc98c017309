import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { motionPreflight } from '../../../shared/motion/preflight';
import { predictInteractions } from '../../../shared/physics/predict';
import { materialByName } from '../../../shared/refine/kb/materials';
import { buildScene, type Proposal, withMaterial } from '../../../shared/scene/build';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import { classesFor, isKnownThing, STUFF, SUPPORT_NOUNS } from '../../../shared/scene/lexicon';
import { parsePrompt, TRANSITIVE } from '../../../shared/scene/nouns';
import { encodeRle } from '../../../shared/scene/rle';
import type { Scene } from '../../../shared/scene/schema';
import type { FoundPack } from '../models/discovery';
import { type Detection, detect, detectorPath, iou } from './detector';
import { runEncoder } from './encoder';
import { borderSpread } from './frame-border';
import { ingestImage } from './ingest';
import { salientObject } from './salient';
import { type Segment, segment } from './segment';
import { segmentAt } from './segment-at';
import { horizontalEdges } from './surfaces';
import { wholeObjects } from './whole-object';

export interface Perception {
  scene: Scene;
  notices: string[];
  timings: { decodeMs: number; detectMs?: number; segmentMs: number; simulateMs: number };
}

/** Detections kept as objects: the strongest, at most this many. */
const MAX_DETECTIONS = 12;
/** Outlined with grabCut besides those the prompt names (the strongest first); the rest use their box. */
const GRABCUT_OBJECTS = 5;
/** Below this a detection is an object only if the prompt names its kind. */
const OBJECT_SCORE = 0.3;

function promptClasses(prompt: string | undefined): Set<string> {
  if (!prompt) return new Set();
  return new Set(parsePrompt(prompt, isKnownThing).phrases.flatMap((p) => classesFor(p.noun).map((c) => c.cocoClass)));
}

export interface PerceiveOptions {
  prompt?: string;
  /** Seconds of motion to predict interactions over. */
  seconds?: number;
  signal?: AbortSignal;
  progress?: (stage: string, fraction: number) => void;
  /** A phys-encoder model pack to run on the image as well. */
  encoder?: FoundPack;
  /** The object detector (centernet.onnx); false runs classical segmentation only. Default: the bundled one. */
  detector?: string | false;
  /** The user's choice of camera view, kept over the estimate. */
  view?: 'side' | 'top-down';
  /** Perceive a downscaled copy of an image too large to perceive as it is. */
  downscale?: boolean;
}

/** The bundled detector, found from this module's place (sources, bundles and the packaged app alike). */
export function bundledDetector(): string | undefined {
  const env = process.env.PHYSSTUDIO_RESOURCES_DIR;
  if (env && existsSync(detectorPath(env))) return detectorPath(env);
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = detectorPath(join(dir, 'resources'));
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  const cwd = detectorPath(resolve('resources'));
  return existsSync(cwd) ? cwd : undefined;
}

/** Segments are in working-image pixels; scenes are in the original image's pixels. */
export function toProposal(s: Segment, sx: number, sy: number, detection?: Proposal['detection']): Proposal {
  return {
    ...(detection ? { detection } : {}),
    polygon: s.polygon.map((p) => ({ x: Math.round(p.x * sx * 10) / 10, y: Math.round(p.y * sy * 10) / 10 })),
    bbox: { x: Math.round(s.bbox.x * sx), y: Math.round(s.bbox.y * sy), w: Math.round(s.bbox.w * sx), h: Math.round(s.bbox.h * sy) },
    colour: { r: Math.round(s.colour.r), g: Math.round(s.colour.g), b: Math.round(s.colour.b) },
    mask: encodeRle(s.mask, s.maskWidth, s.maskHeight),
  };
}

/**
 * Whether segmentation's regions are needed besides the detector's: when it found nothing, or
 * the prompt names a thing no detected class can be.
 */
function needsSegmentation(detections: Detection[], prompt: string | undefined): boolean {
  if (detections.length === 0) return true;
  if (!prompt) return false;
  const found = new Set(detections.flatMap((d) => [d.cocoClass, ...(d.alternatives ?? []).map((a) => a.cocoClass)]));
  const parse = parsePrompt(prompt, isKnownThing);
  // Only things worth a region: known kinds of object and what the motion is about, not the
  // supports and places around them ("the glass on the bar": the bar is where, not what).
  const about = new Set(parse.verbs.flatMap((v) => [v.subject, TRANSITIVE.has(v.verb) ? v.object : undefined]));
  return parse.phrases.some(
    (p) =>
      !STUFF.has(p.noun) && !SUPPORT_NOUNS.has(p.noun) && (isKnownThing(p.noun) || about.has(p)) && !classesFor(p.noun).some((c) => found.has(c.cocoClass)),
  );
}

/**
 * Image in, `Scene` out: decode; the detector finds the objects and each detection becomes one
 * whole mask; classical segmentation adds regions only where the detector has nothing to offer;
 * the scene is built from those regions, the prompt and the photo's scale and view; then rolled
 * forward to predict interactions.
 */
export async function perceive(image: string | Uint8Array, options: PerceiveOptions = {}): Promise<Perception> {
  const t0 = performance.now();
  options.progress?.('decoding', 0.05);
  const working = await ingestImage(image, { downscale: options.downscale ?? false });
  const t1 = performance.now();
  options.signal?.throwIfAborted();
  const notices: string[] = [];
  if (working.downscaledFrom)
    notices.push(`The image (${working.downscaledFrom.width}×${working.downscaledFrom.height}) was perceived from a downscaled copy.`);
  options.progress?.('finding objects', 0.15);
  const model = options.detector === false ? undefined : (options.detector ?? bundledDetector());
  const edgesPromise = horizontalEdges(working.data, working.width, working.height);
  let detections: Detection[] = [];
  if (model) {
    try {
      const run = await detect(model, working.data, working.width, working.height);
      // Weak detections become objects only when the prompt asks for their kind.
      const asked = promptClasses(options.prompt);
      detections = run.detections
        .filter((d) => d.score >= OBJECT_SCORE || [d, ...(d.alternatives ?? [])].some((h) => asked.has(h.cocoClass)))
        .slice(0, MAX_DETECTIONS);
      if (run.fallbacks.length) notices.push(`The object detector ran on ${run.provider.toUpperCase()} (${run.fallbacks.join('; ')}).`);
    } catch (err) {
      notices.push(`The object detector could not run (${(err as Error).message}); objects were found by colour contrast only.`);
    }
  } else if (options.detector !== false) notices.push('The object detector is not installed; objects were found by colour contrast only.');
  const t2 = performance.now();
  options.signal?.throwIfAborted();
  options.progress?.('outlining objects', 0.3);
  // grabCut for what the prompt asks about and the strongest others; the rest keep their box's ellipse.
  const wanted = promptClasses(options.prompt);
  const refine = detections.map((d, i) => i < GRABCUT_OBJECTS || [d, ...(d.alternatives ?? [])].some((h) => wanted.has(h.cocoClass)));
  const masks = await wholeObjects(working.data, working.width, working.height, detections, refine);
  const sx = working.original.width / working.width;
  const sy = working.original.height / working.height;
  const proposals: Proposal[] = masks.map((m, i) => {
    const d = detections[i] as Detection;
    return toProposal(m.segment, sx, sy, {
      cocoClass: d.cocoClass,
      score: d.score,
      outline: m.outline,
      ...(d.alternatives ? { alternatives: d.alternatives } : {}),
    });
  });
  let guessed: Proposal | undefined;
  if (needsSegmentation(detections, options.prompt)) {
    const { segments, dropped, tooSmall } = await segment(working.data, working.width, working.height);
    // Segmentation's regions only where no detection already is. A box spanning most of the frame
    // (a weak "bed" that is the desk) is where things stand, not a thing hiding the regions inside it.
    const frame = working.width * working.height;
    const extra = segments.filter((s) => !detections.some((d) => iou(d.box, s.bbox) > 0.3 || (d.box.w * d.box.h < 0.5 * frame && contains(d.box, s.bbox))));
    // Contrast against the border's colour misses a thing on a plain surface of its own colour (a
    // cube on white paper): the frame's middle, cut out by grabCut, is offered as one more region,
    // since people frame what they talk about. Kept only when it stands free of the frame's sides.
    const salient = await salientObject(working.data, working.width, working.height);
    const guess = salient?.segment ?? (await centralGuess(working.data, working.width, working.height));
    // Holding three or more regions or detections, it is a group of things (cutlery on a cloth, a ball and a box on a table), not one.
    const fresh =
      guess &&
      !detections.some((d) => iou(d.box, guess.bbox) > 0.5) &&
      !extra.some((s) => iou(s.bbox, guess.bbox) > 0.7) &&
      [...extra.map((s) => s.bbox), ...detections.map((d) => d.box)].filter((b) => contains(guess.bbox, b)).length < 3;
    if (guess && fresh) {
      guessed = { ...toProposal(guess, sx, sy), ...(salient ? { salient: true } : {}) };
      proposals.push(guessed);
    }
    proposals.push(...extra.map((s) => toProposal(s, sx, sy)));
    if (dropped > 0) notices.push(`${dropped} more regions were found; only the ${segments.length} largest are kept.`);
    if (tooSmall > 0 && proposals.length === 0) notices.push(`${tooSmall} regions were too small to be objects.`);
  }
  const lines = await edgesPromise;
  const t3 = performance.now();
  options.signal?.throwIfAborted();
  const spread = borderSpread(working.data, working.width, working.height);
  const edges = lines.map((l) => ({ a: { x: l.a.x * sx, y: l.a.y * sy }, b: { x: l.b.x * sx, y: l.b.y * sy } }));
  const build = (regions: Proposal[]) =>
    buildScene({
      width: working.original.width,
      height: working.original.height,
      proposals: regions,
      edges,
      borderSpread: spread,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      ...(options.view ? { view: options.view } : {}),
    });
  let built = build(proposals);
  // The middle's region is only a candidate for a named thing: when no name lands on it, it is no object.
  if (guessed && !built.scene.objects.some((o) => o.grounding && sameBox(o.bbox, (guessed as Proposal).bbox)))
    built = build(proposals.filter((p) => p !== guessed));
  const partial = built.scene;
  notices.push(...built.notices);
  const onGuess = guessed && partial.objects.find((o) => o.grounding && sameBox(o.bbox, (guessed as Proposal).bbox));
  if (onGuess?.grounding)
    notices.push(
      `I guessed the ${onGuess.grounding.noun} is the thing that ${guessed?.salient ? 'stands out' : 'is in the middle'} in the picture; click it if not.`,
    );
  let base: Scene = { ...partial, interactions: [], embedding: [] };
  if (options.encoder) {
    options.progress?.('running the physical encoder', 0.5);
    const out = await runEncoder(options.encoder, working);
    const top = [...out.materials].sort((a, b) => b.p - a.p)[0];
    const known = top ? materialByName(top.name) : undefined;
    base = {
      ...base,
      encoder: { pack: out.pack, provider: out.provider, embedding: out.embedding, material: top ?? null },
      // The model outranks appearance, never the prompt or the user.
      objects: base.objects.map((o) =>
        known && top && o.provenance.material === 'appearance' ? withMaterial(o, known, base.scale.pixelsPerMetre, 'model', top.p) : o,
      ),
    };
    notices.push(`The physical encoder ${out.pack} ran on ${out.provider.toUpperCase()}${out.fallbacks.length ? ` (${out.fallbacks.join('; ')})` : ''}.`);
  }
  options.progress?.('predicting interactions', 0.6);
  const { interactions } = await predictInteractions(base, { seconds: options.seconds ?? 5, fps: 24 });
  const scene: Scene = { ...base, interactions, embedding: [] };
  scene.embedding = sceneEmbedding(scene);
  // A verb the preview cannot show is said now, before anything is generated.
  if (options.prompt) notices.push(...motionPreflight(options.prompt, scene));
  options.progress?.('done', 1);
  return {
    scene,
    notices,
    timings: {
      decodeMs: Math.round(t1 - t0),
      detectMs: Math.round(t2 - t1),
      segmentMs: Math.round(t3 - t2),
      simulateMs: Math.round(performance.now() - t3),
    },
  };
}

const contains = (outer: { x: number; y: number; w: number; h: number }, inner: { x: number; y: number; w: number; h: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

const sameBox = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** Inset of the frame grabCut is seeded with: the middle, where a photographed thing usually is. */
const GUESS_INSET = 0.08;
/** Long side of the copy the guess is cut from. */
const GUESS_LONG_SIDE = 256;

/** The salient thing in the frame's middle, or null when what grabCut keeps touches two sides of the frame or is tiny or most of it. */
async function centralGuess(rgba: Uint8Array, width: number, height: number): Promise<Segment | null> {
  const box = { x: width * GUESS_INSET, y: height * GUESS_INSET, w: width * (1 - 2 * GUESS_INSET), h: height * (1 - 2 * GUESS_INSET) };
  // A whole-frame guess needs no fine edge: a quarter of the pixels keeps the fallback's cost down.
  const piece = await segmentAt(rgba, width, height, { box }, GUESS_LONG_SIDE);
  if (!piece) return null;
  const b = piece.bbox;
  const m = 0.01 * Math.max(width, height) + 2;
  const sides = [b.x <= box.x + m, b.y <= box.y + m, b.x + b.w >= box.x + box.w - m, b.y + b.h >= box.y + box.h - m].filter(Boolean).length;
  const share = (b.w * b.h) / (width * height);
  return sides >= 2 || share < 0.01 || share > 0.6 ? null : piece;
}
