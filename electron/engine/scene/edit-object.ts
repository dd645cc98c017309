import { AppError, type ObjectEdit, type Output, type ParsedInput } from '../../../shared/contract';
import { area } from '../../../shared/physics/geometry';
import { type Material, materialByName } from '../../../shared/refine/kb/materials';
import { withMaterial } from '../../../shared/scene/build';
import { countOn, maskBBox, objectBits, paintStroke, toRle, unionMasks } from '../../../shared/scene/mask-edit';
import { presetById } from '../../../shared/scene/presets';
import type { SceneObject } from '../../../shared/scene/schema';
import { loadOpenCv } from '../perceive/opencv';
import { outline, pieceCount } from './outline';

type Image = { width: number; height: number };

/** Only its density matters: the probe reads back the volume perception assumes for an outline. */
const PROBE: Material = { ...(materialByName('water') as Material), density: 1000 };

/**
 * The volume (m³) perception's mass model gives this outline at this scale: its own shape
 * assumption and depth, read back through `withMaterial` so that mass edits here and
 * perception never disagree on how big a thing is.
 */
export function volumeM3(o: SceneObject, pixelsPerMetre: number): number {
  return withMaterial(o, PROBE, pixelsPerMetre, 'prompt', 1).params.mass / PROBE.density;
}

/** Bulk density (kg/m³) behind the object's current mass, whatever it came from (material, class, user). */
export function bulkDensity(o: SceneObject, pixelsPerMetre: number): number {
  return o.params.mass / Math.max(1e-12, volumeM3(o, pixelsPerMetre));
}

function litres(m3: number): string {
  return m3 >= 1e-3 ? `${(m3 * 1000).toPrecision(3)} L` : `${(m3 * 1e6).toPrecision(3)} cm³`;
}

/** Mass = bulk density × the outline's volume; the 2-D world's areal density follows. */
function withMass(o: SceneObject, density: number, pixelsPerMetre: number, why: string): SceneObject {
  const probe = withMaterial(o, PROBE, pixelsPerMetre, 'prompt', 1) as SceneObject & { estimate?: { shape: string; volumeM3: number } };
  const volume = probe.params.mass / PROBE.density;
  const mass = Math.max(1e-4, density * volume);
  const areaM2 = Math.max(1e-8, area(o.polygon) / pixelsPerMetre ** 2);
  const next: SceneObject = { ...o, params: { ...o.params, mass, density: Math.max(1e-6, mass / areaM2) } };
  // Perception may record how a mass was estimated; keep that record true after the edit.
  if (!probe.estimate) return next;
  const basis = `${probe.estimate.shape}, ${litres(volume)} from the outline × ${Math.round(density)} kg/m³ (${why})`;
  return { ...next, estimate: { ...probe.estimate, densityKgM3: Number(density.toPrecision(4)), basis: basis.slice(0, 200) } } as SceneObject;
}

function reshape(
  o: SceneObject,
  edit: { mask: ReturnType<typeof toRle>; polygon: SceneObject['polygon']; bbox: SceneObject['bbox'] },
  pixelsPerMetre: number,
): SceneObject {
  // The object keeps its density: mass follows the new volume.
  const density = bulkDensity(o, pixelsPerMetre);
  return withMass({ ...o, mask: edit.mask, polygon: edit.polygon, bbox: edit.bbox }, density, pixelsPerMetre, 'density kept through the edit');
}

async function paint(object: SceneObject, edit: Extract<ObjectEdit, { kind: 'paint' }>, image: Image, ppm: number): Promise<Output<'scene.editObject'>> {
  const before = objectBits(object, image);
  const painted = paintStroke(before, { points: edit.points, radius: edit.radius }, image, edit.mode === 'add' ? 1 : 0);
  if (painted.data.every((v, i) => v === before.data[i])) return { object, absorbed: null, notice: null };
  if (countOn(painted) === 0)
    throw new AppError('bad_request', `That stroke would erase all of the ${object.label}.`, 'To remove the object, press Delete or use Remove object.');
  const cv = await loadOpenCv();
  // Only a cut that makes new pieces drops some; pieces the object already had (a merge) stay.
  const cut = edit.mode === 'subtract' && pieceCount(cv, painted) > pieceCount(cv, before);
  const shaped = outline(cv, painted, image, cut ? 'largest' : 'join');
  const bbox = shaped && maskBBox(shaped.mask, image);
  if (!shaped || !bbox)
    throw new AppError('bad_request', `Too little of the ${object.label} would be left to simulate.`, 'Undo, or paint with a smaller brush.');
  const next = reshape(object, { mask: toRle(shaped.mask), polygon: shaped.polygon, bbox }, ppm);
  const notice =
    shaped.dropped > 0
      ? `The stroke cut the ${object.label} in two; the smaller piece was dropped (undo to keep it).`
      : shaped.joined === 'hull'
        ? `The ${object.label} is now in separate pieces; they move together, as one body shaped by their outer hull.`
        : null;
  return { object: next, absorbed: null, notice };
}

async function merge(object: SceneObject, other: SceneObject, image: Image, ppm: number): Promise<Output<'scene.editObject'>> {
  if (other.id === object.id) throw new AppError('bad_request', 'An object cannot be merged with itself.', 'Choose another object to merge.');
  const union = unionMasks(objectBits(object, image), objectBits(other, image));
  const cv = await loadOpenCv();
  const shaped = outline(cv, union, image, 'join');
  const bbox = shaped && maskBBox(shaped.mask, image);
  if (!shaped || !bbox) throw new AppError('bad_request', 'The two objects have no pixels to merge.', 'Paint the object with the brush instead.');
  // The merged body is the kept object's material at its density over the joint volume.
  const next = reshape(object, { mask: toRle(shaped.mask), polygon: shaped.polygon, bbox }, ppm);
  const notice =
    shaped.joined === 'hull' ? `The ${other.label} does not touch the ${object.label}; the two now move as one body shaped by their outer hull.` : null;
  return { object: next, absorbed: other.id, notice };
}

function material(object: SceneObject, name: string, ppm: number): Output<'scene.editObject'> {
  const chosen = materialByName(name);
  if (!chosen || chosen.state === 'liquid' || chosen.state === 'gas')
    throw new AppError('bad_request', `"${name}" is not a solid material.`, 'Pick one from the list.');
  // Hollowness carries over: a ceramic cup made glass stays a cup, not a solid block of glass.
  const was = materialByName(object.material.name);
  const density = was ? bulkDensity(object, ppm) * (chosen.density / was.density) : chosen.density;
  const next = withMass(object, density, ppm, `${chosen.name}, chosen`);
  return {
    object: {
      ...next,
      material: { name: chosen.name, confidence: 1 },
      params: { ...next.params, friction: chosen.friction, restitution: chosen.restitution },
      provenance: { ...object.provenance, material: 'user', friction: 'user', restitution: 'user', density: 'user', mass: 'user' },
    },
    absorbed: null,
    notice: null,
  };
}

function preset(object: SceneObject, id: string, ppm: number): Output<'scene.editObject'> {
  const p = presetById(id);
  const m = p && materialByName(p.material);
  if (!p || !m) throw new AppError('bad_request', `There is no preset "${id}".`, 'Pick one of the presets shown.');
  const next = withMass(object, p.bulkDensity, ppm, `${p.label.toLowerCase()} preset`);
  return {
    object: {
      ...next,
      material: { name: m.name, confidence: 1 },
      params: { ...next.params, friction: p.friction, restitution: p.restitution, linearDamping: p.linearDamping, angularDamping: p.angularDamping },
      provenance: {
        ...object.provenance,
        material: 'user',
        density: 'user',
        mass: 'user',
        friction: 'user',
        restitution: 'user',
        linearDamping: 'user',
        angularDamping: 'user',
      },
    },
    absorbed: null,
    notice: null,
  };
}

/** One object edit (see ObjectEditSchema): its outline and derived mass recomputed; interactions are the caller's to re-predict. */
export async function editObject({ image, pixelsPerMetre, object, edit }: ParsedInput<'scene.editObject'>): Promise<Output<'scene.editObject'>> {
  switch (edit.kind) {
    case 'paint':
      return paint(object, edit, image, pixelsPerMetre);
    case 'merge':
      return merge(object, edit.other, image, pixelsPerMetre);
    case 'material':
      return material(object, edit.material, pixelsPerMetre);
    case 'preset':
      return preset(object, edit.preset, pixelsPerMetre);
  }
}
