import { describe, expect, it } from 'vitest';
import { measureClip } from '../../shared/metrics';
import { motionIntent } from '../../shared/motion/intent';
import { ballisticVelocity, physicsConditions } from '../../shared/motion/physics';
import { planClips } from '../../shared/motion/plan';
import { analyze } from '../../shared/refine/analyze';
import { circle, object, rect, scene, surface } from '../helpers/scenes';

const floor = surface('floor', [
  { x: -500, y: 700 },
  { x: 1500, y: 700 },
]);
const table = surface('table', [
  { x: 200, y: 400 },
  { x: 600, y: 400 },
]);

const intentOf = (prompt: string, s = scene([object('ball', circle(560, 380, 20)), object('bottle', rect(800, 600, 30, 100))], [table, floor])) =>
  motionIntent(prompt, s, analyze(prompt).analysis);

describe('motion intent', () => {
  it('reads the verb, its subject, a target and a direction from the prompt', () => {
    const thrown = intentOf('The ball is thrown at the bottle');
    expect(thrown).toMatchObject({ kind: 'throw', subjects: ['ball'], target: 'bottle' });
    expect(intentOf('The ball rolls off the table')).toMatchObject({ kind: 'roll', subjects: ['ball'], offEdge: true });
    expect(intentOf('The ball is kicked to the left').direction).toEqual({ x: -1, y: 0 });
    expect(intentOf('The bottle falls').subjects).toEqual(['bottle']);
    expect(intentOf('A quiet room').kind).toBe('none');
  });

  it('ignores negated verbs', () => {
    expect(intentOf('The ball does not roll; it falls').kind).toBe('fall');
  });
});

describe('initial conditions', () => {
  it('aims a throw so that the ballistic arc reaches the target', () => {
    const g = { x: 0, y: 981 };
    const v = ballisticVelocity({ x: 0, y: 0 }, { x: 300, y: 100 }, g, 0.5);
    const at = (t: number) => ({ x: v.x * t, y: v.y * t + 0.5 * g.y * t * t });
    expect(at(0.5).x).toBeCloseTo(300, 6);
    expect(at(0.5).y).toBeCloseTo(100, 6);
  });

  it('pushes a rolling ball towards the nearer table edge, spinning to match', () => {
    const s = scene([object('ball', circle(560, 380, 20))], [table, floor]);
    const c = physicsConditions(s, intentOf('The ball rolls off the table', s), { seconds: 4, seed: 1 });
    const ball = c.scene.objects[0];
    expect(ball?.velocity.x).toBeGreaterThan(0);
    expect(c.angularVelocity.ball).toBeCloseTo((ball?.velocity.x ?? 0) / 20, 1);
  });

  it('never overrides the arrow the user drew', () => {
    const s = scene([object('ball', circle(560, 380, 20), { velocity: { x: -50, y: 0 }, provenance: { velocity: 'user' } })], [table, floor]);
    const c = physicsConditions(s, intentOf('The ball rolls off the table', s), { seconds: 4, seed: 1 });
    expect(c.scene.objects[0]?.velocity).toEqual({ x: -50, y: 0 });
    expect(c.motion[0]).toContain('your arrow');
  });
});

describe('both clips from one prompt', () => {
  const drop = scene([object('ball', circle(400, 100, 20))], [floor]);
  const options = { seconds: 2, fps: 24, seed: 3, scale: 1 };

  it('the baseline moves at constant velocity; the physics clip accelerates under gravity', async () => {
    const prompt = 'The ball falls onto the floor';
    const plan = await planClips(drop, prompt, analyze(prompt).analysis, options);
    const b = plan.baseline.tracks[0]?.y ?? [];
    const p = plan.physics.tracks[0]?.y ?? [];
    expect(b).toHaveLength(49);
    const second = (ys: number[], i: number) => (ys[i + 1] as number) - 2 * (ys[i] as number) + (ys[i - 1] as number);
    expect(Math.abs(second(b, 5))).toBeLessThan(1e-9);
    // 9.81 m/s² at 100 px/m and 24 fps: each frame adds 981/576 px of speed.
    expect(second(p, 5)).toBeCloseTo(981 / 24 ** 2, 0);
  });

  it('scores free fall high when simulated and low for the kinematic baseline of the same drop', async () => {
    const prompt = 'The ball falls onto the floor';
    const plan = await planClips(drop, prompt, analyze(prompt).analysis, options);
    const physics = measureClip({ scene: drop, tracks: plan.physics.tracks, fps: 24, scale: 1 });
    const baseline = measureClip({ scene: drop, tracks: plan.baseline.tracks, fps: 24, scale: 1 });
    expect(physics.gravity.score).toBeGreaterThanOrEqual(90);
    expect(baseline.gravity.score ?? 0).toBeLessThanOrEqual(30);
    expect(physics.score).toBeGreaterThan(baseline.score + 30);
  });

  it('the physics clip records the impact with the floor as an event', async () => {
    const prompt = 'The ball falls onto the floor';
    const plan = await planClips(drop, prompt, analyze(prompt).analysis, options);
    const impact = plan.physics.events.find((e) => e.type === 'impact' && e.b === 'floor');
    // Free fall from 580 px above the floor at 981 px/s² takes about 1.09 s.
    expect(impact?.t).toBeGreaterThan(1.0);
    expect(impact?.t).toBeLessThan(1.2);
  });

  it('the same seed gives the same tracks; the baseline speed follows the seed', async () => {
    const prompt = 'The ball rolls to the right';
    const a = await planClips(drop, prompt, analyze(prompt).analysis, options);
    const b = await planClips(drop, prompt, analyze(prompt).analysis, options);
    expect(a).toEqual(b);
    const c = await planClips(drop, prompt, analyze(prompt).analysis, { ...options, seed: 99 });
    expect(c.baseline.tracks[0]?.x.at(-1)).not.toBe(a.baseline.tracks[0]?.x.at(-1));
  });
});

describe('support', () => {
  it('a static object found in the picture holds things up: its top edge is the surface and its ends the edges', async () => {
    const { supportUnder, distanceToEdge } = await import('../../shared/motion/support');
    const desk = object('desk', rect(100, 300, 300, 40), { dynamic: false });
    const ball = object('ball', circle(350, 280, 20));
    const s = scene([desk, ball], [floor]);
    const support = supportUnder(s, ball);
    expect(support?.surface.id).toBe('desk');
    expect(support?.y).toBeCloseTo(300, 6);
    expect(distanceToEdge(ball, support, 1)).toBeCloseTo(50, 0);
  });
});
