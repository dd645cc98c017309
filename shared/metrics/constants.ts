/**
 * Every tolerance and weight the metrics use, in one place so docs/metrics.md can quote them.
 * Pixel values are output pixels (the clip's own resolution), because that is what a viewer sees.
 */

/** Gap at or below which two bodies count as touching; also the overlap a clip may have for free. */
export const CONTACT_TOLERANCE_PX = 1.5;

/** Shortest free-flight stretch worth fitting: a parabola through three points always fits exactly. */
export const MIN_FLIGHT_FRAMES = 4;

/** Below this |g| (m/s²) the scene is weightless: free flight should not accelerate and nothing needs support. */
export const WEIGHTLESS_G = 0.1;

/** Smallest acceleration scale for relative errors, so a weightless scene still has a finite relative error. */
export const GRAVITY_REFERENCE_FLOOR = 1;

/** Gravity: relative error forgiven as measurement noise, and the decay rate beyond it. */
export const GRAVITY_FREE_ERROR = 0.03;
export const GRAVITY_DECAY = 3;

/** A contact normal supports an object when it points at least this much against gravity (cos 72.5°). */
export const SUPPORT_MIN_UP = 0.3;

/** A free-flight stretch whose acceleration along gravity is below this share of |g| is hovering. */
export const SUPPORT_MIN_FALL = 0.5;

/** Approach speed below which a reversal is contact jitter, not a bounce: m/s, and output px per frame. */
export const BOUNCE_MIN_SPEED = 0.5;
export const BOUNCE_MIN_STEP_PX = 1;

/** Energy: restitution forgiven as sampling error, and the decay rate beyond it. */
export const RESTITUTION_FREE = 0.05;
export const RESTITUTION_DECAY = 3;

/** Interpenetration: decay per unit of the deepest excess depth relative to size, and of the mean over frames. */
export const PENETRATION_DEPTH_DECAY = 2;
export const PENETRATION_MEAN_DECAY = 6;

/**
 * Overlaps shorter than this (seconds) weigh in proportion to their duration: a solver's one-frame
 * dip at an impact reads as squash, while a body sitting in a table for a second is plainly wrong.
 */
export const PENETRATION_SUSTAINED_S = 0.125;

/** Weights of the overall score; parts that are null drop out and the rest are renormalised. */
export const WEIGHTS = { gravity: 0.3, interpenetration: 0.3, support: 0.2, energy: 0.2 } as const;
