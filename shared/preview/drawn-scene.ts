import { analyze } from '../refine/analyze';
import { GRAVITY_MS2 } from '../refine/kb/contexts';
import { type Material, materialByName, materialByWord } from '../refine/kb/materials';
import type { Entity } from '../refine/schema';
import { withMaterial } from '../scene/build';
import { COLOUR_WORDS, SIZE_PRIORS } from '../scene/priors';
import type { Point, Scene, SceneObject, Surface } from '../scene/schema';
import { polygonMask } from './polygon-mask';

/**
 * A picture drawn from the prompt alone, for typing a prompt with no image: a side view in the
 * style of the bundled samples (a plain wall, a floor line, a table when the prompt names one),
 * the prompt's objects as flat shapes, and the Scene that the drawing is, exactly. The drawing
 * is labelled as drawn wherever it is shown.
 */
export interface DrawnScene {
  svg: string;
  scene: Omit<Scene, 'interactions' | 'embedding'>;
  notices: string[];
}

const W = 800;
const H = 600;
const GROUND = 470;
const SUPPORTS = new Set(['table', 'desk', 'shelf', 'counter', 'bench', 'stool']);
const FLOORS = new Set([
  'floor',
  'ground',
  'grass',
  'road',
  'street',
  'sky',
  'space',
  'air',
  'orbit',
  'room',
  'edge',
  'side',
  'left',
  'right',
  'top',
  'bottom',
]);
/** Words that name no thing to draw ("something happens", "it moves"): a stand-in is drawn instead, and said to be one. */
const VAGUE = /^(something|anything|everything|nothing|thing|things|object|objects|stuff|it|this|that|one)$/;
const ROUND = /ball|apple|orange|egg|balloon|planet|moon|marble|melon|tomato|coin|wheel|tyre|tire|bubble|sphere|globe|peach|plum/;
const TALL = /bottle|vase|glass|cup|mug|can|candle|rocket|tower|lamp|pin|tube|jar|person|man|woman|figure|robot|statue|chimney|column|pole/;
const PALETTE = ['#d23c32', '#2f6fd0', '#e0a21b', '#3c9a4a', '#8a4fc0', '#e06a1b'];

function shapeFor(noun: string, size: number, at: Point): Point[] {
  const n = 32;
  if (ROUND.test(noun))
    return Array.from({ length: n }, (_, i) => ({
      x: at.x + (size / 2) * Math.cos((2 * Math.PI * i) / n),
      y: at.y + (size / 2) * Math.sin((2 * Math.PI * i) / n),
    }));
  const [w, h] = TALL.test(noun) ? [size * 0.42, size] : [size, size * 0.8];
  return [
    { x: at.x - w / 2, y: at.y - h / 2 },
    { x: at.x + w / 2, y: at.y - h / 2 },
    { x: at.x + w / 2, y: at.y + h / 2 },
    { x: at.x - w / 2, y: at.y + h / 2 },
  ];
}

function colourOf(entity: Entity, k: number): string {
  const word = entity.text.split(' ').find((w) => COLOUR_WORDS[w]);
  const rgb = word ? COLOUR_WORDS[word] : undefined;
  return rgb ? `rgb(${rgb[0]},${rgb[1]},${rgb[2]})` : (PALETTE[k % PALETTE.length] as string);
}

/**
 * The object noun of an entity: the analyzer sometimes folds a verb into it ("orange floats
 * upward"), so a word the size priors know wins over its head noun.
 */
function nounOf(entity: Entity): string {
  if (SIZE_PRIORS[entity.noun]) return entity.noun;
  const words = entity.text.toLowerCase().split(/\s+/);
  return words.find((w) => SIZE_PRIORS[w]) ?? words.find((w) => ROUND.test(w) || TALL.test(w)) ?? entity.noun;
}

const path = (poly: Point[]) => `M${poly.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('L')}Z`;

export function drawnScene(prompt: string): DrawnScene {
  const analysis = analyze(prompt).analysis;
  const gravity = GRAVITY_MS2[analysis.context.gravity ?? 'earth'];
  const space = gravity === 0;
  const entities = analysis.entities.filter((e) => e.state !== 'liquid' && e.state !== 'gas');
  const support = entities.find((e) => SUPPORTS.has(e.noun));
  const things = entities
    .filter((e) => !SUPPORTS.has(e.noun) && !FLOORS.has(e.noun) && !VAGUE.test(e.noun))
    .map((e) => ({ ...e, noun: nounOf(e) }))
    .slice(0, 3);
  const notices = ['No picture was given, so the scene is drawn from the prompt: a simple side view, not a photo.'];
  const standIn = things.length === 0;
  if (standIn) {
    things.push({ text: 'ball', noun: 'ball' } as Entity);
    notices.push('The prompt names no object the drawing knows how to show, so a ball stands in for it.');
  }
  // The first object is drawn 130 px across; its real size sets the scale of the whole drawing.
  const subjectSize = 130;
  const prior = SIZE_PRIORS[things[0]?.noun ?? ''] ?? SIZE_PRIORS[things[0]?.noun.split(' ').at(-1) ?? ''] ?? 0.25;
  const ppm = Math.min(1500, Math.max(60, subjectSize / prior));
  const falls = analysis.actions.some((a) => /^(fall|drop|fell|plummet|release)/.test(a.verb)) && !/\boff\b/i.test(prompt);
  const offEdge = /\boff\b/i.test(prompt);
  const surfaces: Surface[] = [];
  const parts: string[] = [];
  // The room: a warm wall over a wooden floor (a dark sky with stars for space).
  if (space) {
    parts.push(`<rect width="${W}" height="${H}" fill="#101830"/>`);
    for (let i = 0; i < 60; i++) parts.push(`<circle cx="${(i * 137.5) % W}" cy="${(i * 89.3) % H}" r="${1 + (i % 3) * 0.5}" fill="#e8ecff"/>`);
  } else {
    parts.push(`<rect width="${W}" height="${GROUND}" fill="#e9dcc4"/>`, `<rect y="${GROUND}" width="${W}" height="${H - GROUND}" fill="#b98a55"/>`);
    parts.push(`<rect y="${GROUND - 1}" width="${W}" height="3" fill="#f3e6cc"/>`);
    surfaces.push({
      id: 'ground',
      kind: 'ground',
      points: [
        { x: -W, y: GROUND },
        { x: 2 * W, y: GROUND },
      ],
      friction: 0.6,
      restitution: 0.3,
      provenance: 'default',
    });
  }
  // A table (or shelf) when the prompt names one: its top is a support whose right end is an edge to go off.
  let standY = GROUND;
  let tableRight = W;
  const proposals: Array<{ polygon: Point[]; entity: Entity | undefined; fill: string }> = [];
  if (support && !space) {
    const tableH = Math.min(300, Math.max(120, 0.75 * ppm));
    const top = GROUND - tableH;
    const left = 150;
    tableRight = 560;
    const slab: Point[] = [
      { x: left, y: top },
      { x: tableRight, y: top },
      { x: tableRight, y: top + 18 },
      { x: left, y: top + 18 },
    ];
    parts.push(`<path d="${path(slab)}" fill="#8a5a2b"/>`);
    for (const x of [left + 15, tableRight - 30]) parts.push(`<rect x="${x}" y="${top + 18}" width="15" height="${tableH - 18}" fill="#6e4520"/>`);
    surfaces.push({
      id: 's1',
      kind: support.noun === 'shelf' ? 'shelf' : 'table',
      points: [
        { x: left, y: top },
        { x: tableRight, y: top },
      ],
      friction: 0.5,
      restitution: 0.3,
      provenance: 'default',
    });
    standY = top;
  }
  things.forEach((entity, k) => {
    const size = k === 0 ? subjectSize : Math.max(24, Math.min(260, ((SIZE_PRIORS[entity.noun] ?? 0.25) * ppm) | 0));
    const probe = shapeFor(entity.noun, size, { x: 0, y: 0 });
    const half = Math.max(...probe.map((p) => p.y));
    let at: Point;
    if (k === 0) {
      // The subject: near the table's edge when it goes off it, in mid-air when it drops or floats.
      const x = support && !space ? (offEdge ? tableRight - 70 : 300) : falls || space ? W / 2 : 260;
      const y = space ? H / 2 : falls ? Math.min(standY - half - 160, H * 0.3) : standY - half;
      at = { x, y };
    } else {
      // Others stand on the floor to the right, where a throw or a roll can reach them.
      at = { x: Math.min(W - 60, 600 + (k - 1) * 120), y: (space ? H / 2 : GROUND) - half };
    }
    const polygon = shapeFor(entity.noun, size, at);
    proposals.push({ polygon, entity, fill: colourOf(entity, k) });
    parts.push(`<path d="${path(polygon)}" fill="${colourOf(entity, k)}" stroke="rgba(0,0,0,0.35)" stroke-width="2"/>`);
    if (ROUND.test(entity.noun)) parts.push(`<circle cx="${at.x - size * 0.15}" cy="${at.y - size * 0.17}" r="${size * 0.1}" fill="rgba(255,255,255,0.45)"/>`);
  });
  parts.push(
    `<text x="${W - 12}" y="${H - 12}" font-family="sans-serif" font-size="16" text-anchor="end" fill="rgba(0,0,0,0.55)">drawn from the prompt</text>`,
  );
  const objects: SceneObject[] = proposals.map((p, i) => {
    const xs = p.polygon.map((q) => q.x);
    const ys = p.polygon.map((q) => q.y);
    const bbox = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
    const noun = p.entity?.noun ?? 'object';
    const base: SceneObject = {
      id: `o${i + 1}`,
      label: noun,
      mask: polygonMask(p.polygon, W, H),
      bbox,
      polygon: p.polygon,
      dynamic: true,
      material: { name: 'plastic', confidence: 0 },
      params: { density: 1, mass: 1, friction: 0.5, restitution: 0.5, linearDamping: 0.05, angularDamping: 0.05 },
      velocity: { x: 0, y: 0 },
      // A stand-in's label is not the prompt's: callers tell "the prompt named nothing drawable" from it.
      provenance: { label: standIn ? 'default' : 'prompt', dynamic: 'prompt', velocity: 'default', linearDamping: 'default', angularDamping: 'default' },
    };
    // The prompt's material word when it gives one ("glass bottle"), else a guess from the shape.
    const said = p.entity?.material ? (materialByWord(p.entity.material) ?? materialByName(p.entity.material)) : undefined;
    const guess = materialByName(ROUND.test(noun) ? 'rubber' : TALL.test(noun) ? 'glass' : 'wood') ?? materialByName('plastic');
    return withMaterial(base, (said ?? guess) as Material, ppm, said ? 'prompt' : 'default', said ? 0.9 : 0.3);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`;
  return {
    svg,
    scene: {
      image: { width: W, height: H },
      gravity: { x: 0, y: gravity },
      scale: { pixelsPerMetre: Math.round(ppm * 100) / 100, provenance: 'prompt' },
      surfaces,
      objects,
    },
    notices,
  };
}
