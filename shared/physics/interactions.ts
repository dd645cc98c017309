import type { Interaction, InteractionType, Scene } from '../scene/schema';
import { roundness } from './geometry';
import type { ContactSpan, Rollout } from './rollout';

/** Causes before effects when two interactions start in the same instant. */
const ORDER: InteractionType[] = [
  'falls_off',
  'falls_onto',
  'collides_with',
  'bounces_on',
  'pushes',
  'slides_on',
  'rolls_on',
  'topples',
  'sinks_in',
  'floats_on',
  'rests_on',
  'contacts',
];

/** m/s of approach that makes a contact an impact rather than a touch. */
const IMPACT_SPEED = 0.3;
/** m/s below which an object in contact counts as at rest. */
const REST_SPEED = 0.05;
/** A contact this short that ends with the object moving away is a bounce. */
const BOUNCE_WINDOW = 0.6;
const TOPPLE_ANGLE = Math.PI / 3;

export type RawInteraction = Omit<Interaction, 'confidence'>;

const frameAt = (r: Rollout, t: number) => Math.min(r.frames - 1, Math.max(0, Math.round(t * r.fps)));

/** Did `id` touch anything else in the (open) interval? Used to tell free flight from contact. */
function touchesOther(contacts: ContactSpan[], id: string, except: ContactSpan, from: number, to: number): boolean {
  return contacts.some((c) => c !== except && (c.a === id || c.b === id) && c.start < to && (c.end ?? Number.POSITIVE_INFINITY) > from);
}

function classify(scene: Scene, r: Rollout, span: ContactSpan): RawInteraction[] {
  const out: RawInteraction[] = [];
  const push = (type: InteractionType, tStart: number, tEnd?: number | null, impulse?: number) =>
    out.push({
      type,
      a: span.a,
      b: span.b,
      tStart: round(tStart),
      ...(tEnd != null ? { tEnd: round(tEnd) } : {}),
      ...(impulse ? { impulse: round(impulse) } : {}),
    });
  const duration = r.frames / r.fps;
  const end = span.end ?? duration;
  const approach = -(span.approach.x * span.normal.x + span.approach.y * span.normal.y);
  const closing = Math.abs(approach);
  const bIsDynamicObject = scene.objects.some((o) => o.id === span.b && o.dynamic);
  const impact = closing > IMPACT_SPEED;
  const downward = span.approach.y > IMPACT_SPEED && Math.abs(span.normal.y) > 0.6;

  if (impact) {
    const airborne = !touchesOther(r.contacts, span.a, span, span.start - 0.1, span.start);
    push(airborne && downward && !bIsDynamicObject ? 'falls_onto' : 'collides_with', span.start, undefined, span.maxImpulse);
    if (span.end !== null && span.end - span.start < BOUNCE_WINDOW) push('bounces_on', span.start, span.end, span.maxImpulse);
  }

  const speed = r.speed.get(span.a);
  const spin = r.spin.get(span.a);
  const track = r.tracks.find((t) => t.id === span.a);
  if (speed && spin && track) {
    const f0 = frameAt(r, span.start);
    const f1 = frameAt(r, end);
    // At rest on it: in contact to the end, no longer moving, and held there by gravity
    // (without weight, two still objects merely touch).
    const weighted = Math.hypot(scene.gravity.x, scene.gravity.y) > 0.1;
    if (weighted && span.end === null && (speed[r.frames - 1] ?? 1) < REST_SPEED) {
      let restFrame = r.frames - 1;
      while (restFrame > f0 && (speed[restFrame - 1] ?? 1) < REST_SPEED) restFrame--;
      push('rests_on', restFrame / r.fps);
    }
    // Moving along it for a while: rolling if spin keeps pace with speed, else sliding.
    let moving = 0;
    let rolling = 0;
    for (let f = f0; f <= f1; f++) {
      const v = speed[f] ?? 0;
      if (v > 0.1) {
        moving++;
        if ((spin[f] ?? 0) > 0.5) rolling++;
      }
    }
    if (moving / r.fps > 0.25) push(rolling > moving * 0.6 ? 'rolls_on' : 'slides_on', f0 / r.fps, span.end);
    // Pushing another object: in long contact while the other object moves too.
    const other = r.speed.get(span.b);
    if (other && bIsDynamicObject && end - span.start > 0.2 && (other[f1] ?? 0) > 0.1 && (speed[f0] ?? 0) > 0.1) push('pushes', span.start, span.end);
    // Toppling: turned over while touching it (a ball turns as it rolls; that is not toppling).
    const turn = Math.abs((track.angle[f1] ?? 0) - (track.angle[f0] ?? 0));
    const outline = scene.objects.find((o) => o.id === span.a)?.polygon ?? [];
    if (turn > TOPPLE_ANGLE && roundness(outline) < 0.85) push('topples', span.start, span.end);
    // Falling off: the contact ends and the object then drops without touching anything.
    if (span.end !== null && !touchesOther(r.contacts, span.a, span, span.end, span.end + 0.15)) {
      const fa = frameAt(r, span.end);
      const fb = frameAt(r, Math.min(duration, span.end + 0.2));
      if ((track.y[fb] ?? 0) - (track.y[fa] ?? 0) > 0 && !out.some((o) => o.type === 'bounces_on')) push('falls_off', span.end);
    }
  }
  if (out.length === 0) push('contacts', span.start, span.end);
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** What the rollout shows happening, as interactions in time order. */
export function extractInteractions(scene: Scene, r: Rollout): RawInteraction[] {
  return r.contacts
    .flatMap((span) => classify(scene, r, span))
    .sort((x, y) => x.tStart - y.tStart || ORDER.indexOf(x.type) - ORDER.indexOf(y.type) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}
