/** Runtime lists shared by the schemas and the refiner's logic, kept free of the schema library. */
export const MATTER_STATES = ['rigid', 'elastic', 'deformable', 'granular', 'liquid', 'gas', 'cloth'] as const;
export const ALTERNATIVE_STYLES = ['concise', 'detailed', 'cinematic'] as const;
