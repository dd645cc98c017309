import type { Interaction, Scene } from '../scene/schema';
import { seeded } from '../util/random';
import { extractInteractions, type RawInteraction } from './interactions';
import { type Rollout, rollout } from './rollout';

export interface PredictOptions {
  seconds: number;
  fps: number;
  /** Perturbed rollouts besides the nominal one; confidence is the share that agree. */
  ensemble?: number;
  seed?: number;
}

const key = (i: RawInteraction) => `${i.type}|${i.a}|${i.b}`;

/**
 * Predicted interactions with a confidence: the nominal rollout says what happens; rollouts with
 * the uncertain parameters (friction, bounciness, density, push strength) varied by ±20% say how
 * robust each prediction is.
 */
export async function predictInteractions(scene: Scene, options: PredictOptions): Promise<{ interactions: Interaction[]; nominal: Rollout }> {
  const nominal = await rollout(scene, options);
  const predicted = extractInteractions(scene, nominal);
  const runs = options.ensemble ?? 4;
  const agree = new Map<string, number>(predicted.map((i) => [key(i), 1]));
  const rng = seeded(options.seed ?? 1);
  const vary = () => 0.8 + 0.4 * rng();
  for (let n = 0; n < runs; n++) {
    const factors = new Map(scene.objects.map((o) => [o.id, { friction: vary(), restitution: vary(), density: vary(), velocity: 0.9 + 0.2 * rng() }]));
    const perturbed = await rollout(scene, {
      ...options,
      perturb: (o) => {
        const f = factors.get(o.id);
        if (!f) return {};
        return {
          friction: Math.min(2, o.params.friction * f.friction),
          restitution: Math.min(1, o.params.restitution * f.restitution),
          density: o.params.density * f.density,
          velocityScale: f.velocity,
        };
      },
    });
    const seen = new Set(extractInteractions(scene, perturbed).map(key));
    for (const k of agree.keys()) if (seen.has(k)) agree.set(k, (agree.get(k) ?? 0) + 1);
  }
  const interactions = predicted.map((i) => ({ ...i, confidence: Math.round(((agree.get(key(i)) ?? 1) / (runs + 1)) * 100) / 100 }));
  return { interactions, nominal };
}
