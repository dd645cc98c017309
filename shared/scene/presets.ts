/**
 * Presets per kind of object for the Scene tab. Each sets the material and all the parameters an
 * animator tunes together: mass (from a bulk density over the object's estimated volume, so a
 * big ball weighs more than a small one), friction, bounciness and drag.
 *
 * Bulk densities are for the whole object, air included, which is why they differ from the
 * material's own density: a playground ball is mostly air. They are typical values rounded for
 * animation, not measurements of a particular object.
 */
export interface ObjectPreset {
  id: string;
  label: string;
  /** A material of shared/refine/kb/materials.ts. */
  material: string;
  /** kg/m³ over the whole object. */
  bulkDensity: number;
  friction: number;
  restitution: number;
  linearDamping: number;
  angularDamping: number;
  /** One line on what the values assume. */
  note: string;
}

export const OBJECT_PRESETS = [
  {
    id: 'rubber-ball',
    label: 'Rubber ball',
    material: 'rubber',
    // A 22 cm playground ball (~0.4 kg) is ~75 kg/m³, a tennis ball ~370: hollow, inflated.
    bulkDensity: 170,
    friction: 0.9,
    restitution: 0.8,
    linearDamping: 0.05,
    angularDamping: 0.05,
    note: 'hollow and inflated; bounces high',
  },
  {
    id: 'glass',
    label: 'Glass',
    material: 'glass',
    // A 9 cm tumbler of ~250 g: thin walls around air.
    bulkDensity: 600,
    friction: 0.4,
    restitution: 0.4,
    linearDamping: 0.02,
    angularDamping: 0.05,
    note: 'a drinking glass or bottle: thin walls, little bounce',
  },
  {
    id: 'wooden-block',
    label: 'Wooden block',
    material: 'wood',
    bulkDensity: 650,
    friction: 0.5,
    restitution: 0.35,
    linearDamping: 0.02,
    angularDamping: 0.05,
    note: 'solid pine or beech',
  },
  {
    id: 'steel',
    label: 'Steel',
    material: 'steel',
    bulkDensity: 7850,
    friction: 0.4,
    restitution: 0.6,
    linearDamping: 0.01,
    angularDamping: 0.02,
    note: 'solid steel: heavy, hard, rings on impact',
  },
  {
    id: 'fruit',
    label: 'Fruit',
    material: 'flesh',
    // Apples (~0.8 g/cm³) float, oranges (~0.9) nearly do.
    bulkDensity: 850,
    friction: 0.6,
    restitution: 0.25,
    linearDamping: 0.05,
    angularDamping: 0.1,
    note: 'an apple or an orange: soft skin, dull bounce',
  },
  {
    id: 'cloth',
    label: 'Cloth-like soft body',
    material: 'cloth',
    // A folded towel; the air catches it, so drag is high. Simulated as one soft, damped body.
    bulkDensity: 120,
    friction: 0.8,
    restitution: 0.02,
    linearDamping: 1.5,
    angularDamping: 2,
    note: 'a folded towel or a bean bag: no bounce, slowed by the air',
  },
] as const satisfies readonly ObjectPreset[];

export type PresetId = (typeof OBJECT_PRESETS)[number]['id'];
export const PRESET_IDS = OBJECT_PRESETS.map((p) => p.id) as [PresetId, ...PresetId[]];

export function presetById(id: string): ObjectPreset | undefined {
  return OBJECT_PRESETS.find((p) => p.id === id);
}
