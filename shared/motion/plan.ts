import type { ContactSpan } from '../physics/rollout';
import { rollout } from '../physics/rollout';
import type { Analysis } from '../refine/schema';
import type { ClipEvent, ClipTrack } from '../run/schema';
import type { Scene } from '../scene/schema';
import { baselineMotion } from './baseline';
import { type Intent, motionIntent } from './intent';
import { moverIds, outOfPlane, piecesOf, withMovers } from './movers';
import { physicsConditions } from './physics';

export interface PlannedClip {
  tracks: ClipTrack[];
  /** Contacts the simulation measured (the baseline has none: it never simulates). */
  events: ClipEvent[];
  motion: string[];
}

export interface ClipPlan {
  intent: Intent;
  /** The scene as simulated: only the objects that move are dynamic. Layers are cut from this. */
  scene: Scene;
  /** Real seconds per clip second: 1, or N for "slow motion ×N". */
  timeScale: number;
  /** What the user should know before trusting the clip: unsupported verbs, slow motion, exits. */
  notices: string[];
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
 * Slow-motion factors tried, in order, when real time would carry the subject out of the picture.
 * A modest factor only: beyond ×4 a clip stops reading as the motion asked for (a push at ×32 is
 * a still picture), and the notice says the picture is a close-up instead.
 */
const TIME_SCALES = [1, 2, 4];
/** A contact that begins this soon (real seconds) was there from the start: a support or a neighbour, not something struck. */
const TOUCHING_FROM_START = 0.05;
/** Closing speed (m/s) above which an object the subject runs into is struck, not merely touched. */
const STRIKE_SPEED = 0.2;
/** What the subject strikes is set moving only when it is no more than this many times the subject's size (box area). */
const STRIKE_SIZE_RATIO = 4;

/** First frame at which the object's centre is outside the picture, or `frames` if it never is. */
export function exitFrame(track: { x: ArrayLike<number>; y: ArrayLike<number> }, width: number, height: number, frames: number): number {
  for (let f = 0; f < frames; f++) {
    const x = track.x[f] ?? 0;
    const y = track.y[f] ?? 0;
    if (x < 0 || y < 0 || x > width || y > height) return f;
  }
  return frames;
}

/**
 * Both clips' motion from one scene and one prompt. The baseline follows the words alone; the
 * physics clip turns the same words into initial conditions and simulates them. Same seed, same
 * frame rate, same length: the only difference is the physics.
 *
 * Only the prompt's subject moves (and what it is aimed at, and what it strikes on the way);
 * the rest of the picture is static. When real time would carry the subject out of the picture
 * in the first half of the clip, the clip is slowed ("slow motion ×N") until it stays.
 */
export async function planClips(scene: Scene, prompt: string, analysis: Analysis | null, options: PlanOptions): Promise<ClipPlan> {
  const intent = motionIntent(prompt, scene, analysis);
  const notices: string[] = [];
  const byId = new Map(scene.objects.map((o) => [o.id, o]));
  const name = (id: string) => byId.get(id)?.label ?? id;
  if (intent.unsupported) {
    notices.push(
      `The preview cannot show “${intent.unsupported.verb}”: it uses rigid-body physics. It shows the nearest motion it can (${
        intent.unsupported.nearest === 'still' ? 'the picture at rest' : intent.unsupported.nearest
      }); try “${subjectName(intent, name)} ${intent.unsupported.suggestion}”, or the render tier with a video model.`,
    );
  }
  const movers = moverIds(scene, intent);
  let pieces = piecesOf(scene, movers);
  let planned = withMovers(scene, movers, pieces);
  const frames = Math.round(options.seconds * options.fps) + 1;
  const simulate = async (s: Scene, timeScale: number) => {
    const conditions = physicsConditions(s, intent, options);
    const behind = outOfPlane(conditions.scene);
    const simulated = behind.size > 0 ? { ...conditions.scene, objects: conditions.scene.objects.filter((o) => !behind.has(o.id)) } : conditions.scene;
    // N times slower: the same number of frames spans 1/N of the real time.
    const result = await rollout(simulated, {
      seconds: options.seconds / timeScale,
      fps: options.fps * timeScale,
      angularVelocity: conditions.angularVelocity,
      noRotation: conditions.noRotation,
      coasting: conditions.coasting,
      pieces,
    });
    return { conditions, result };
  };
  const regionArea = (id: string) => {
    const b = byId.get(id)?.bbox;
    return b ? b.w * b.h : 0;
  };
  let run = await simulate(planned, 1);
  // What the subject strikes moves too (a bottle the ball knocks over); it is simulated again with them.
  const struck = new Set(
    run.result.contacts
      .filter((c) => movers.has(c.a) && !movers.has(c.b) && byId.has(c.b) && pieces[c.b] === undefined && c.start > TOUCHING_FROM_START)
      .filter((c) => Math.abs(c.approach.x * c.normal.x + c.approach.y * c.normal.y) > STRIKE_SPEED)
      // A small thing does not send a much larger one flying (a glass tipping against a person):
      // a region far bigger than what hits it is scenery as far as the clip is concerned.
      .filter((c) => regionArea(c.b) <= STRIKE_SIZE_RATIO * regionArea(c.a))
      .map((c) => c.b)
      .filter((id) => byId.get(id)?.dynamic && byId.get(id)?.provenance.dynamic !== 'user'),
  );
  if (struck.size > 0) {
    for (const id of struck) movers.add(id);
    pieces = piecesOf(scene, movers);
    planned = withMovers(scene, movers, pieces);
    run = await simulate(planned, 1);
  }
  let timeScale = 1;
  const { width, height } = scene.image;
  const subjectTracks = () => run.result.tracks.filter((t) => intent.subjects.includes(t.id));
  const leaves = () => subjectTracks().some((t) => exitFrame(t, width, height, frames) < frames / 2);
  if (!intent.leavesFrame && leaves()) {
    for (const n of TIME_SCALES.slice(1)) {
      timeScale = n;
      run = await simulate(planned, n);
      if (!leaves()) break;
    }
    const first = Math.min(...subjectTracks().map((t) => exitFrame(t, width, height, frames)));
    if (first < frames / 2) {
      notices.push(
        `${capital(subjectName(intent, name))} leaves the picture after ${(first / options.fps).toFixed(1)} s even in slow motion ×${timeScale}: the picture is a close-up for this motion. Try a gentler verb (“is pushed” rather than “is kicked”), a wider photo, or a larger scale in the Scene tab.`,
      );
    } else notices.push(`Shown in slow motion ×${timeScale}: at real speed ${subjectName(intent, name)} would leave the close-up within a few frames.`);
  }
  const baseline = baselineMotion(planned, intent, { ...options, pieces });
  const tracks = run.result.tracks.map((t) => ({
    id: t.id,
    x: Array.from(t.x, (v) => v * options.scale),
    y: Array.from(t.y, (v) => v * options.scale),
    angle: Array.from(t.angle),
  }));
  const motion = [...run.conditions.motion];
  if (timeScale > 1) motion.unshift(`Slow motion ×${timeScale}: ${options.seconds} s of clip show ${(options.seconds / timeScale).toFixed(2)} s of real time.`);
  const still = [...movers].length === 0;
  if (still) motion.unshift('Nothing in the prompt moves, so the clip is the still picture.');
  // Contact times are in real seconds; the clip's are N times longer.
  const contacts = run.result.contacts.map((c) => ({ ...c, start: c.start * timeScale, end: c.end === null ? null : c.end * timeScale }));
  return {
    intent,
    scene: planned,
    timeScale,
    notices,
    baseline: { tracks: baseline.tracks, events: [], motion: baseline.motion },
    physics: { tracks, events: contactEvents(contacts, options.fps, frames), motion },
  };
}

function subjectName(intent: Intent, name: (id: string) => string): string {
  const id = intent.subjects[0];
  return id ? `the ${name(id)}` : 'the object';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
