import { describe, expect, it } from 'vitest';
import { area, centroid, convexHull, isNearlyConvex, roundness } from '../../shared/physics/geometry';
import { predictInteractions } from '../../shared/physics/predict';
import { rollout } from '../../shared/physics/rollout';
import { circle, object, PPM, rect, scene, surface } from '../helpers/scenes';

const FPS = 24;
const FRAME = 1 / FPS;
const FLOOR_Y = 700;
const floor = surface('floor', [
  { x: -2000, y: FLOOR_Y },
  { x: 3000, y: FLOOR_Y },
]);

describe('geometry', () => {
  it('computes area, centroid, hull and shape measures', () => {
    const square = rect(0, 0, 10, 10);
    expect(area(square)).toBe(100);
    expect(centroid(square)).toEqual({ x: 5, y: 5 });
    expect(isNearlyConvex(square)).toBe(true);
    const ell = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 2 },
      { x: 2, y: 2 },
      { x: 2, y: 10 },
      { x: 0, y: 10 },
    ];
    expect(isNearlyConvex(ell)).toBe(false);
    expect(convexHull(ell)).toHaveLength(5);
    expect(roundness(circle(0, 0, 10, 64))).toBeGreaterThan(0.99);
    expect(roundness(square)).toBeCloseTo(Math.PI / 4, 2);
  });
});

describe('predicted interactions match physics', () => {
  it.each([0.5, 1, 2])('a ball released from %s m first touches the floor at √(2h/g) ± one frame', async (h) => {
    const r = 20;
    const ball = object('ball', circle(300, FLOOR_Y - r - h * PPM, r));
    const { interactions } = await predictInteractions(scene([ball], [floor]), { seconds: 2, fps: FPS, ensemble: 2 });
    const first = interactions.find((i) => i.a === 'ball' && i.b === 'floor');
    expect(first?.type).toBe('falls_onto');
    expect(Math.abs((first?.tStart ?? 0) - Math.sqrt((2 * h) / 9.81))).toBeLessThanOrEqual(FRAME);
    expect(first?.confidence).toBe(1);
  });

  it('a bouncy ball bounces, each bounce lower than the last', async () => {
    const ball = object('ball', circle(300, 400, 20), {
      params: { density: 10, mass: 1, friction: 0.6, restitution: 0.9, linearDamping: 0, angularDamping: 0 },
    });
    const { interactions, nominal } = await predictInteractions(scene([ball], [{ ...floor, restitution: 0.9 }]), { seconds: 3, fps: FPS });
    expect(interactions.filter((i) => i.type === 'bounces_on').length).toBeGreaterThanOrEqual(2);
    // Peak heights between bounces shrink: energy is never gained.
    const y = nominal.tracks[0]?.y ?? new Float64Array();
    const peaks: number[] = [];
    for (let f = 1; f + 1 < y.length; f++) if ((y[f] ?? 0) < (y[f - 1] ?? 0) && (y[f] ?? 0) <= (y[f + 1] ?? 0)) peaks.push(y[f] ?? 0);
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1] ?? 0);
  });

  it('a box resting on a table yields rests_on and no fall', async () => {
    const table = surface(
      'table',
      [
        { x: 100, y: 500 },
        { x: 700, y: 500 },
      ],
      'table',
    );
    const box = object('box', rect(300, 420, 80, 80), { material: { name: 'wood', confidence: 1 } });
    const { interactions } = await predictInteractions(scene([box], [table, floor]), { seconds: 2, fps: FPS });
    expect(interactions.map((i) => `${i.type}:${i.a}->${i.b}`)).toEqual(['rests_on:box->table']);
    expect(interactions[0]?.tStart).toBeLessThanOrEqual(FRAME);
    expect(interactions[0]?.confidence).toBe(1);
  });

  it('a ball pushed toward a box collides with it before it could have passed through, and never overlaps it', async () => {
    const r = 20;
    const v = 3; // m/s
    const gapPx = 200;
    const ball = object('ball', circle(200, FLOOR_Y - r, r), {
      velocity: { x: v * PPM, y: 0 },
      params: { density: 10, mass: 1, friction: 0.05, restitution: 0.2, linearDamping: 0, angularDamping: 0 },
    });
    const boxLeft = 200 + r + gapPx;
    const box = object('box', rect(boxLeft, FLOOR_Y - 60, 60, 60));
    const s = scene([ball, box], [floor]);
    const { interactions, nominal } = await predictInteractions(s, { seconds: 2, fps: FPS });
    const hit = interactions.find((i) => i.type === 'collides_with' && i.a === 'ball' && i.b === 'box');
    expect(hit).toBeDefined();
    const earliest = gapPx / PPM / v;
    expect(hit?.tStart).toBeGreaterThanOrEqual(earliest - FRAME);
    expect(hit?.tStart).toBeLessThanOrEqual((gapPx + 60 + 2 * r) / PPM / v);
    const ballTrack = nominal.tracks.find((t) => t.id === 'ball');
    const boxTrack = nominal.tracks.find((t) => t.id === 'box');
    for (let f = 0; f < nominal.frames; f++) {
      const boxLeftNow = (boxTrack?.x[f] ?? 0) - 30;
      expect((ballTrack?.x[f] ?? 0) + r, `frame ${f}`).toBeLessThanOrEqual(boxLeftNow + 2);
    }
  });

  it('a ball rolling off a table falls off it and lands on the floor', async () => {
    const table = surface(
      'table',
      [
        { x: 100, y: 400 },
        { x: 500, y: 400 },
      ],
      'table',
    );
    const ball = object('ball', circle(300, 380, 20), { velocity: { x: 150, y: 0 } });
    const { interactions } = await predictInteractions(scene([ball], [table, floor]), { seconds: 3, fps: FPS });
    const types = interactions.map((i) => `${i.type}:${i.b}`);
    expect(types).toContain('falls_off:table');
    expect(types).toContain('falls_onto:floor');
    const off = interactions.find((i) => i.type === 'falls_off');
    const onto = interactions.find((i) => i.type === 'falls_onto' && i.b === 'floor');
    expect(off?.tStart).toBeLessThan(onto?.tStart ?? 0);
    expect(types.some((t) => t === 'rolls_on:table' || t === 'slides_on:table')).toBe(true);
  });

  it('a tall block overhanging an edge topples', async () => {
    const table = surface(
      'table',
      [
        { x: 100, y: 400 },
        { x: 500, y: 400 },
      ],
      'table',
    );
    // Its centre of mass (x = 505) is past the table's edge (x = 500).
    const block = object('block', rect(485, 280, 40, 120), { material: { name: 'wood', confidence: 1 } });
    const { interactions } = await predictInteractions(scene([block], [table, floor]), { seconds: 3, fps: FPS });
    expect(interactions.map((i) => i.type)).toContain('topples');
  });

  it('without gravity, a pushed object drifts in a straight line and touches nothing', async () => {
    const ball = object('ball', circle(300, 300, 20), { velocity: { x: 50, y: -20 } });
    const s = scene([ball], [floor], { x: 0, y: 0 });
    const r = await rollout(s, { seconds: 2, fps: FPS });
    const t = r.tracks[0];
    expect(r.contacts).toEqual([]);
    expect(t?.x[r.frames - 1]).toBeCloseTo(300 + 100, 0);
    expect(t?.y[r.frames - 1]).toBeCloseTo(300 - 40, 0);
  });

  it('is deterministic: the same scene gives identical rollouts and predictions', async () => {
    const s = scene(
      [object('a', circle(300, 200, 20), { velocity: { x: 80, y: 0 } }), object('b', rect(400, 600, 50, 100)), object('c', circle(420, 100, 15))],
      [floor],
    );
    const one = await predictInteractions(s, { seconds: 3, fps: FPS, seed: 5 });
    const two = await predictInteractions(s, { seconds: 3, fps: FPS, seed: 5 });
    expect(one.interactions).toEqual(two.interactions);
    expect(one.nominal.tracks).toEqual(two.nominal.tracks);
  });
});

describe('scene embedding', () => {
  it('has a fixed size with objects in area order and empty slots zero', async () => {
    const { sceneEmbedding, EMBEDDING_SIZE, EMBEDDING_GLOBALS, EMBEDDING_FEATURES } = await import('../../shared/scene/embedding');
    const small = object('small', circle(100, 100, 10));
    const big = object('big', rect(300, 300, 200, 100), { dynamic: false });
    const s = scene([small, big], [floor]);
    const e = sceneEmbedding(s);
    expect(e).toHaveLength(EMBEDDING_SIZE);
    expect(e[1]).toBeCloseTo(1, 3);
    // Slot 0 is the big static box, slot 1 the small ball, slot 2 empty.
    expect(e[EMBEDDING_GLOBALS + 0]).toBe(1);
    expect(e[EMBEDDING_GLOBALS + 7]).toBe(0);
    expect(e[EMBEDDING_GLOBALS + EMBEDDING_FEATURES + 7]).toBe(1);
    expect(e[EMBEDDING_GLOBALS + EMBEDDING_FEATURES + 6]).toBeGreaterThan(0.95);
    expect(e.slice(EMBEDDING_GLOBALS + 2 * EMBEDDING_FEATURES).every((v) => v === 0)).toBe(true);
    expect(sceneEmbedding(s)).toEqual(e);
  });
});

describe('interactions depend on gravity', () => {
  it('in zero gravity two still objects touch but nothing rests on anything', async () => {
    const table = surface(
      'table',
      [
        { x: 100, y: 500 },
        { x: 700, y: 500 },
      ],
      'table',
    );
    const box = object('box', rect(300, 420, 80, 80));
    const { interactions } = await predictInteractions(scene([box], [table], { x: 0, y: 0 }), { seconds: 2, fps: FPS });
    expect(interactions.map((i) => i.type)).toEqual(['contacts']);
  });
});
