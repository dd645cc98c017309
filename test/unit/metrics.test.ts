import { describe, expect, it } from 'vitest';
import { measureClip, overlapEvents } from '../../shared/metrics';
import { rollout } from '../../shared/physics/rollout';
import { type ClipTrack, MetricsSchema } from '../../shared/run/schema';
import type { Scene } from '../../shared/scene/schema';
import { circle, object, PPM, rect, scene, surface } from '../helpers/scenes';

const FPS = 24;
const FLOOR_Y = 700;
const R = 20;
const floor = surface('floor', [
  { x: -2000, y: FLOOR_Y },
  { x: 3000, y: FLOOR_Y },
]);
const table = surface(
  'table',
  [
    { x: 100, y: 500 },
    { x: 500, y: 500 },
  ],
  'table',
);

async function simulate(s: Scene, seconds: number): Promise<ClipTrack[]> {
  const r = await rollout(s, { seconds, fps: FPS });
  return r.tracks.map((t) => ({ id: t.id, x: Array.from(t.x), y: Array.from(t.y), angle: Array.from(t.angle) }));
}

/** The baseline's kind of motion: a constant velocity from the start, whatever is in the way. */
function kinematic(id: string, x0: number, y0: number, vx: number, vy: number, frames: number): ClipTrack {
  const t = Array.from({ length: frames }, (_, f) => f / FPS);
  return { id, x: t.map((s) => x0 + vx * s), y: t.map((s) => y0 + vy * s), angle: t.map(() => 0) };
}

function scaled(tracks: ClipTrack[], k: number): ClipTrack[] {
  return tracks.map((t) => ({ ...t, x: t.x.map((v) => v * k), y: t.y.map((v) => v * k) }));
}

// A ball 1 m above the floor, dropped from rest.
const DROP_Y = FLOOR_Y - R - 1 * PPM;
const dropScene = scene([object('ball', circle(300, DROP_Y, R))], [floor]);

describe('metrics of a dropped ball', () => {
  it('the simulated drop falls at g, stays out of the floor and scores high', async () => {
    const tracks = await simulate(dropScene, 2);
    const m = measureClip({ scene: dropScene, tracks, fps: FPS, scale: 1 });
    expect(MetricsSchema.parse(m)).toEqual(m);
    expect(m.gravity.score).toBeGreaterThanOrEqual(90);
    expect(Math.abs((m.gravity.measured ?? 0) - 9.81) / 9.81).toBeLessThan(0.05);
    expect(m.gravity.frames).toBeGreaterThanOrEqual(4);
    // Rapier's soft contact lets the ball dip a few px into the floor on the impact frame and no other.
    expect(m.interpenetration.score).toBeGreaterThanOrEqual(90);
    expect(m.interpenetration.frames).toBeLessThanOrEqual(1);
    expect(m.interpenetration.maxDepthPx).toBeLessThan(5);
    expect(m.support.violations).toEqual([]);
    expect(m.energy.maxRestitution).toBeLessThanOrEqual(1);
    expect(m.score).toBeGreaterThanOrEqual(90);
  });

  it('the kinematic baseline of the same drop has no gravity, sinks through the floor and scores far lower', async () => {
    const frames = 2 * FPS + 1;
    // 2 m/s straight down: the ball's bottom reaches the floor at t = 0.5 s (frame 12) and keeps going.
    const tracks = [kinematic('ball', 300, DROP_Y, 0, 200, frames)];
    const base = measureClip({ scene: dropScene, tracks, fps: FPS, scale: 1 });
    const physics = measureClip({ scene: dropScene, tracks: await simulate(dropScene, 2), fps: FPS, scale: 1 });
    expect(MetricsSchema.parse(base)).toEqual(base);
    expect(base.gravity.score).toBeLessThanOrEqual(30);
    expect(Math.abs(base.gravity.measured ?? 1)).toBeLessThan(0.1);
    // Frame 13 (t = 0.54 s) is the first with the ball's bottom more than 1.5 px below the floor.
    expect(base.interpenetration.span).toEqual([13, frames - 1]);
    expect(base.interpenetration.frames).toBe(frames - 13);
    expect(base.interpenetration.maxDepthPx).toBeCloseTo(200 * 2 - 100, 0);
    expect(base.interpenetration.score).toBeLessThan(10);
    expect(base.support.violations.map((v) => v.id)).toEqual(['ball']);
    expect(base.score).toBeLessThan(physics.score - 50);
  });

  it('overlapEvents marks the frame the baseline drop enters the floor', () => {
    const tracks = [kinematic('ball', 300, DROP_Y, 0, 200, 2 * FPS + 1)];
    expect(overlapEvents({ scene: dropScene, tracks, fps: FPS, scale: 1 })).toEqual([{ type: 'overlap', frame: 13, t: 13 / FPS, a: 'ball', b: 'floor' }]);
  });

  it('measures the same gravity at a different output scale', async () => {
    const tracks = await simulate(dropScene, 2);
    const full = measureClip({ scene: dropScene, tracks, fps: FPS, scale: 1 });
    const half = measureClip({ scene: dropScene, tracks: scaled(tracks, 0.5), fps: FPS, scale: 0.5 });
    expect(half.gravity.measured).toBeCloseTo(full.gravity.measured ?? 0, 2);
    expect(half.gravity.score).toBe(full.gravity.score);
  });
});

describe('support', () => {
  it('a ball carrying on level past the table edge at constant velocity is a support violation', () => {
    const s = scene([object('ball', circle(300, 500 - R, R))], [table, floor]);
    const frames = 3 * FPS + 1;
    // 2 m/s to the right: the centre passes the edge (x = 500) at t = 1 s, frame 24.
    const m = measureClip({ scene: s, tracks: [kinematic('ball', 300, 500 - R, 200, 0, frames)], fps: FPS, scale: 1 });
    const v = m.support.violations[0];
    expect(v?.id).toBe('ball');
    expect(v?.first).toBeGreaterThanOrEqual(24);
    expect(v?.first).toBeLessThanOrEqual(30);
    expect(v?.frames).toBeGreaterThanOrEqual(frames - 30);
    expect(m.support.score).toBeLessThan(50);
    expect(m.interpenetration.span).toBeNull();
  });

  // Slowly, the ball tips over the edge and falls hugging it, partly under the table's line but never in it.
  it.each([40, 200])('the simulated ball rolling off the same edge at %s px/s falls and has no violation', async (vx) => {
    const s = scene([object('ball', circle(460, 500 - R, R), { velocity: { x: vx, y: 0 } })], [table, floor]);
    const m = measureClip({ scene: s, tracks: await simulate(s, 3), fps: FPS, scale: 1 });
    expect(m.support.violations).toEqual([]);
    expect(m.support.score).toBe(100);
    expect(m.gravity.score).toBeGreaterThanOrEqual(90);
    expect(m.interpenetration.score).toBeGreaterThanOrEqual(90);
  });

  it('allows for air drag: a damped body falls slower than g without hovering', async () => {
    const params = { density: 10, mass: 1, friction: 0.6, restitution: 0.3, linearDamping: 1, angularDamping: 0 };
    const s = scene([object('ball', circle(300, 100, R), { params })], [floor]);
    const m = measureClip({ scene: s, tracks: await simulate(s, 2), fps: FPS, scale: 1 });
    expect(m.gravity.measured).toBeLessThan(9.81 * 0.8);
    expect(m.gravity.score).toBeGreaterThanOrEqual(90);
    expect(m.support.violations).toEqual([]);
  });
});

describe('energy at bounces', () => {
  it('a bounce that leaves faster than it arrived is flagged', () => {
    const frames = 2 * FPS + 1;
    // Down at 3 m/s, touching the floor at frame 10, then up at 4.5 m/s.
    const contactY = FLOOR_Y - R;
    const y = Array.from({ length: frames }, (_, f) => (f <= 10 ? contactY - (300 * (10 - f)) / FPS : contactY - (450 * (f - 10)) / FPS));
    const tracks = [{ id: 'ball', x: y.map(() => 300), y, angle: y.map(() => 0) }];
    const m = measureClip({ scene: dropScene, tracks, fps: FPS, scale: 1 });
    expect(m.energy.bounces).toBe(1);
    expect(m.energy.maxRestitution).toBeGreaterThan(1);
    expect(m.energy.score).toBeLessThan(100);
  });

  it('a simulated bounce with restitution 0.5 loses energy', async () => {
    const params = { density: 10, mass: 1, friction: 0.6, restitution: 0.5, linearDamping: 0, angularDamping: 0 };
    const s = scene([object('ball', circle(300, DROP_Y, R), { params })], [{ ...floor, restitution: 0.5 }]);
    const m = measureClip({ scene: s, tracks: await simulate(s, 3), fps: FPS, scale: 1 });
    expect(m.energy.bounces).toBeGreaterThanOrEqual(1);
    expect(m.energy.maxRestitution).toBeLessThanOrEqual(1.02);
    expect(m.energy.maxRestitution).toBeGreaterThan(0.3);
    expect(m.energy.score).toBe(100);
  });
});

describe('objects against objects', () => {
  it('a ball carried straight through a box at constant velocity overlaps it, with an event where it enters', () => {
    const box = object('box', rect(400, FLOOR_Y - 60, 60, 60), { dynamic: false });
    const s = scene([object('ball', circle(300, FLOOR_Y - R, R)), box], [floor]);
    const frames = 2 * FPS + 1;
    // 2.4 m/s to the right: the ball's front (x = 320 at rest) reaches the box (x = 400) at t = 1/3 s, frame 8.
    const tracks = [kinematic('ball', 300, FLOOR_Y - R, 240, 0, frames)];
    const m = measureClip({ scene: s, tracks, fps: FPS, scale: 1 });
    expect(m.interpenetration.span?.[0]).toBe(9);
    expect(m.interpenetration.maxDepthPx).toBeGreaterThan(R);
    expect(m.interpenetration.score).toBeLessThan(50);
    expect(m.support.violations).toEqual([]);
    expect(overlapEvents({ scene: s, tracks, fps: FPS, scale: 1 })).toEqual([{ type: 'overlap', frame: 9, t: 9 / FPS, a: 'ball', b: 'box' }]);
  });
});

describe('weightless scenes', () => {
  it('a drifting object should not accelerate, and needs no support', async () => {
    const s = scene([object('ball', circle(300, 300, R), { velocity: { x: 50, y: -20 } })], [floor], { x: 0, y: 0 });
    const m = measureClip({ scene: s, tracks: await simulate(s, 2), fps: FPS, scale: 1 });
    expect(m.gravity.expected).toBe(0);
    expect(Math.abs(m.gravity.measured ?? 1)).toBeLessThan(0.05);
    expect(m.gravity.score).toBe(100);
    expect(m.support.score).toBe(100);
    // Falling at Earth's g is wrong without gravity.
    const t = Array.from({ length: 2 * FPS + 1 }, (_, f) => f / FPS);
    const falling: ClipTrack = { id: 'ball', x: t.map(() => 300), y: t.map((s) => 300 + 0.5 * 9.81 * PPM * s * s), angle: t.map(() => 0) };
    const wrong = measureClip({ scene: s, tracks: [falling], fps: FPS, scale: 1 });
    expect(wrong.gravity.measured).toBeCloseTo(9.81, 2);
    expect(wrong.gravity.score).toBeLessThan(1);
  });
});
