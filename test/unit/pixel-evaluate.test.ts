import { describe, expect, it } from 'vitest';
import { evaluateFrames } from '../../electron/engine/evaluate';
import { type EvalIntent, type EvalObject, PixelEvaluationSchema } from '../../shared/evaluate/schema';
import type { Raster } from '../../shared/preview/raster';
import { encodeRle } from '../../shared/scene/rle';
import { clip, type Disc, discObject, drawFrame, FPS, FRAMES, fallPath, G, H, R, TABLE, TABLE_SURFACE, W } from '../helpers/synthetic-clips';

const FALL: EvalIntent = { kind: 'fall', subjectIds: ['disc'] };

async function judge(frames: Raster[], start: Disc, intent: EvalIntent = FALL, g = G) {
  const e = await evaluateFrames({
    frames,
    width: W,
    height: H,
    fps: FPS,
    objects: [discObject(start)],
    intent,
    gravityPxPerS2: { x: 0, y: g },
    surfaces: [TABLE_SURFACE],
  });
  PixelEvaluationSchema.parse(e);
  return e;
}

const failed = (e: Awaited<ReturnType<typeof judge>>) => e.checks.filter((c) => c.applicable && !c.pass).map((c) => c.id);

describe('pixel evaluator: one synthetic clip per check, each breaking only that check', () => {
  it('passes a clean fall onto the table on every check, measuring the fall from the pixels', async () => {
    const path = fallPath();
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual([]);
    expect(e.verdict).toBe('plausible');
    expect(e.score).toBeGreaterThanOrEqual(90);
    for (const id of ['intent', 'gravity_fit', 'support_penetration', 'no_teleport', 'in_frame'] as const) {
      expect(e.checks.find((c) => c.id === id)?.applicable).toBe(true);
    }
    // The measured track follows the drawn disc.
    const track = e.tracks[0];
    expect(track?.y[10]).toBeCloseTo(path[10]?.cy as number, -0.5);
    expect(track?.pieces.every((p) => p === 1)).toBe(true);
  });

  it('fails only "no teleport" when the disc jumps sideways once', async () => {
    const path = fallPath().map((d, f) => (f >= 8 ? { ...d, cx: d.cx + 45 } : d));
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['no_teleport']);
    expect(e.verdict).toBe('implausible');
    expect(e.score).toBeLessThanOrEqual(59);
    expect(e.checks.find((c) => c.id === 'no_teleport')?.reason).toMatch(/jumps/);
  });

  it('fails only "no vanishing or splitting" when the disc vanishes mid-frame', async () => {
    const path = fallPath().map((d, f) => (f >= 10 ? null : d));
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['no_vanish_split']);
    expect(e.checks.find((c) => c.id === 'no_vanish_split')?.reason).toMatch(/vanishes/);
  });

  it('fails only "no vanishing or splitting" when the disc splits in two', async () => {
    const path = fallPath().map((d, f) => ({ ...d, split: f >= 6 ? 1 + 1.2 * (f - 6) : 0 }));
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['no_vanish_split']);
    expect(e.checks.find((c) => c.id === 'no_vanish_split')?.reason).toMatch(/splits/);
  });

  it('fails only "gravity fit" when the disc falls at twice the scene\'s gravity', async () => {
    const path = fallPath({ g: 2 * G });
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['gravity_fit']);
    expect(e.checks.find((c) => c.id === 'gravity_fit')?.reason).toMatch(/(19\d|2\d\d)% of the scene's gravity/);
  });

  it('fails only "gravity fit" when the disc falls at a constant speed (a physics-unaware baseline)', async () => {
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 100, cy: Math.min(TABLE - R, 30 + 4 * f) }));
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['gravity_fit']);
    expect(e.checks.find((c) => c.id === 'gravity_fit')?.reason).toMatch(/constant speed/);
  });

  it('fails only "gravity fit" for a constant-speed fall under a real-world scale\'s gravity, where g adds more per frame than a hit', async () => {
    // 4000 px/s² is 9.8 m/s² at about 410 px/m: gravity alone would add 7 px/frame of speed, more
    // than the size-based hit threshold, so a steady fall must not be read as a hit every frame.
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 100, cy: Math.min(TABLE - R, 30 + 2.5 * f) }));
    const e = await judge(clip(path), path[0] as Disc, FALL, 4000);
    expect(failed(e)).toEqual(['gravity_fit']);
    expect(e.checks.find((c) => c.id === 'gravity_fit')?.reason).toMatch(/constant speed/);
  });

  it('fails only "support" when the disc stops in mid-air above the table', async () => {
    const path = fallPath({ stopAt: TABLE - 18 });
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['support_penetration']);
    expect(e.checks.find((c) => c.id === 'support_penetration')?.reason).toMatch(/above the surface/);
  });

  it('does not call a disc hovering that was pushed along the level the picture shows it resting on, where no line is known', async () => {
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 60 + 3 * Math.min(f, 15), cy: 60 }));
    const e = await judge(clip(path), path[0] as Disc, { kind: 'push', subjectIds: ['disc'], direction: { x: 1, y: 0 } });
    expect(failed(e)).toEqual([]);
  });

  it('fails only "support" when a tall block sinks out through a floor near the bottom edge, its box cut by the frame', async () => {
    // A 20×60 block standing on a line 6 px above the frame's bottom, sinking at a steady 1.2 px a
    // frame: the visible box can never reach deeper than 6 px, under its tolerance of 9.
    const floorY = H - 6;
    const paintBlock = (cy: number): Raster => {
      const frame = drawFrame([]);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          if (Math.abs(x + 0.5 - 100) > 10 || Math.abs(y + 0.5 - cy) > 30) continue;
          const stripe = Math.floor((y + 0.5 - cy + 30) / 5) % 2 === 0;
          frame.data.set([stripe ? 235 : 200, stripe ? 60 : 35, 40, 255], 4 * (y * W + x));
        }
      return frame;
    };
    const cy0 = floorY - 30;
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = Math.abs(x + 0.5 - 100) <= 10 && Math.abs(y + 0.5 - cy0) <= 30 ? 1 : 0;
    const block: EvalObject = { id: 'block', label: 'block', mask: encodeRle(mask, W, H), bbox: { x: 90, y: cy0 - 30, w: 20, h: 60 }, dynamic: true };
    const e = await evaluateFrames({
      frames: Array.from({ length: FRAMES }, (_, f) => paintBlock(cy0 + 1.2 * f)),
      width: W,
      height: H,
      fps: FPS,
      objects: [block],
      // No motion named: only the support check has anything to say.
      intent: { kind: 'none', subjectIds: [] },
      gravityPxPerS2: { x: 0, y: G },
      surfaces: [
        {
          id: 'floor',
          points: [
            { x: 0, y: floorY },
            { x: W, y: floorY },
          ],
        },
      ],
    });
    expect(failed(e)).toEqual(['support_penetration']);
    expect(e.checks.find((c) => c.id === 'support_penetration')?.reason).toMatch(/sinks/);
  });

  it('fails only "support" when a tall block asked to topple turns about its middle, its foot lifting off the table', async () => {
    // 12×40, standing on the table; a physics-unaware tip turns it a quarter about its centre.
    const cy = TABLE - 20;
    const paint = (a: number): Raster => {
      const frame = drawFrame([]);
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const u = (x + 0.5 - 100) * cos + (y + 0.5 - cy) * sin;
          const v = -(x + 0.5 - 100) * sin + (y + 0.5 - cy) * cos;
          if (Math.abs(u) > 6 || Math.abs(v) > 20) continue;
          const stripe = Math.floor((v + 20) / 5) % 2 === 0;
          frame.data.set([stripe ? 235 : 200, stripe ? 60 : 35, 40, 255], 4 * (y * W + x));
        }
      return frame;
    };
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = Math.abs(x + 0.5 - 100) <= 6 && Math.abs(y + 0.5 - cy) <= 20 ? 1 : 0;
    const block: EvalObject = { id: 'block', label: 'block', mask: encodeRle(mask, W, H), bbox: { x: 94, y: cy - 20, w: 12, h: 40 }, dynamic: true };
    const e = await evaluateFrames({
      frames: Array.from({ length: FRAMES }, (_, f) => paint((Math.PI / 2) * Math.min(1, f / 18))),
      width: W,
      height: H,
      fps: FPS,
      objects: [block],
      intent: { kind: 'topple', subjectIds: ['block'] },
      gravityPxPerS2: { x: 0, y: G },
      surfaces: [TABLE_SURFACE],
    });
    expect(failed(e)).toEqual(['support_penetration']);
    expect(e.checks.find((c) => c.id === 'support_penetration')?.reason).toMatch(/lifts .* off what it stood on/);
  });

  it('lets a thing asked to bounce hop a little off what it rests on, in place', async () => {
    // A low hop straight up and back: the lift-off fault (turning about its middle) is not for a
    // motion that leaves the support by itself.
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 100, cy: TABLE - R - (f >= 4 && f < 14 ? 5 : 0) }));
    const e = await judge(clip(path), path[0] as Disc, { kind: 'bounce', subjectIds: ['disc'] });
    expect(e.checks.find((c) => c.id === 'support_penetration')?.pass).toBe(true);
  });

  it('fails only "support" when the disc sinks into the table', async () => {
    const path = fallPath({ stopAt: TABLE + 12 });
    const e = await judge(clip(path), path[0] as Disc);
    expect(failed(e)).toEqual(['support_penetration']);
    expect(e.checks.find((c) => c.id === 'support_penetration')?.reason).toMatch(/sinks/);
  });

  it('does not call a disc hovering that sits where the picture shows it, a few pixels above the table line', async () => {
    const rest: Disc = { cx: 100, cy: TABLE - R - 4 };
    const path = Array.from({ length: FRAMES }, () => rest);
    const e = await judge(clip(path), rest, { kind: 'still', subjectIds: ['disc'] });
    expect(failed(e)).toEqual([]);
    expect(e.verdict).toBe('plausible');
  });

  it('fails only "intent" when the prompt says it falls and it stays put', async () => {
    const rest: Disc = { cx: 100, cy: TABLE - R };
    const path = Array.from({ length: FRAMES }, () => rest);
    const e = await judge(clip(path), rest);
    expect(failed(e)).toEqual(['intent']);
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/did not move/);
  });

  it('fails only "intent" when the prompt says it stays still and it slides along the table', async () => {
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 60 + 2 * f, cy: TABLE - R }));
    const e = await judge(clip(path), path[0] as Disc, { kind: 'still', subjectIds: [] });
    expect(failed(e)).toEqual(['intent']);
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/stays still/);
  });

  it('fails only "intent" when the prompt says nothing moves and an object no one named moves', async () => {
    const path = Array.from({ length: FRAMES }, (_, f) => ({ cx: 60 + 2 * f, cy: TABLE - R }));
    const e = await evaluateFrames({
      frames: clip(path),
      width: W,
      height: H,
      fps: FPS,
      objects: [],
      intent: { kind: 'still', subjectIds: [] },
      surfaces: [TABLE_SURFACE],
    });
    expect(failed(e)).toEqual(['intent']);
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/of the picture changes/);
  });

  it('fails only "intent" when the named object stays put and another one falls in its place', async () => {
    // A baseline that moves the wrong thing: the judge follows the object the prompt names.
    const named: Disc = { cx: 40, cy: TABLE - R };
    const other = fallPath({ cx: 150 });
    const frames = other.map((d) => drawFrame([named, d]));
    const e = await evaluateFrames({
      frames,
      width: W,
      height: H,
      fps: FPS,
      objects: [discObject(named), discObject(other[0] as Disc, 'other', 'cup')],
      intent: FALL,
      gravityPxPerS2: { x: 0, y: G },
      surfaces: [TABLE_SURFACE],
    });
    expect(failed(e)).toEqual(['intent']);
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/ball to fall, but it did not move/);
  });

  it('fails only "intent" when the named object cannot be followed by its colours and never moves', async () => {
    // Named, but its mask lies on the wall where no disc is drawn: the colour model finds nothing to follow.
    const path = fallPath({ cx: 150 });
    const ghost: Disc = { cx: 40, cy: 60 };
    const e = await evaluateFrames({
      frames: clip(path),
      width: W,
      height: H,
      fps: FPS,
      objects: [{ ...discObject(ghost), dynamic: true }, discObject(path[0] as Disc, 'other', 'cup')],
      intent: FALL,
      gravityPxPerS2: { x: 0, y: G },
      surfaces: [TABLE_SURFACE],
    });
    expect(failed(e)).toEqual(['intent']);
    expect(e.checks.find((c) => c.id === 'intent')?.reason).toMatch(/did not move/);
  });

  it('fails only "intent" when a block asked to slide tumbles end over end instead', async () => {
    // A 40×12 striped block moving right along the table; in the bad clip it also turns a quarter.
    const block = (f: number, turn: number) => {
      const a = (turn * f) / (FRAMES - 1);
      const half = 20 * Math.abs(Math.sin(a)) + 6 * Math.abs(Math.cos(a));
      return { cx: 50 + 2.5 * f, cy: TABLE - half, a };
    };
    const paint = (b: { cx: number; cy: number; a: number }): Raster => {
      const frame = drawFrame([]);
      const cos = Math.cos(b.a);
      const sin = Math.sin(b.a);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const u = (x + 0.5 - b.cx) * cos + (y + 0.5 - b.cy) * sin;
          const v = -(x + 0.5 - b.cx) * sin + (y + 0.5 - b.cy) * cos;
          if (Math.abs(u) > 20 || Math.abs(v) > 6) continue;
          const o = 4 * (y * W + x);
          const stripe = Math.floor((u + 20) / 5) % 2 === 0;
          frame.data.set([stripe ? 235 : 200, stripe ? 60 : 35, 40, 255], o);
        }
      return frame;
    };
    const mask = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = Math.abs(x + 0.5 - 50) <= 20 && Math.abs(y + 0.5 - (TABLE - 6)) <= 6 ? 1 : 0;
    const object: EvalObject = { id: 'block', label: 'block', mask: encodeRle(mask, W, H), bbox: { x: 30, y: TABLE - 12, w: 40, h: 12 }, dynamic: true };
    const slide: EvalIntent = { kind: 'slide', subjectIds: ['block'], direction: { x: 1, y: 0 } };
    const judgeBlock = (turn: number) =>
      evaluateFrames({
        frames: Array.from({ length: FRAMES }, (_, f) => paint(block(f, turn))),
        width: W,
        height: H,
        fps: FPS,
        objects: [object],
        intent: slide,
        gravityPxPerS2: { x: 0, y: G },
        surfaces: [TABLE_SURFACE],
      });
    expect(failed(await judgeBlock(0))).toEqual([]);
    const tumbling = await judgeBlock(Math.PI / 2);
    expect(failed(tumbling)).toEqual(['intent']);
    expect(tumbling.checks.find((c) => c.id === 'intent')?.reason).toMatch(/tumbling/);
  });

  it('fails only "stays in frame" when the disc leaves the frame early', async () => {
    const path = fallPath({ vx: 300, cx: 110 });
    const e = await judge(clip(path), path[0] as Disc, { kind: 'throw', subjectIds: ['disc'], direction: { x: 1, y: 0 } });
    expect(failed(e)).toEqual(['in_frame']);
    // Unless the prompt says it leaves.
    const leaving = await judge(clip(path), path[0] as Disc, { kind: 'throw', subjectIds: ['disc'], direction: { x: 1, y: 0 }, leavesFrame: true });
    expect(failed(leaving)).toEqual([]);
  });

  it('fails only "background" when the background shifts', async () => {
    const path = fallPath();
    const e = await judge(
      clip(path, (f) => ({ shift: f >= 12 ? 4 : 0 })),
      path[0] as Disc,
    );
    expect(failed(e)).toEqual(['background_stable']);
  });

  it('fails only "artefacts" when a black hole is left where the disc was', async () => {
    const path = fallPath();
    const e = await judge(
      clip(path, (f) => ({ hole: f >= 6 ? R : 0 })),
      path[0] as Disc,
    );
    expect(failed(e)).toEqual(['artefacts']);
    expect(e.checks.find((c) => c.id === 'artefacts')?.reason).toMatch(/black hole/);
  });

  it('fails only "artefacts" when the fill where the disc was is a flat smudge', async () => {
    const path = fallPath();
    const e = await judge(
      clip(path, (f) => ({ smudge: f >= 6 })),
      path[0] as Disc,
    );
    expect(failed(e)).toEqual(['artefacts']);
    expect(e.checks.find((c) => c.id === 'artefacts')?.reason).toMatch(/smear|smudge/);
  });
});
