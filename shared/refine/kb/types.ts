import type { MATTER_STATES } from '../constants';

export type MatterState = (typeof MATTER_STATES)[number];
