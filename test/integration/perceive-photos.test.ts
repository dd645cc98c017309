import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { perceive } from '../../electron/engine/perceive/perceive';
import { rollout } from '../../shared/physics/rollout';
import { type Scene, SceneSchema } from '../../shared/scene/schema';
import { withView } from '../../shared/scene/view';
import { PHOTOS_DIR } from '../helpers/perceive-eval';

const photo = (id: string) => join(PHOTOS_DIR, `${id}.jpg`);

type Box = { x: number; y: number; w: number; h: number };
function iou(a: Box | undefined, b: Box): number {
  if (!a) return 0;
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return iw > 0 && ih > 0 ? (iw * ih) / (a.w * a.h + b.w * b.h - iw * ih) : 0;
}

/** Largest vertical drift of any dynamic object over the rollout, pixels. */
async function drop(scene: Scene, seconds = 1): Promise<number> {
  const r = await rollout(scene, { seconds, fps: 24 });
  let worst = 0;
  for (const t of r.tracks) {
    if (!scene.objects.find((o) => o.id === t.id)?.dynamic) continue;
    for (let f = 0; f < r.frames; f++) worst = Math.max(worst, Math.abs((t.y[f] as number) - (t.y[0] as number)));
  }
  return worst;
}

describe('perception of real photos', () => {
  it('a top-down photo gives in-plane motion: no gravity in the picture, no ground, a push slides the object in the plane', async () => {
    const p = await perceive(photo('spoons-top-down'), { prompt: 'the big spoon on the left slides across the tablecloth', view: 'top-down' });
    const scene = SceneSchema.parse(p.scene);
    expect(scene.view).toBe('top-down');
    expect(scene.viewSource?.provenance).toBe('user');
    expect(scene.gravity).toEqual({ x: 0, y: 0 });
    expect(scene.surfaces).toEqual([]);
    expect(scene.objects.some((o) => o.dynamic)).toBe(true);
    // Nothing falls down the screen (regions that overlap in the photo may settle by a pixel or two).
    expect(await drop(scene)).toBeLessThan(3);
    // Pushed sideways (to the left: the next spoon lies against its right side), the subject moves sideways and does not sink.
    const subject = scene.subjectId ?? scene.objects.find((o) => o.dynamic)?.id;
    const pushed = { ...scene, objects: scene.objects.map((o) => (o.id === subject ? { ...o, velocity: { x: -120, y: 0 } } : o)) };
    const r = await rollout(pushed, { seconds: 1, fps: 24 });
    const track = r.tracks.find((t) => t.id === subject);
    expect(track).toBeDefined();
    const dx = (track?.x[r.frames - 1] as number) - (track?.x[0] as number);
    const dy = (track?.y[r.frames - 1] as number) - (track?.y[0] as number);
    expect(dx).toBeLessThan(-20);
    expect(Math.abs(dy)).toBeLessThan(Math.abs(dx) * 0.2);
    // Switched back to a side view, the same scene falls again.
    expect(await drop(withView(scene, 'side'))).toBeGreaterThan(5);
  }, 120_000);

  it('takes the view from the prompt when it says so', async () => {
    const p = await perceive(photo('pencil-top-down'), { prompt: 'seen from above, the pencil rolls across the desk' });
    expect(p.scene.view).toBe('top-down');
    expect(p.scene.viewSource?.provenance).toBe('prompt');
    expect(p.scene.gravity).toEqual({ x: 0, y: 0 });
  }, 120_000);

  it('keeps the scale a property of the photo: other prompts, same scale; a stated size changes it', async () => {
    const prompts = ['the vase tips over', 'nothing happens at all', 'the red armchair at the front tips over'];
    const scales = [];
    for (const prompt of prompts) scales.push((await perceive(photo('room-chairs-table'), { prompt, seconds: 1 })).scene.scale);
    expect(scales[0]?.provenance).toBe('model');
    expect(new Set(scales.map((s) => s.pixelsPerMetre)).size).toBe(1);
    const stated = (await perceive(photo('room-chairs-table'), { prompt: 'the 50 cm vase tips over', seconds: 1 })).scene.scale;
    expect(stated.provenance).toBe('prompt');
    expect(stated.reference?.sizeM).toBeCloseTo(0.5);
  }, 240_000);

  it('gives whole objects physical masses of the right order, with the estimate stated', async () => {
    const p = await perceive(photo('dog-floor-closeup'), { prompt: 'my dog slides across the wooden floor', seconds: 1 });
    const dog = p.scene.objects.find((o) => o.label === 'dog');
    expect(dog?.detection?.cocoClass).toBe('dog');
    expect(dog?.dynamic).toBe(true);
    expect(dog?.estimate?.basis).toMatch(/kg\/m³/);
    // A dog weighs kilograms, not grams or tonnes.
    expect(dog?.params.mass).toBeGreaterThan(2);
    expect(dog?.params.mass).toBeLessThan(150);
  }, 120_000);

  it('guesses a thing no detector class can be from what stands out in the picture, and says it guessed', async () => {
    // keyfob-toy.jpg: a toy robot keyring; the hand-drawn box of the robot is 50,17,242,258 (300×300).
    const p = await perceive(photo('keyfob-toy'), { prompt: 'the toy robot falls down', seconds: 1 });
    const robot = p.scene.objects.find((o) => o.label === 'toy robot');
    const key = { x: 50, y: 17, w: 242, h: 258 };
    const b = robot?.bbox ?? { x: 0, y: 0, w: 0, h: 0 };
    const iw = Math.min(b.x + b.w, key.x + key.w) - Math.max(b.x, key.x);
    const ih = Math.min(b.y + b.h, key.y + key.h) - Math.max(b.y, key.y);
    const overlap = iw > 0 && ih > 0 ? (iw * ih) / (b.w * b.h + key.w * key.h - iw * ih) : 0;
    expect(overlap).toBeGreaterThanOrEqual(0.5);
    expect(robot?.dynamic).toBe(true);
    expect(p.notices).toContain('I guessed the toy robot is the thing that stands out in the picture; click it if not.');
  }, 120_000);

  it('finds a tool no detector class can be as the thing that stands out, whole (shaft and handle)', async () => {
    // screwdriver-dark-top-down.jpg (320×240): hand-drawn box of the whole screwdriver 28,46,256,152.
    const p = await perceive(photo('screwdriver-dark-top-down'), { prompt: 'the screwdriver rolls off the table', seconds: 1 });
    const tool = p.scene.objects.find((o) => o.label === 'screwdriver');
    expect(tool?.detection).toBeUndefined();
    expect(iou(tool?.bbox, { x: 28, y: 46, w: 256, h: 152 })).toBeGreaterThanOrEqual(0.5);
    expect(p.notices).toContain('I guessed the screwdriver is the thing that stands out in the picture; click it if not.');
  }, 120_000);

  it('estimates a view from above from the photo alone (one surface all round the frame): motion stays in the plane', async () => {
    const p = await perceive(photo('screwdriver-carpet'), { prompt: 'the screwdriver rolls across the floor', seconds: 1 });
    const scene = SceneSchema.parse(p.scene);
    expect(scene.view).toBe('top-down');
    expect(scene.viewSource?.provenance).toBe('appearance');
    expect(scene.viewSource?.reason).toMatch(/one surface runs all round the frame/);
    expect(scene.gravity).toEqual({ x: 0, y: 0 });
    expect(scene.surfaces).toEqual([]);
    expect(await drop(scene)).toBeLessThan(3);
    // A photo with sky above and ground below stays a side view.
    expect((await perceive(photo('castle-maintenon'), { prompt: 'the castle stays where it is', seconds: 1 })).scene.view).toBe('side');
  }, 180_000);

  it('offers to downscale an image too large to perceive, and does so when asked', async () => {
    const big = await sharp({ create: { width: 10_000, height: 8_200, channels: 3, background: { r: 90, g: 120, b: 160 } } })
      .composite([{ input: await sharp(photo('dog-floor-closeup')).resize(4000).toBuffer(), left: 3000, top: 2000 }])
      .jpeg({ quality: 70 })
      .toBuffer();
    await expect(perceive(big)).rejects.toMatchObject({ code: 'payload_too_large', details: ['downscale'], hint: expect.stringMatching(/downscaled copy/) });
    const p = await perceive(big, { downscale: true, prompt: 'the dog slides', seconds: 1 });
    expect(Math.max(p.scene.image.width, p.scene.image.height)).toBeLessThanOrEqual(1024);
    expect(p.notices.join(' ')).toMatch(/10000×8200\) was perceived from a downscaled copy/);
    expect(p.scene.objects.some((o) => o.label === 'dog')).toBe(true);
  }, 180_000);
});
