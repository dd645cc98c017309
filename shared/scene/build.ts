import { area, roundness } from '../physics/geometry';
import { analyze } from '../refine/analyze';
import { GRAVITY_MS2 } from '../refine/kb/contexts';
import { type Material, materialByName, materialByWord } from '../refine/kb/materials';
import type { Entity } from '../refine/schema';
import { COLOUR_WORDS, SIZE_PRIORS } from './priors';
import type { BBox, Point, Provenance, Rle, Scene, SceneObject, Surface } from './schema';

/** An object proposal from segmentation (or a model), in original-image pixels. */
export interface Proposal {
  polygon: Point[];
  bbox: BBox;
  colour: { r: number; g: number; b: number };
  mask: Rle;
}

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
}

export interface Built {
  scene: Omit<Scene, 'interactions' | 'embedding'>;
  notices: string[];
}

const SUPPORT_NOUNS = new Set(['table', 'desk', 'shelf', 'counter', 'floor', 'ground', 'bench', 'stool', 'ramp', 'plank', 'board', 'tray']);
const POSITION = {
  left: (b: BBox) => b.x + b.w / 2,
  right: (b: BBox) => -(b.x + b.w / 2),
  top: (b: BBox) => b.y + b.h / 2,
  bottom: (b: BBox) => -(b.y + b.h / 2),
} as const;

function colourDistance(c: Proposal['colour'], anchor: [number, number, number]): number {
  return Math.hypot(c.r - anchor[0], c.g - anchor[1], c.b - anchor[2]);
}

/**
 * Matches the prompt's objects to the proposals: colour words pick the closest colour, position
 * and size words pick by place and area, and the rest follow the order they are mentioned
 * against the proposals from left to right.
 */
/** "the cup on the right": a position named just after the object, outside its noun phrase. */
function positionAfter(prompt: string, entity: Entity): keyof typeof POSITION | undefined {
  const escaped = entity.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\s+(?:on|at|to|in)\\s+the\\s+(left|right|top|bottom)\\b`, 'i').exec(prompt);
  return match?.[1]?.toLowerCase() as keyof typeof POSITION | undefined;
}

function assignLabels(entities: Entity[], proposals: Proposal[], prompt: string): Map<number, Entity> {
  const assigned = new Map<number, Entity>();
  const free = () => proposals.map((_, i) => i).filter((i) => !assigned.has(i));
  const pending: Entity[] = [];
  for (const entity of entities) {
    const words = entity.text.split(' ');
    const colour = words.find((w) => COLOUR_WORDS[w]);
    const position = (words.find((w) => w in POSITION) as keyof typeof POSITION | undefined) ?? positionAfter(prompt, entity);
    const size = words.find((w) => ['big', 'large', 'huge', 'small', 'tiny', 'little'].includes(w));
    const candidates = free();
    if (candidates.length === 0) break;
    let pick: number | undefined;
    if (colour)
      pick = [...candidates].sort(
        (a, b) =>
          colourDistance((proposals[a] as Proposal).colour, COLOUR_WORDS[colour] as [number, number, number]) -
          colourDistance((proposals[b] as Proposal).colour, COLOUR_WORDS[colour] as [number, number, number]),
      )[0];
    else if (position)
      pick = [...candidates].sort((a, b) => POSITION[position]((proposals[a] as Proposal).bbox) - POSITION[position]((proposals[b] as Proposal).bbox))[0];
    else if (size) {
      const big = ['big', 'large', 'huge'].includes(size);
      pick = [...candidates].sort((a, b) => (area((proposals[b] as Proposal).polygon) - area((proposals[a] as Proposal).polygon)) * (big ? 1 : -1))[0];
    } else if (SUPPORT_NOUNS.has(entity.noun)) {
      // A table or shelf is the widest, flattest proposal.
      pick = [...candidates].sort((a, b) => aspect(proposals[b] as Proposal) - aspect(proposals[a] as Proposal))[0];
      if (pick !== undefined && aspect(proposals[pick] as Proposal) < 1.8) pick = undefined;
    } else {
      pending.push(entity);
      continue;
    }
    if (pick !== undefined) assigned.set(pick, entity);
  }
  const leftToRight = free().sort((a, b) => (proposals[a] as Proposal).bbox.x - (proposals[b] as Proposal).bbox.x);
  pending.forEach((entity, k) => {
    const i = leftToRight[k];
    if (i !== undefined) assigned.set(i, entity);
  });
  return assigned;
}

const aspect = (p: Proposal) => p.bbox.w / Math.max(1, p.bbox.h);

/** A guess from looks alone, when the prompt does not say: round things bounce, greys are metal, browns are wood. */
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

function pixelsPerMetre(labels: Array<{ noun: string; bbox: BBox }>, height: number): { value: number; provenance: Provenance } {
  const estimates = labels.flatMap((l) => {
    const prior = SIZE_PRIORS[l.noun] ?? SIZE_PRIORS[l.noun.split(' ').at(-1) ?? ''];
    return prior ? [Math.max(l.bbox.w, l.bbox.h) / prior] : [];
  });
  if (estimates.length === 0) return { value: height / 2, provenance: 'default' };
  estimates.sort((a, b) => a - b);
  return { value: estimates[Math.floor(estimates.length / 2)] as number, provenance: 'prompt' };
}

const edgeY = (e: EdgeLine) => (e.a.y + e.b.y) / 2;

/**
 * Where things stand: a static object (a segmented table) supports with its own outline; an
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

/** One object from one proposal: label and material from the prompt's entity when it has one, else from appearance. */
export function objectFromProposal(p: Proposal, id: string, entity: Entity | undefined, pixelsPerMetre: number): SceneObject {
  const promptMaterial = entity?.material ? (materialByWord(entity.material) ?? materialByName(entity.material)) : undefined;
  const support = entity ? SUPPORT_NOUNS.has(entity.noun) : false;
  const base: SceneObject = {
    id,
    label: entity?.noun ?? `object ${id.replace(/^o/, '')}`,
    mask: p.mask,
    bbox: p.bbox,
    polygon: p.polygon,
    dynamic: !support,
    material: { name: 'plastic', confidence: 0 },
    params: { density: 1, mass: 1, friction: 0.5, restitution: 0.5, linearDamping: 0.05, angularDamping: 0.05 },
    velocity: { x: 0, y: 0 },
    provenance: {
      label: entity ? 'prompt' : 'default',
      linearDamping: 'default',
      angularDamping: 'default',
      dynamic: entity ? 'prompt' : 'default',
      velocity: 'default',
    },
  };
  const confidence = !promptMaterial ? 0.4 : entity?.text.split(' ').some((w) => materialByWord(w)) ? 0.9 : 0.6;
  return withMaterial(base, promptMaterial ?? materialFromAppearance(p), pixelsPerMetre, promptMaterial ? 'prompt' : 'appearance', confidence);
}

/**
 * Gives an object a material: its friction and bounciness, and a mass from the material's
 * density over the outline, with the body's depth taken as its smaller visible side (a 3-D body
 * seen in the image plane).
 */
export function withMaterial(o: SceneObject, material: Material, pixelsPerMetre: number, source: Provenance, confidence: number): SceneObject {
  const depth = Math.min(o.bbox.w, o.bbox.h) / pixelsPerMetre;
  const density = Math.max(0.01, material.density * depth);
  return {
    ...o,
    material: { name: material.name, confidence },
    params: {
      ...o.params,
      density,
      mass: Math.max(1e-4, density * (area(o.polygon) / pixelsPerMetre ** 2)),
      friction: material.friction,
      restitution: material.restitution,
    },
    provenance: { ...o.provenance, material: source, density: source, mass: source, friction: source, restitution: source },
  };
}

/**
 * Turns object proposals and the prompt into a `Scene` (without interactions and embedding,
 * which come from the rollout). Every physical field says where it came from.
 */
export function buildScene(input: BuildInput): Built {
  const notices: string[] = [];
  const analysis = input.prompt?.trim() ? analyze(input.prompt).analysis : undefined;
  const entities = (analysis?.entities ?? []).filter((e) => e.state !== 'liquid' && e.state !== 'gas');
  const labels = assignLabels(entities, input.proposals, input.prompt ?? '');
  const gravity = GRAVITY_MS2[analysis?.context.gravity ?? 'earth'];

  const scale = pixelsPerMetre(
    input.proposals.flatMap((p, i) => {
      const entity = labels.get(i);
      return entity ? [{ noun: entity.noun, bbox: p.bbox }] : [];
    }),
    input.height,
  );
  const objects = input.proposals.map((p, i) => objectFromProposal(p, `o${i + 1}`, labels.get(i), scale.value));

  const surfaces = supportSurfaces(objects, input.edges ?? [], input.width, input.height);

  if (objects.length === 0) notices.push('No distinct objects were found, so the scene is empty. Click an object in the image to add it.');
  const unmatched = entities.filter((e) => ![...labels.values()].includes(e) && !SUPPORT_NOUNS.has(e.noun));
  if (unmatched.length && objects.length) notices.push(`Not found in the image: ${unmatched.map((e) => e.text).join(', ')}.`);
  if (scale.provenance === 'default')
    notices.push('No object of known size was recognised; the image is assumed to be 2 m tall. Set the scale if that is wrong.');

  return {
    scene: {
      image: { width: input.width, height: input.height },
      gravity: { x: 0, y: gravity },
      scale: { pixelsPerMetre: Math.round(scale.value * 100) / 100, provenance: scale.provenance },
      surfaces,
      objects,
    },
    notices,
  };
}
