/**
 * The fixed phenomena taxonomy from DESIGN.md. Extendable, never renamed: ids are stored in
 * runs, preference data and the evaluation set.
 */
export const TAXONOMY = {
  mechanics: [
    'gravity',
    'zero_gravity',
    'projectile',
    'collision',
    'elasticity',
    'friction',
    'rolling',
    'toppling',
    'buoyancy',
    'atmospheric_pressure',
    'solid_pressure',
    'deformation',
    'fracture',
    'surface_tension',
  ],
  fluids: ['pouring', 'splashing', 'viscosity', 'flow'],
  thermal: ['melting', 'solidification', 'boiling', 'evaporation', 'condensation', 'sublimation', 'deposition', 'combustion'],
  optics: ['shadow', 'reflection', 'refraction', 'dispersion', 'scattering', 'interference'],
  chemistry: ['dissolving', 'color_change', 'flame_color', 'hardness', 'acidity', 'dehydration', 'oxidation'],
} as const;

export type Branch = keyof typeof TAXONOMY;
export type PhenomenonId = (typeof TAXONOMY)[Branch][number];

export const BRANCHES = Object.keys(TAXONOMY) as Branch[];
export const PHENOMENON_IDS = BRANCHES.flatMap((b) => TAXONOMY[b]) as PhenomenonId[];

const BRANCH_OF = new Map<string, Branch>(BRANCHES.flatMap((b) => TAXONOMY[b].map((id) => [id, b] as [string, Branch])));

export function branchOf(id: PhenomenonId): Branch {
  return BRANCH_OF.get(id) as Branch;
}
