import type { ContactSpan } from '../physics/rollout';
import { rollout } from '../physics/rollout';
import type { Analysis } from '../refine/schema';
import type { ClipEvent, ClipTrack } from '../run/schema';
import type { Scene } from '../scene/schema';
import { baselineMotion } from './baseline';
import { type Intent, motionIntent } from './intent';
import { physicsConditions } from './physics';

export interface PlannedClip {
  tracks: ClipTrack[];
  /** Contacts the simulation measured (the baseline has none: it never simulates). */
  events: ClipEvent[];
  motion: string[];
}

export interface ClipPlan {
  intent: Intent;
  baseline: PlannedClip;
  physics: PlannedClip;
}

export interface PlanOptions {
  seconds: number;
  fps: number;
  seed: number;
  /** Output pixels per scene pixel. */
  scale: number;
}

/** Below this closing speed (m/s) a new contact is resting or sliding, not an impact. */
const IMPACT_SPEED = 0.3;

export function contactEvents(contacts: ContactSpan[], fps: number, frames: number): ClipEvent[] {
  return contacts
    .map((c): ClipEvent => {
      const closing = Math.abs(c.approach.x * c.normal.x + c.approach.y * c.normal.y);
      const event: ClipEvent = {
        type: closing > IMPACT_SPEED ? 'impact' : 'contact',
        frame: Math.min(frames - 1, Math.max(0, Math.round(c.start * fps))),
        t: c.start,
        a: c.a,
        b: c.b,
      };
      if (c.maxImpulse > 0) event.impulse = c.maxImpulse;
      return event;
    })
    .filter((e) => e.type === 'impact' || e.frame > 0);
}

/**
 * Both clips' motion from one scene and one prompt. The baseline follows the words alone; the
 * physics clip turns the same words into initial conditions and simulates them. Same seed, same
 * frame rate, same length: the only difference is the physics.
 */
export async function planClips(scene: Scene, prompt: string, analysis: Analysis | null, options: PlanOptions): Promise<ClipPlan> {
  const intent = motionIntent(prompt, scene, analysis);
  const baseline = baselineMotion(scene, intent, options);
  const conditions = physicsConditions(scene, intent, options);
  const result = await rollout(conditions.scene, { seconds: options.seconds, fps: options.fps, angularVelocity: conditions.angularVelocity });
  const tracks = result.tracks.map((t) => ({
    id: t.id,
    x: Array.from(t.x, (v) => v * options.scale),
    y: Array.from(t.y, (v) => v * options.scale),
    angle: Array.from(t.angle),
  }));
  return {
    intent,
    baseline: { tracks: baseline.tracks, events: [], motion: baseline.motion },
    physics: { tracks, events: contactEvents(result.contacts, options.fps, result.frames), motion: conditions.motion },
  };
}
