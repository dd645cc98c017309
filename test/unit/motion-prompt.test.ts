import { describe, expect, it } from 'vitest';
import { motionIntent } from '../../shared/motion/intent';
import { planClips } from '../../shared/motion/plan';
import { motionPreflight } from '../../shared/motion/preflight';
import { rollout } from '../../shared/physics/rollout';
import { drawnScene } from '../../shared/preview/drawn-scene';
import { analyze } from '../../shared/refine/analyze';
import type { Scene } from '../../shared/scene/schema';
import { circle, object, rect, scene, surface } from '../helpers/scenes';

// Issue 13: the named object moves as the prompt says, and nothing else does.

const floor = surface('floor', [
  { x: -500, y: 700 },
  { x: 1500, y: 700 },
]);
const options = { seconds: 2, fps: 24, seed: 3, scale: 1 };
const intentOf = (prompt: string, s: Scene) => motionIntent(prompt, s, analyze(prompt).analysis);
const plan = (prompt: string, s: Scene) => planClips(s, prompt, analyze(prompt).analysis, options);
const trackOf = (tracks: Array<{ id: string; x: number[]; y: number[] }>, id: string) => tracks.find((t) => t.id === id);

/** A cup standing on the floor, a ball in the air above the floor, and a vase beside the cup. */
function room(): Scene {
  return scene([object('cup', rect(200, 620, 60, 80)), object('ball', circle(600, 300, 25)), object('vase', rect(800, 580, 50, 120))], [floor]);
}

describe('only the named object moves', () => {
  it('“the ball falls”: the ball falls, the cup and the vase, free to move, stay static and have no track', async () => {
    const p = await plan('The ball falls', room());
    expect(p.intent.subjects).toEqual(['ball']);
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['ball']);
    expect(p.baseline.tracks.map((t) => t.id)).toEqual(['ball']);
    const ball = trackOf(p.physics.tracks, 'ball');
    expect((ball?.y.at(-1) as number) - (ball?.y[0] as number)).toBeGreaterThan(200);
  });

  it('a region perception took for the room (static) still moves when the prompt names it', async () => {
    const s = room();
    s.objects = s.objects.map((o) => (o.id === 'vase' ? { ...o, dynamic: false, provenance: { dynamic: 'default' } } : o));
    const p = await plan('The vase topples over', s);
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['vase']);
    // …but not when the user marked it static.
    s.objects = s.objects.map((o) => (o.id === 'vase' ? { ...o, provenance: { dynamic: 'user' } } : o));
    expect((await plan('The vase topples over', s)).physics.tracks.map((t) => t.id)).not.toContain('vase');
  });

  it('an object the subject strikes becomes dynamic and is moved by the hit', async () => {
    const s = scene([object('ball', circle(300, 675, 25)), object('box', rect(520, 640, 60, 60))], [floor]);
    const p = await plan('The ball is pushed toward the box', s);
    expect(p.physics.tracks.map((t) => t.id).sort()).toEqual(['ball', 'box']);
    const box = trackOf(p.physics.tracks, 'box');
    expect((box?.x.at(-1) as number) - (box?.x[0] as number)).toBeGreaterThan(5);
  });
});

describe('verbs people write', () => {
  it('“someone gives the ball a push” pushes the ball', () => {
    const s = scene([object('ball', circle(300, 675, 25)), object('cat', rect(600, 600, 100, 100))], [floor]);
    const push = intentOf('Someone gives the ball a push', s);
    expect(push.kind).toBe('push');
    expect(push.subjects).toEqual(['ball']);
  });

  it('a pushed box skids flat instead of tumbling', async () => {
    // A slightly uneven bottom edge, as a traced outline has.
    const box = object('box', [
      { x: 300, y: 600 },
      { x: 400, y: 600 },
      { x: 400, y: 700 },
      { x: 350, y: 697 },
      { x: 300, y: 700 },
    ]);
    const p = await plan('The box is pushed to the right', scene([box], [floor]));
    for (const a of p.physics.tracks[0]?.angle ?? []) expect(a).toBe(0);
    expect((p.physics.tracks[0]?.x.at(-1) as number) - (p.physics.tracks[0]?.x[0] as number)).toBeGreaterThan(30);
  });
});

describe('rolling', () => {
  it('a ball that rolls spins; a car that rolls keeps its body level and coasts', async () => {
    const ball = await plan('The ball rolls to the right', scene([object('ball', circle(300, 675, 25))], [floor]));
    expect(Math.abs(ball.physics.tracks[0]?.angle.at(-1) ?? 0)).toBeGreaterThan(1);
    const car = await plan('The car rolls to the right', scene([object('car', rect(200, 620, 240, 80))], [floor]));
    const track = car.physics.tracks[0];
    for (const a of track?.angle ?? []) expect(Math.abs(a)).toBeLessThan(0.05);
    expect((track?.x.at(-1) as number) - (track?.x[0] as number)).toBeGreaterThan(50);
  });
});

describe('still prompts', () => {
  for (const prompt of ['The cup stands still on the floor', 'The cup rests on the floor', 'The dog sits there']) {
    it(`“${prompt}”: no object moves in either clip`, async () => {
      const p = await plan(prompt, room());
      expect(p.intent.kind).toBe('still');
      expect(p.physics.tracks).toEqual([]);
      expect(p.baseline.tracks).toEqual([]);
      expect(p.scene.objects.every((o) => !o.dynamic)).toBe(true);
    });
  }
});

describe('weightless and unsupported verbs', () => {
  it('“in zero gravity the ball floats upward slowly”: it drifts up, slowly, and does not fall', async () => {
    const s = { ...room(), gravity: { x: 0, y: 0 } };
    const p = await plan('In zero gravity the ball floats upward slowly', s);
    expect(p.intent.kind).toBe('float');
    const ball = trackOf(p.physics.tracks, 'ball');
    const rise = (ball?.y[0] as number) - (ball?.y.at(-1) as number);
    expect(rise).toBeGreaterThan(5);
    // Slowly: well under a third of the picture in the clip.
    expect(rise).toBeLessThan(s.image.height / 3);
  });

  it('a photo seen from above has no gravity in its plane but is not weightless', () => {
    const s = { ...room(), gravity: { x: 0, y: 0 }, view: 'top-down' } as Scene;
    expect(intentOf('The ball falls', s).kind).toBe('fall');
  });

  for (const [prompt, verb] of [
    ['The ball explodes', 'explodes'],
    ['The ball melts slowly', 'melts'],
    ['The ball launches into the sky', 'launches'],
    ['The ball takes off into the sky', 'takes off'],
  ] as const) {
    it(`“${prompt}” is said to be beyond the preview, with the nearest motion it can show`, async () => {
      const p = await plan(prompt, room());
      expect(p.intent.unsupported?.verb).toBe(verb);
      expect(p.notices.join(' ')).toMatch(new RegExp(`cannot show “${verb}”.*try “the ball`));
    });
  }

  it('says so before generating: the preflight notice names the verb and the nearest motion', () => {
    const [notice] = motionPreflight('The ball explodes', room());
    expect(notice).toMatch(/cannot show “explodes”.*the picture at rest.*try “the ball falls and bounces”/);
    expect(motionPreflight('The ball falls', room())).toEqual([]);
  });

  it('a verb it can show wins over one it cannot: “the rocket launches and falls back” falls', () => {
    const s = scene([object('rocket', rect(480, 300, 40, 120))], [floor]);
    const intent = intentOf('The rocket launches and then falls back down', s);
    expect(intent.unsupported).toBeNull();
    expect(intent.kind).toBe('fall');
  });
});

describe('framing and time', () => {
  it('a ball thrown in a close-up is shown in slow motion ×N, long enough to stay in the first half of the clip', async () => {
    // 500 px per metre: a 20 cm ball, 4 m/s, would cross the 1000 px picture in a third of a second.
    const s = { ...scene([object('ball', circle(300, 600, 50))], [floor]), scale: { pixelsPerMetre: 500, provenance: 'user' as const } };
    const p = await plan('The ball is thrown to the right', s);
    expect(p.timeScale).toBeGreaterThan(1);
    expect(p.notices.join(' ')).toMatch(/slow motion ×\d+/);
    expect(p.physics.motion[0]).toMatch(/^Slow motion ×\d+/);
    const ball = trackOf(p.physics.tracks, 'ball');
    const half = Math.floor((ball?.x.length ?? 0) / 2);
    for (let f = 0; f < half; f++) expect(ball?.x[f]).toBeLessThanOrEqual(s.image.width);
  });

  it('slows a close-up by a modest factor only, and says so when even that leaves the picture too soon', async () => {
    // 2000 px per metre: a 5 cm ball at 4 m/s crosses the picture in an eighth of a second; ×32 would be a still picture.
    const s = { ...scene([object('ball', circle(300, 600, 50))], [floor]), scale: { pixelsPerMetre: 2000, provenance: 'user' as const } };
    const p = await plan('The ball is thrown to the right', s);
    expect(p.timeScale).toBeGreaterThan(1);
    expect(p.timeScale).toBeLessThanOrEqual(4);
    expect(p.notices.join(' ')).toMatch(/leaves the picture .* slow motion ×4.*Try/);
  });

  it('the same throw in a wide shot plays at real time', async () => {
    const s = { ...scene([object('ball', circle(200, 600, 10))], [floor]), scale: { pixelsPerMetre: 60, provenance: 'user' as const } };
    expect((await plan('The ball is thrown to the right', s)).timeScale).toBe(1);
  });

  it('“out of the frame” lets it leave at real speed', async () => {
    const s = { ...scene([object('ball', circle(300, 600, 50))], [floor]), scale: { pixelsPerMetre: 2000, provenance: 'user' as const } };
    expect((await plan('The ball is thrown to the right out of the frame', s)).timeScale).toBe(1);
  });
});

describe('no explosive starts', () => {
  it('an object drawn a little into the floor starts at rest, lifted out without speed', async () => {
    // The ball's outline reaches 6 px below the floor line.
    const s = scene([object('ball', circle(500, 681, 25))], [floor]);
    const r = await rollout(s, { seconds: 1, fps: 24 });
    const speed = r.speed.get('ball') as Float64Array;
    // Resting: never faster than a few centimetres per second (a solver push-out is metres per second).
    for (const v of speed) expect(v).toBeLessThan(0.1);
    expect(r.tracks[0]?.y[0]).toBeLessThan(681);
  });

  it('a region found twice (a static copy over the moving one) neither throws it nor makes it jump at frame 0', async () => {
    const s = scene([object('bunny', rect(400, 300, 120, 160)), object('horse', rect(400, 300, 120, 160), { dynamic: false })], [floor]);
    const r = await rollout({ ...s, gravity: { x: 0, y: 0 } }, { seconds: 0.5, fps: 24 });
    const t = r.tracks.find((x) => x.id === 'bunny');
    expect(t?.x[0]).toBeCloseTo(460, 3);
    expect(t?.y[0]).toBeCloseTo(380, 3);
    for (const v of r.speed.get('bunny') as Float64Array) expect(v).toBeLessThan(0.01);
  });

  it('pieces of one object move as one body and do not push each other apart', async () => {
    // A cup and its rim found as two overlapping regions, the rim inside the cup's box.
    const s = scene([object('cup', rect(400, 500, 100, 120)), object('rim', rect(410, 495, 80, 20))], [floor]);
    const p = await plan('The cup falls', s);
    const cup = trackOf(p.physics.tracks, 'cup');
    const rim = trackOf(p.physics.tracks, 'rim');
    expect(rim).toBeDefined();
    for (let f = 0; f < (cup?.y.length ?? 0); f++) {
      const gap = (rim?.y[f] as number) - (cup?.y[f] as number);
      expect(gap).toBeCloseTo((rim?.y[0] as number) - (cup?.y[0] as number), 0);
    }
    // In the baseline too: a piece left behind would be a ghost of the object.
    const bCup = trackOf(p.baseline.tracks, 'cup');
    const bRim = trackOf(p.baseline.tracks, 'rim');
    expect((bRim?.y.at(-1) as number) - (bRim?.y[0] as number)).toBeCloseTo((bCup?.y.at(-1) as number) - (bCup?.y[0] as number), 6);
    expect((bCup?.y.at(-1) as number) - (bCup?.y[0] as number)).toBeGreaterThan(10);
  });
});

describe('one named object moves as one body, and nothing else', () => {
  it('a region perception called static but lying inside the mover joins it (a bucket found as two halves)', async () => {
    const s = scene(
      [object('bucket', rect(400, 560, 120, 140)), object('object 2', rect(405, 640, 110, 60), { dynamic: false, provenance: { dynamic: 'appearance' } })],
      [floor],
    );
    const p = await plan('The bucket is pushed to the right', s);
    expect(p.physics.tracks.map((t) => t.id).sort()).toEqual(['bucket', 'object 2']);
    const a = trackOf(p.physics.tracks, 'bucket');
    const b = trackOf(p.physics.tracks, 'object 2');
    expect((a?.x.at(-1) as number) - (a?.x[0] as number)).toBeGreaterThan(20);
    expect((b?.x.at(-1) as number) - (b?.x[0] as number)).toBeCloseTo((a?.x.at(-1) as number) - (a?.x[0] as number), 0);
  });

  it('two regions named as the same thing, side by side, move together (a wrench’s head and handle)', async () => {
    const s = scene([object('w1', rect(300, 300, 200, 40), { label: 'wrench' }), object('w2', rect(505, 290, 60, 60), { label: 'wrench' })], [floor]);
    const p = await plan('In zero gravity the wrench floats', s);
    const a = trackOf(p.physics.tracks, 'w1');
    const b = trackOf(p.physics.tracks, 'w2');
    expect(b).toBeDefined();
    const far = (t: typeof a) => Math.hypot((t?.x.at(-1) as number) - (t?.x[0] as number), (t?.y.at(-1) as number) - (t?.y[0] as number));
    expect(far(a)).toBeGreaterThan(5);
    // Rigidly: the distance between their centres never changes.
    const d = (f: number) => Math.hypot((a?.x[f] as number) - (b?.x[f] as number), (a?.y[f] as number) - (b?.y[f] as number));
    for (let f = 0; f < (a?.x.length ?? 0); f++) expect(d(f)).toBeCloseTo(d(0), 0);
  });

  it('what the subject stands on is never a piece of it, nor struck by it: a hammer sliding off a step leaves the step', async () => {
    const step = object('step', rect(100, 560, 300, 140), { label: 'step', provenance: { label: 'prompt', dynamic: 'prompt' } });
    const hammer = object('hammer', rect(80, 480, 360, 80), { label: 'hammer' });
    const p = await plan('The hammer falls off the step', scene([hammer, step], [floor]));
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['hammer']);
  });

  it('a wheeled thing that rolls coasts along, slowing only a little', async () => {
    const cart = object('cart', rect(100, 600, 200, 100), { label: 'cart' });
    const p = await planClips(scene([cart], [floor]), 'The cart rolls to the right', analyze('The cart rolls to the right').analysis, {
      ...options,
      seconds: 4,
    });
    const t = trackOf(p.physics.tracks, 'cart');
    const x = t?.x as number[];
    // Still moving at half-time: rolling resistance, not the road's sliding friction, slows it.
    expect((x[60] as number) - (x[40] as number)).toBeGreaterThan(5);
    expect((x.at(-1) as number) - (x[0] as number)).toBeGreaterThan(100);
  });

  it('something tipped over lies where it fell: it turns about a quarter and does not roll on', async () => {
    const p = await plan('The box tips over', scene([object('box', rect(500, 500, 60, 200), { label: 'box' })], [floor]));
    const box = p.physics.tracks.find((t) => t.id === 'box') as { x: number[]; angle: number[] };
    expect(Math.abs(box.angle.at(-1) as number)).toBeGreaterThan(1.2);
    expect(Math.abs(box.angle.at(-1) as number)).toBeLessThan(2);
    expect(Math.abs((box.x.at(-1) as number) - (box.x[0] as number))).toBeLessThan(250);
  });
});

describe('prompt-only drawn scenes', () => {
  it('draws the prompt’s object on the table it names, near the edge it goes off, and labels it drawn', () => {
    const d = drawnScene('A red ball rolls off the table');
    expect(d.svg).toContain('drawn from the prompt');
    expect(d.notices[0]).toMatch(/drawn from the prompt/);
    const ball = d.scene.objects.find((o) => o.label === 'ball');
    expect(ball).toBeDefined();
    const table = d.scene.surfaces.find((s) => s.kind === 'table');
    expect(table).toBeDefined();
    // Standing on the table top.
    expect((ball?.bbox.y ?? 0) + (ball?.bbox.h ?? 0)).toBeCloseTo(table?.points[0]?.y ?? 0, 0);
    // The scale follows the object's real size: a 22 cm ball drawn 130 px across.
    expect(d.scene.scale.pixelsPerMetre).toBeCloseTo(130 / 0.22, 0);
  });

  it('the same physics runs on it: the ball rolls off the table and lands on the floor', async () => {
    const d = drawnScene('A red ball rolls off the table');
    const s: Scene = { ...d.scene, interactions: [], embedding: [] };
    const p = await planClips(s, 'A red ball rolls off the table', analyze('A red ball rolls off the table').analysis, {
      seconds: 3,
      fps: 24,
      seed: 1,
      scale: 1,
    });
    const ball = p.physics.tracks[0];
    const ground = d.scene.surfaces.find((x) => x.kind === 'ground')?.points[0]?.y ?? 0;
    expect(Math.max(...(ball?.y ?? []))).toBeGreaterThan(ground - 130);
  });

  it('space prompts are drawn weightless', () => {
    const d = drawnScene('In zero gravity an orange floats upward slowly');
    expect(d.scene.gravity).toEqual({ x: 0, y: 0 });
    expect(d.scene.objects[0]?.label).toBe('orange');
  });
});

describe('phrasal verbs', () => {
  it('“falls over” is a topple, “falls off”, “falls over the edge” and “falls” are not', () => {
    const s = scene([object('bike', rect(400, 500, 200, 200), { label: 'bike' })], [floor]);
    expect(intentOf('the little pink bike falls over', s).kind).toBe('topple');
    expect(intentOf('the guy fell over backwards', s).kind).toBe('topple');
    expect(intentOf('the bike falls', s).kind).toBe('fall');
    expect(intentOf('the bike falls over the edge', s).kind).not.toBe('topple');
  });
});

describe('which region the prompt means', () => {
  it('the verb’s own noun overrules a grounding in another region: “the blackberry drops off the branch” moves the blackberry', () => {
    const berry = object('o1', circle(300, 300, 20), { label: 'blackberry' });
    const branch = object('o2', rect(200, 330, 300, 30), { label: 'branch' });
    const s = { ...scene([berry, branch], [floor]), subjectId: 'o2' } as Scene;
    expect(intentOf('the blackberry at the top drops off the branch', s).subjects).toEqual(['o1']);
    // A grounding the words do not contradict stands.
    const plain = { ...scene([object('o1', circle(300, 300, 20), { label: 'object 1' }), branch], [floor]), subjectId: 'o1' } as Scene;
    expect(intentOf('the blackberry drops', plain).subjects).toEqual(['o1']);
  });
});

describe('what the subject is aimed at', () => {
  it('stays put until it is hit: a large region the ball rolls toward does not topple on its own', async () => {
    const cushion = object('cushion', rect(100, 100, 400, 300), { label: 'cushion' });
    const ball = object('ball', circle(800, 675, 25), { label: 'ball' });
    const p = await plan('the ball rolls slowly toward the cushion', scene([cushion, ball], [floor]));
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['ball']);
  });

  it('a region far larger than what hits it is not sent flying', async () => {
    const wall = object('wall', rect(560, 300, 400, 400), { label: 'wall' });
    const ball = object('ball', circle(300, 675, 25), { label: 'ball' });
    const p = await plan('The ball is pushed toward the wall', scene([ball, wall], [floor]));
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['ball']);
  });
});

describe('slides glide', () => {
  it('something that slides glides for a good part of the clip, not a skid over in a few frames', async () => {
    const penguin = object('penguin', rect(200, 500, 100, 200), { label: 'penguin' });
    const p = await planClips(scene([penguin], [floor]), 'the penguin slides along on its belly', analyze('the penguin slides along on its belly').analysis, {
      ...options,
      seconds: 4,
    });
    const x = (p.physics.tracks.find((t) => t.id === 'penguin') as { x: number[] }).x;
    // Still moving a second in, and at rest by the end.
    expect((x[30] as number) - (x[20] as number)).toBeGreaterThan(3);
    expect(Math.abs((x.at(-1) as number) - (x.at(-5) as number))).toBeLessThan(1);
  });
});

describe('a grounding the words agree with stands', () => {
  it('“the martini glass on the bar tips over” grounded in the glass moves the glass, not the bar', () => {
    const glass = object('o1', rect(300, 500, 40, 80), { label: 'martini glass' });
    const bar = object('o2', rect(100, 100, 600, 400), { label: 'bar' });
    const s = { ...scene([glass, bar], [floor]), subjectId: 'o1' } as Scene;
    expect(intentOf('the martini glass on the bar tips over', s).subjects).toEqual(['o1']);
  });
});

describe('regions drawn over the mover', () => {
  it('are in front of or behind it, not in its way: a cart rolls on past a region it starts overlapping', async () => {
    // Both outlines concave (a U-shaped cart, an L-shaped sign): compound shapes the solver would jam together.
    const u = [
      { x: 200, y: 600 },
      { x: 220, y: 600 },
      { x: 220, y: 680 },
      { x: 300, y: 680 },
      { x: 300, y: 600 },
      { x: 320, y: 600 },
      { x: 320, y: 700 },
      { x: 200, y: 700 },
    ];
    const l = [
      { x: 290, y: 560 },
      { x: 310, y: 560 },
      { x: 310, y: 640 },
      { x: 400, y: 640 },
      { x: 400, y: 660 },
      { x: 290, y: 660 },
    ];
    const cart = object('cart', u, { label: 'cart' });
    const sign = object('sign', l, { label: 'sign', dynamic: false, provenance: { dynamic: 'appearance' } });
    const p = await plan('the cart rolls to the right', scene([cart, sign], [floor]));
    expect(p.physics.tracks.map((t) => t.id)).toEqual(['cart']);
    const x = (p.physics.tracks[0] as { x: number[] }).x;
    expect((x.at(-1) as number) - (x[0] as number)).toBeGreaterThan(100);
  });
});

describe('verbs the analyzer does not list', () => {
  it('“the soldier on the left marches away” is read as a march (shown as the nearest motion), not as no motion', () => {
    const s = scene([object('soldier', rect(100, 500, 60, 200), { label: 'soldier' })], [floor]);
    const i = intentOf('the soldier on the left marches away', s);
    expect(i.unsupported?.verb).toMatch(/march/);
    expect(i.kind).toBe('slide');
  });
});

describe('where a thing is is not where it goes', () => {
  it('“the soldier on the left marches away” names no direction; “rolls to the left” does', () => {
    const s = scene([object('soldier', rect(100, 500, 60, 200), { label: 'soldier' })], [floor]);
    expect(intentOf('the soldier on the left marches away', s).direction).toBeNull();
    expect(intentOf('the ball on the right rolls to the left', scene([object('ball', circle(600, 675, 25))], [floor])).direction).toEqual({ x: -1, y: 0 });
  });
});

describe('seen from above', () => {
  it('a push or a slide sets the object moving across the table and it comes to rest (no gravity in the picture’s plane)', async () => {
    for (const prompt of ['push the cube across the desk', 'the cube slides across the desk']) {
      const s = { ...scene([object('cube', rect(600, 300, 60, 60), { label: 'cube' })], [], { x: 0, y: 0 }), view: 'top-down' } as Scene;
      const p = await plan(prompt, s);
      const x = (p.physics.tracks.find((t) => t.id === 'cube') as { x: number[] }).x;
      expect(Math.abs((x.at(-1) as number) - (x[0] as number))).toBeGreaterThan(60);
      expect(Math.abs((x.at(-1) as number) - (x.at(-3) as number))).toBeLessThan(Math.abs((x[2] as number) - (x[0] as number)));
    }
  });
});
