import { predictInteractions } from '../../../shared/physics/predict';
import { materialByName } from '../../../shared/refine/kb/materials';
import { buildScene, type Proposal, withMaterial } from '../../../shared/scene/build';
import { sceneEmbedding } from '../../../shared/scene/embedding';
import { encodeRle } from '../../../shared/scene/rle';
import type { Scene } from '../../../shared/scene/schema';
import type { FoundPack } from '../models/discovery';
import { runEncoder } from './encoder';
import { ingestImage } from './ingest';
import { type Segment, segment } from './segment';
import { horizontalEdges } from './surfaces';

export interface Perception {
  scene: Scene;
  notices: string[];
  timings: { decodeMs: number; segmentMs: number; simulateMs: number };
}

export interface PerceiveOptions {
  prompt?: string;
  /** Seconds of motion to predict interactions over. */
  seconds?: number;
  signal?: AbortSignal;
  progress?: (stage: string, fraction: number) => void;
  /** A phys-encoder model pack to run on the image as well. */
  encoder?: FoundPack;
}

/** Segments are in working-image pixels; scenes are in the original image's pixels. */
export function toProposal(s: Segment, sx: number, sy: number): Proposal {
  return {
    polygon: s.polygon.map((p) => ({ x: Math.round(p.x * sx * 10) / 10, y: Math.round(p.y * sy * 10) / 10 })),
    bbox: { x: Math.round(s.bbox.x * sx), y: Math.round(s.bbox.y * sy), w: Math.round(s.bbox.w * sx), h: Math.round(s.bbox.h * sy) },
    colour: { r: Math.round(s.colour.r), g: Math.round(s.colour.g), b: Math.round(s.colour.b) },
    mask: encodeRle(s.mask, s.maskWidth, s.maskHeight),
  };
}

/** Image in, `Scene` out: decode, segment, build the scene from proposals and prompt, roll it forward. */
export async function perceive(image: string | Uint8Array, options: PerceiveOptions = {}): Promise<Perception> {
  const t0 = performance.now();
  options.progress?.('decoding', 0.05);
  const working = await ingestImage(image);
  const t1 = performance.now();
  options.signal?.throwIfAborted();
  options.progress?.('finding objects', 0.2);
  const [{ segments, dropped, tooSmall }, lines] = await Promise.all([
    segment(working.data, working.width, working.height),
    horizontalEdges(working.data, working.width, working.height),
  ]);
  const t2 = performance.now();
  options.signal?.throwIfAborted();
  const sx = working.original.width / working.width;
  const sy = working.original.height / working.height;
  const proposals = segments.map((s) => toProposal(s, sx, sy));
  const edges = lines.map((l) => ({ a: { x: l.a.x * sx, y: l.a.y * sy }, b: { x: l.b.x * sx, y: l.b.y * sy } }));
  const { scene: partial, notices } = buildScene({
    width: working.original.width,
    height: working.original.height,
    proposals,
    edges,
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  if (dropped > 0) notices.push(`${dropped} more objects were found; only the ${segments.length} largest are kept.`);
  if (tooSmall > 0 && segments.length === 0) notices.push(`${tooSmall} regions were too small to be objects.`);
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
  options.progress?.('done', 1);
  return { scene, notices, timings: { decodeMs: Math.round(t1 - t0), segmentMs: Math.round(t2 - t1), simulateMs: Math.round(performance.now() - t2) } };
}
