import type { MATTER_STATES } from '../schema';

export type MatterState = (typeof MATTER_STATES)[number];
