import { describe, expect, it } from 'vitest';
import { baselineMotion } from '../../shared/motion/baseline';
import { motionIntent } from '../../shared/motion/intent';
import { physicsConditions } from '../../shared/motion/physics';
import { planClips } from '../../shared/motion/plan';
import { centroid } from '../../shared/physics/geometry';
import { analyze } from '../../shared/refine/analyze';
import type { Point, Scene, SceneObject } from '../../shared/scene/schema';
import { circle, object, PPM, rect, scene, surface } from '../helpers/scenes';

const floor = surface('floor', [
  { x: -500, y: 700 },
  { x: 1500, y: 700 },
]);
const table = surface('table', [
  { x: 200, y: 400 },
  { x: 600, y: 400 },
]);
const longTable = surface('table', [
  { x: 100, y: 400 },
  { x: 900, y: 400 },
]);

const G = 9.81 * PPM;
const options = { seconds: 2, fps: 24, seed: 3, scale: 1 };

/** A ball in the middle of the table and a bottle standing on the floor at `bottleX`. */
function ballAndBottle(bottleX: number, ballX = 400): Scene {
  return scene([object('ball', circle(ballX, 380, 20)), object('bottle', rect(bottleX - 15, 600, 30, 100))], [table, floor]);
}

/** A ball and a box both on the floor, the box at `boxX`: a push or collision has to reach the box to move it. */
function ballAndBoxOnFloor(boxX: number): Scene {
  return scene([object('ball', circle(600, 680, 20)), object('box', rect(boxX - 30, 640, 60, 60))], [floor]);
}

const intentOf = (prompt: string, s: Scene) => motionIntent(prompt, s, analyze(prompt).analysis);
const conditions = (prompt: string, s: Scene) => physicsConditions(s, intentOf(prompt, s), { seconds: options.seconds, seed: options.seed });
const velocityOf = (c: { scene: Scene }, id: string) => c.scene.objects.find((o) => o.id === id)?.velocity ?? { x: NaN, y: NaN };
const baselineTrack = (prompt: string, s: Scene, id: string) => baselineMotion(s, intentOf(prompt, s), options).tracks.find((t) => t.id === id);
const plan = (prompt: string, s: Scene) => planClips(s, prompt, analyze(prompt).analysis, options);
const centreOf = (s: Scene, id: string): Point => centroid((s.objects.find((o) => o.id === id) as SceneObject).polygon);

describe('a verb aimed at a target heads for the target', () => {
  for (const prompt of ['The ball is pushed toward the bottle', 'The ball slides toward the bottle', 'The ball rolls toward the bottle']) {
    it(`“${prompt}” goes left to a bottle on the left and right to one on the right, in both clips`, () => {
      for (const [bottleX, sign] of [
        [100, -1],
        [800, 1],
      ] as const) {
        const s = ballAndBottle(bottleX);
        expect(intentOf(prompt, s).target).toBe('bottle');
        const v = velocityOf(conditions(prompt, s), 'ball');
        expect(Math.sign(v.x)).toBe(sign);
        expect(v.y).toBe(0);
        const x = baselineTrack(prompt, s, 'ball')?.x ?? [];
        expect(Math.sign((x.at(-1) as number) - (x[0] as number))).toBe(sign);
      }
    });
  }

  it('a rolling ball spins the way it heads for its target', () => {
    const c = conditions('The ball rolls toward the bottle', ballAndBottle(100));
    expect(velocityOf(c, 'ball').x).toBeLessThan(0);
    expect(c.angularVelocity.ball).toBeLessThan(0);
  });

  it('the baseline reaches the target by half-way through the clip, even one far across the picture', () => {
    const s = ballAndBottle(950, 210);
    const x = baselineTrack('The ball is pushed toward the bottle', s, 'ball')?.x ?? [];
    const halfway = x[Math.round((x.length - 1) / 2)] as number;
    expect(halfway).toBeGreaterThanOrEqual(centreOf(s, 'bottle').x * 0.9);
  });

  it('a push toward a box on the floor reaches it and moves it in the simulation', async () => {
    const s = ballAndBoxOnFloor(300);
    const p = await plan('The ball is pushed toward the box', s);
    const box = p.physics.tracks.find((t) => t.id === 'box')?.x ?? [];
    expect((box.at(-1) as number) - (box[0] as number)).toBeLessThan(-5);
  });

  it('a target outranks a direction word; without a target the direction word decides', () => {
    const s = ballAndBottle(100);
    expect(velocityOf(conditions('The ball is pushed to the right toward the bottle', s), 'ball').x).toBeLessThan(0);
    const alone = scene([object('ball', circle(400, 380, 20))], [table, floor]);
    expect(velocityOf(conditions('The ball is pushed to the left', alone), 'ball').x).toBeLessThan(0);
    const x = baselineTrack('The ball is pushed to the left', alone, 'ball')?.x ?? [];
    expect(x.at(-1) as number).toBeLessThan(x[0] as number);
  });

  it('a toppling stack falls towards its target', () => {
    const blocks = [object('b1', rect(480, 640, 60, 60)), object('b2', rect(485, 580, 60, 60)), object('b3', rect(490, 520, 60, 60))].map((o) => ({
      ...o,
      label: 'block',
    }));
    const s = scene([...blocks, object('bottle', rect(100, 600, 30, 100), { label: 'bottle' })], [floor]);
    const intent = intentOf('The blocks topple toward the bottle', s);
    expect(intent).toMatchObject({ kind: 'topple', target: 'bottle' });
    expect(intent.subjects.sort()).toEqual(['b1', 'b2', 'b3']);
    const c = physicsConditions(s, intent, { seconds: 2, seed: 3 });
    expect(c.angularVelocity.b1).toBeLessThan(0);
  });
});

describe('collisions find their target', () => {
  const s = ballAndBottle(100);
  for (const prompt of [
    'The ball collides with the bottle',
    'The ball collided head-on with the bottle',
    'The ball crashes into the bottle',
    'The ball runs into the bottle',
    'The ball bumps into the bottle',
    'The ball smashes into the bottle',
    'The ball slams into the bottle',
    'The ball bumps the bottle',
    'The ball is in a collision with the bottle',
  ]) {
    it(`“${prompt}”`, () => {
      expect(intentOf(prompt, s)).toMatchObject({ kind: 'collide', subjects: ['ball'], target: 'bottle' });
    });
  }

  it('“with” that names a part or companion is not a target, nor the subject', () => {
    const ribboned = scene([object('ball', circle(400, 380, 20)), object('ribbon', rect(800, 690, 10, 10))], [table, floor]);
    const rolls = intentOf('The ball with a ribbon rolls to the left', ribboned);
    expect(rolls).toMatchObject({ kind: 'roll', subjects: ['ball'], target: null, direction: { x: -1, y: 0 } });
    expect(velocityOf(conditions('The ball with a ribbon rolls to the left', ribboned), 'ball').x).toBeLessThan(0);
    const cup = scene([object('cup', rect(400, 300, 40, 60)), object('straw', rect(700, 690, 4, 10))], [floor]);
    expect(intentOf('The cup with a straw falls', cup)).toMatchObject({ kind: 'fall', subjects: ['cup'], target: null });
    expect(intentOf('The ball with stripes collides with the bottle', s)).toMatchObject({ kind: 'collide', subjects: ['ball'], target: 'bottle' });
  });

  it('a collision along the floor slides the subject into its target, which moves', async () => {
    const box = ballAndBoxOnFloor(300);
    const c = conditions('The ball collides with the box', box);
    expect(velocityOf(c, 'ball').x).toBeLessThan(0);
    expect(velocityOf(c, 'ball').y).toBe(0);
    const p = await plan('The ball collides with the box', box);
    const moved = p.physics.tracks.find((t) => t.id === 'box')?.x ?? [];
    expect((moved.at(-1) as number) - (moved[0] as number)).toBeLessThan(-5);
    const naive = p.baseline.tracks.find((t) => t.id === 'ball')?.x ?? [];
    expect(naive.at(-1) as number).toBeLessThan(300);
  });
});

describe('each verb has its own initial conditions', () => {
  for (const prompt of ['The ball drops', 'The ball falls', 'The ball is dropped', 'The ball was gently released']) {
    it(`“${prompt}” releases the ball from rest, whatever velocity the scene carried`, async () => {
      const s = scene([object('ball', circle(400, 100, 20), { velocity: { x: 80, y: -40 } })], [floor]);
      expect(intentOf(prompt, s)).toMatchObject({ kind: 'fall', subjects: ['ball'] });
      const c = conditions(prompt, s);
      expect(velocityOf(c, 'ball')).toEqual({ x: 0, y: 0 });
      expect(c.angularVelocity.ball).toBeUndefined();
      expect(c.motion[0]).toContain('released from rest');
      const p = await plan(prompt, s);
      const x = p.physics.tracks[0]?.x ?? [];
      expect(Math.abs((x[12] as number) - (x[0] as number))).toBeLessThan(1e-6);
    });
  }

  it('“is not dropped” moves nothing', () => {
    expect(intentOf('The ball is not dropped', ballAndBottle(100)).kind).toBe('none');
  });

  for (const prompt of ['The ball is thrown at the bottle', 'The ball is kicked toward the bottle', 'The ball was kicked at the bottle']) {
    it(`“${prompt}” is launched on an arc through the bottle`, () => {
      for (const bottleX of [100, 800]) {
        const s = ballAndBottle(bottleX);
        const from = centreOf(s, 'ball');
        const to = centreOf(s, 'bottle');
        const v = velocityOf(conditions(prompt, s), 'ball');
        const t = (to.x - from.x) / v.x;
        expect(t).toBeGreaterThan(0);
        expect(from.y + v.y * t + 0.5 * G * t * t).toBeCloseTo(to.y, 3);
      }
    });
  }

  it('a kick with no target goes the stated way, rising off the foot', () => {
    const v = velocityOf(conditions('The ball is kicked to the left', scene([object('ball', circle(400, 380, 20))], [table, floor])), 'ball');
    expect(v.x).toBeLessThan(0);
    expect(v.y).toBeLessThan(0);
  });

  it('“rolls off the table” leaves by the nearer edge and lands on the floor; the baseline carries on level', async () => {
    const s = scene([object('ball', circle(240, 380, 20))], [table, floor]);
    const c = conditions('The ball rolls off the table', s);
    expect(velocityOf(c, 'ball').x).toBeLessThan(0);
    expect(c.angularVelocity.ball).toBeLessThan(0);
    const p = await plan('The ball rolls off the table', s);
    const ball = p.physics.tracks[0];
    expect(ball?.x.at(-1) as number).toBeLessThan(200);
    expect(ball?.y.at(-1) as number).toBeGreaterThan(650);
    const naive = p.baseline.tracks[0];
    expect(naive?.x.at(-1) as number).toBeLessThan(200);
    for (const y of naive?.y ?? []) expect(y).toBeCloseTo(380, 6);
  });

  it('“slides” moves along the support without turning, and friction stops it', async () => {
    const s = scene([object('block', rect(200, 360, 40, 40))], [longTable, floor]);
    const c = conditions('The block slides to the right', s);
    expect(velocityOf(c, 'block').x).toBeGreaterThan(0);
    expect(velocityOf(c, 'block').y).toBe(0);
    expect(c.angularVelocity.block).toBeUndefined();
    const p = await plan('The block slides to the right', s);
    const block = p.physics.tracks[0];
    expect(Math.max(...(block?.angle ?? []).map(Math.abs))).toBeLessThan(0.05);
    const x = block?.x ?? [];
    expect((x.at(-1) as number) - (x.at(-5) as number)).toBeCloseTo(0, 3);
    expect(x.at(-1) as number).toBeGreaterThan(300);
  });

  it('“topples” turns the whole stack about its base, faster the higher the block', () => {
    const blocks = [object('b1', rect(480, 640, 60, 60)), object('b2', rect(490, 580, 60, 60)), object('b3', rect(500, 520, 60, 60))].map((o) => ({
      ...o,
      label: 'block',
    }));
    const s = scene(blocks, [floor]);
    const c = conditions('The stack topples over', s);
    const spins = ['b1', 'b2', 'b3'].map((id) => c.angularVelocity[id]);
    // No way is said, so it tips towards the side of the picture with more room.
    const roomier = 530 < s.image.width / 2 ? 1 : -1;
    expect(Math.sign(spins[0] as number)).toBe(roomier);
    expect(new Set(spins).size).toBe(1);
    const vx = ['b1', 'b2', 'b3'].map((id) => roomier * velocityOf(c, id).x);
    expect(vx[0]).toBeLessThan(vx[1] as number);
    expect(vx[1]).toBeLessThan(vx[2] as number);
  });
});

describe('the arrow the user drew wins over every verb', () => {
  const arrow = { x: -50, y: 20 };
  const withArrow = (s: Scene): Scene => ({
    ...s,
    objects: s.objects.map((o) => (o.id === 'ball' ? { ...o, velocity: arrow, provenance: { ...o.provenance, velocity: 'user' as const } } : o)),
  });
  for (const prompt of [
    'The ball is pushed toward the bottle',
    'The ball is thrown at the bottle',
    'The ball is kicked to the right',
    'The ball collides with the bottle',
    'The ball slides toward the bottle',
    'The ball rolls off the table',
    'The ball drops',
    'Everything topples over',
  ]) {
    it(`“${prompt}”`, () => {
      const c = conditions(prompt, withArrow(ballAndBottle(800)));
      expect(velocityOf(c, 'ball')).toEqual(arrow);
      expect(c.angularVelocity.ball).toBeUndefined();
      expect(c.motion.find((m) => m.startsWith('ball'))).toContain('your arrow');
    });
  }
});
