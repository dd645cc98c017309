import { describe, expect, it } from 'vitest';
import { evaluateFrames } from '../../electron/engine/evaluate';
import { type EvalIntent, PixelEvaluationSchema } from '../../shared/evaluate/schema';
import type { Raster } from '../../shared/preview/raster';
import { clip, type Disc, discObject, FPS, FRAMES, fallPath, G, H, R, TABLE, TABLE_SURFACE, W } from '../helpers/synthetic-clips';

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
