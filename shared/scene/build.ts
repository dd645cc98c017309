import { area, roundness } from '../physics/geometry';
import { analyze } from '../refine/analyze';
import { GRAVITY_MS2 } from '../refine/kb/contexts';
import { type Material, materialByName, materialByWord } from '../refine/kb/materials';
import { ground, type Landed, type Proposal } from './ground';
import { CLASS_MATERIAL, isKnownThing, SUPPORT_CLASSES, SUPPORT_NOUNS } from './lexicon';
import { parsePrompt } from './nouns';
import { bulkDensity, COCO_PRIORS, SHAPE_FACTOR, type Shape } from './priors';
import { photoScale } from './scale';
import type { MassEstimate, Point, Provenance, Scene, SceneObject, Surface } from './schema';
import { estimateView } from './view';

export type { Proposal } from './ground';

/** A long, near-horizontal edge found in the image (original pixels). */
export interface EdgeLine {
  a: Point;
  b: Point;
}

export interface BuildInput {
  width: number;
  height: number;
  proposals: Proposal[];
  prompt?: string;
  edges?: EdgeLine[];
  /** The user's choice of view, kept over the estimate. */
  view?: 'side' | 'top-down';
  /** Lab distance between the frame's most different border strips (see the engine's `borderSpread`): a camera-view cue. */
  borderSpread?: number;
}

export interface Built {
  scene: Omit<Scene, 'interactions' | 'embedding'>;
  notices: string[];
}

/** A guess from looks alone, when neither the prompt nor the detector says: round things bounce, greys are metal, browns are wood. */
function materialFromAppearance(p: Proposal): Material {
  const { r, g, b } = p.colour;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const saturation = max === 0 ? 0 : (max - min) / max;
  if (roundness(p.polygon) > 0.85) return materialByName('rubber') as Material;
  if (saturation < 0.15) return materialByName(max > 180 ? 'ceramic' : 'steel') as Material;
  if (r > g && g > b && saturation > 0.3 && max < 200) return materialByName('wood') as Material;
  return materialByName('plastic') as Material;
}

/** Touches at least two image borders, or covers most of the frame: a wall, a field, a table top seen whole. */
export function isBackground(p: { bbox: { x: number; y: number; w: number; h: number }; polygon: Point[] }, width: number, height: number): boolean {
  const m = 2;
  const borders = [p.bbox.x <= m, p.bbox.y <= m, p.bbox.x + p.bbox.w >= width - m, p.bbox.y + p.bbox.h >= height - m].filter(Boolean).length;
  return borders >= 2 || area(p.polygon) > 0.45 * width * height;
}

const edgeY = (e: EdgeLine) => (e.a.y + e.b.y) / 2;

/**
 * Where things stand: a static object (a segmented table) supports with its own outline; a
 * detected table, bench or bed holds what stands inside its box at that object's base; an
 * object standing on a long horizontal edge (a table's front edge) gets that edge as a table
 * surface; the ground is the lowest long edge below everything, else the line under the lowest
 * object, else near the bottom of an empty image.
 */
function supportSurfaces(objects: SceneObject[], edges: EdgeLine[], width: number, height: number): Surface[] {
  const tolerance = height * 0.03;
  const bottom = (o: SceneObject) => o.bbox.y + o.bbox.h;
  const surfaces: Surface[] = [];
  const statics = objects.filter((o) => !o.dynamic);
  const lowest = Math.max(0, ...objects.map(bottom));
  const groundEdge = edges.filter((e) => edgeY(e) >= lowest - tolerance && e.b.x - e.a.x >= width * 0.5).sort((p, q) => edgeY(q) - edgeY(p))[0];
  for (const o of objects.filter((x) => x.dynamic)) {
    const cx = o.bbox.x + o.bbox.w / 2;
    const onStatic = statics.some((t) => Math.abs(t.bbox.y - bottom(o)) < tolerance && cx >= t.bbox.x && cx <= t.bbox.x + t.bbox.w);
    if (onStatic) continue;
    // Standing on a detected table, bench or bed: its top is where the object's base is.
    const holder = statics.find(
      (t) =>
        t.detection &&
        SUPPORT_CLASSES.has(t.detection.cocoClass) &&
        cx >= t.bbox.x &&
        cx <= t.bbox.x + t.bbox.w &&
        bottom(o) >= t.bbox.y - tolerance &&
        bottom(o) <= t.bbox.y + t.bbox.h,
    );
    if (holder) {
      const y = bottom(o);
      if (!surfaces.some((s) => Math.abs((s.points[0]?.y ?? 0) - y) < tolerance))
        surfaces.push({
          id: `s${surfaces.length + 1}`,
          kind: holder.detection?.cocoClass === 'bench' ? 'shelf' : 'table',
          points: [
            { x: holder.bbox.x, y },
            { x: holder.bbox.x + holder.bbox.w, y },
          ],
          friction: 0.5,
          restitution: 0.3,
          provenance: 'model',
        });
      continue;
    }
    const edge = edges.find((e) => e !== groundEdge && Math.abs(edgeY(e) - bottom(o)) < tolerance && cx >= e.a.x && cx <= e.b.x);
    if (edge && !surfaces.some((s) => s.points[0]?.y === edge.a.y)) {
      surfaces.push({ id: `s${surfaces.length + 1}`, kind: 'table', points: [edge.a, edge.b], friction: 0.5, restitution: 0.3, provenance: 'appearance' });
    }
  }
  const groundY = groundEdge ? edgeY(groundEdge) : objects.length ? Math.min(height, Math.max(lowest, height * 0.5)) : height * 0.95;
  surfaces.push({
    id: 'ground',
    kind: 'ground',
    points: [
      { x: -width, y: groundY },
      { x: width * 2, y: groundY },
    ],
    friction: 0.6,
    restitution: 0.3,
    provenance: groundEdge ? 'appearance' : 'default',
  });
  return surfaces;
}

/** Volume from the mask under a stated shape, and a density: the class's typical bulk density, else the material's. */
function massEstimate(p: Proposal, pixelsPerMetre: number, material: Material, materialSource: Provenance): MassEstimate {
  const cls = p.detection?.cocoClass;
  const prior = cls ? COCO_PRIORS[cls] : undefined;
  const shape: Shape = prior?.shape ?? (roundness(p.polygon) > 0.85 ? 'sphere' : 'slab');
  const d = Math.min(p.bbox.w, p.bbox.h) / pixelsPerMetre;
  const volumeM3 = SHAPE_FACTOR[shape] * (area(p.polygon) / pixelsPerMetre ** 2) * d;
  // A class's typical mass beats a solid material when the prompt names none: a football is hollow.
  const useClass = prior && materialSource !== 'prompt';
  const densityKgM3 = useClass ? bulkDensity(prior) : material.density;
  const across = d >= 1 ? `${d.toFixed(1)} m` : `${(d * 100).toFixed(1)} cm`;
  const basis = `${shape} ${across} deep from the outline × ${Math.round(densityKgM3)} kg/m³ (${useClass ? `typical ${cls}` : material.name})`;
  return { shape, volumeM3: Number(volumeM3.toPrecision(4)), densityKgM3: Number(densityKgM3.toPrecision(4)), basis };
}

/** One object from one proposal: label from the prompt's noun that landed on it, else the detector's class. */
export function objectFromProposal(p: Proposal, id: string, landed: Landed | undefined, pixelsPerMetre: number): SceneObject {
  const phrase = landed?.phrase;
  const promptMaterialWord = phrase?.text.split(' ').find((w) => materialByWord(w));
  const promptMaterial = promptMaterialWord ? materialByWord(promptMaterialWord) : undefined;
  const classMaterial = p.detection ? materialByName(CLASS_MATERIAL[p.detection.cocoClass] ?? '') : undefined;
  const support = phrase ? SUPPORT_NOUNS.has(phrase.noun) : SUPPORT_CLASSES.has(p.detection?.cocoClass ?? '');
  const base: SceneObject = {
    id,
    label: phrase?.noun ?? p.detection?.cocoClass ?? `object ${id.replace(/^o/, '')}`,
    mask: p.mask,
    bbox: p.bbox,
    polygon: p.polygon,
    dynamic: !support,
    material: { name: 'plastic', confidence: 0 },
    params: { density: 1, mass: 1, friction: 0.5, restitution: 0.5, linearDamping: 0.05, angularDamping: 0.05 },
    velocity: { x: 0, y: 0 },
    provenance: {
      label: phrase ? 'prompt' : p.detection ? 'model' : 'default',
      linearDamping: 'default',
      angularDamping: 'default',
      dynamic: phrase ? 'prompt' : 'default',
      velocity: 'default',
    },
    ...(landed ? { grounding: { noun: landed.phrase.noun, text: landed.phrase.text, via: landed.via } } : {}),
    ...(p.detection
      ? { detection: { cocoClass: p.detection.cocoClass, score: Math.round(p.detection.score * 1000) / 1000, outline: p.detection.outline } }
      : {}),
  };
  const [material, source, confidence]: [Material, Provenance, number] = promptMaterial
    ? [promptMaterial, 'prompt', 0.9]
    : classMaterial
      ? [classMaterial, 'model', Math.min(0.8, p.detection?.score ?? 0.5)]
      : [materialFromAppearance(p), 'appearance', 0.4];
  return withMaterial(base, material, pixelsPerMetre, source, confidence, p);
}

/**
 * Gives an object a material: its friction and bounciness, and a mass from a volume estimated
 * from its outline under a stated shape (see `massEstimate`). The 2-D world's areal density is
 * then mass over the outline's area.
 */
export function withMaterial(
  o: SceneObject,
  material: Material,
  pixelsPerMetre: number,
  source: Provenance,
  confidence: number,
  proposal?: Proposal,
): SceneObject {
  const p: Proposal = proposal ?? {
    polygon: o.polygon,
    bbox: o.bbox,
    colour: { r: 0, g: 0, b: 0 },
    mask: o.mask,
    ...(o.detection ? { detection: o.detection } : {}),
  };
  const estimate = massEstimate(p, pixelsPerMetre, material, source);
  const mass = Math.max(1e-4, estimate.volumeM3 * estimate.densityKgM3);
  const areaM2 = Math.max(1e-8, area(o.polygon) / pixelsPerMetre ** 2);
  const massSource: Provenance = p.detection && COCO_PRIORS[p.detection.cocoClass] && source !== 'prompt' ? 'model' : source;
  return {
    ...o,
    material: { name: material.name, confidence },
    params: {
      ...o.params,
      density: Math.max(1e-6, mass / areaM2),
      mass,
      friction: material.friction,
      restitution: material.restitution,
    },
    estimate,
    provenance: { ...o.provenance, material: source, density: massSource, mass: massSource, friction: source, restitution: source },
  };
}

/**
 * Turns object proposals and the prompt into a `Scene` (without interactions and embedding,
 * which come from the rollout). The photo decides what the objects are, where they stand, the
 * scale and the view; the prompt decides which of them it names, which one its motion is about,
 * and which move. Every physical field says where it came from.
 */
export function buildScene(input: BuildInput): Built {
  const notices: string[] = [];
  const prompt = input.prompt?.trim() ?? '';
  const parse = prompt ? parsePrompt(prompt, isKnownThing) : { phrases: [], verbs: [] };
  const context = prompt ? analyze(prompt).analysis.context : undefined;
  const { landed, missing, subject } = ground(parse, input.proposals, input.width, input.height);
  const scale = photoScale(input.proposals, landed, input.width, input.height, subject);
  const view = input.view
    ? { view: input.view, provenance: 'user' as const, reason: 'Chosen in the Scene tab.' }
    : estimateView(prompt || undefined, input.proposals, input.edges ?? [], input.width, input.height, input.borderSpread);

  const objects = input.proposals.map((p, i) => {
    const o = objectFromProposal(p, `o${i + 1}`, landed.get(i), scale.pixelsPerMetre);
    const background = isBackground(p, input.width, input.height);
    const named = landed.has(i);
    const support = SUPPORT_CLASSES.has(p.detection?.cocoClass ?? '') || SUPPORT_NOUNS.has(landed.get(i)?.phrase.noun ?? '');
    // What moves: with a prompt, the things it names (supports only when they are its subject);
    // without one, the things that are neither background nor furniture.
    const dynamic = parse.phrases.length ? named && (!support || i === subject) : !background && !support;
    return {
      ...o,
      dynamic,
      provenance: { ...o.provenance, dynamic: (named ? 'prompt' : 'appearance') as Provenance },
      ...(background ? { background: true } : {}),
    };
  });
  // "a glass of water": contents point at their container.
  for (const [i, l] of landed) {
    if (!l.phrase.containedIn) continue;
    const container = [...landed.entries()].find(([, c]) => c.phrase.noun === l.phrase.containedIn)?.[0];
    if (container !== undefined) (objects[i] as SceneObject).containedIn = `o${container + 1}`;
  }

  const topDown = view.view === 'top-down';
  const surfaces = topDown ? [] : supportSurfaces(objects, input.edges ?? [], input.width, input.height);
  const g = GRAVITY_MS2[context?.gravity ?? 'earth'];

  const missingNouns = missing.map((m) => m.noun);
  for (const m of missing) notices.push(`I could not find the ${m.noun}: click it in the picture.`);
  if (objects.length === 0) notices.push('I found no objects in this picture. Click an object in the image to add it, or drag a box around it.');
  if (scale.provenance === 'default')
    notices.push('No object of known size was recognised; the image is assumed to be 2 m tall. Set the scale if that is wrong.');
  if (topDown) notices.push(`${view.reason} Gravity points into the picture: objects slide and roll in it. Switch the view in the Scene tab if that is wrong.`);

  const refIndex = scale.reference
    ? input.proposals.findIndex((p, i) => p.detection?.cocoClass === scale.reference?.label || landed.get(i)?.phrase.noun === scale.reference?.label)
    : -1;
  return {
    scene: {
      image: { width: input.width, height: input.height },
      // Looking down, gravity is along the camera axis: nothing in the image plane.
      gravity: topDown ? { x: 0, y: 0 } : { x: 0, y: g },
      scale: { ...scale, ...(scale.reference && refIndex >= 0 ? { reference: { ...scale.reference, objectId: `o${refIndex + 1}` } } : {}) },
      surfaces,
      objects,
      view: view.view,
      viewSource: { provenance: view.provenance, reason: view.reason },
      ...(subject !== undefined ? { subjectId: `o${subject + 1}` } : {}),
      ...(missingNouns.length ? { missing: missingNouns } : {}),
    },
    notices,
  };
}
