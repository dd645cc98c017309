import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScene, type Proposal } from '../../shared/scene/build';
import { isKnownThing } from '../../shared/scene/lexicon';
import { parsePrompt } from '../../shared/scene/nouns';
import { encodeRle } from '../../shared/scene/rle';
import { loadPhotos } from '../helpers/perceive-eval';
import { circle, rect } from '../helpers/scenes';

function proposal(polygon: Array<{ x: number; y: number }>, colour: [number, number, number], detection?: Proposal['detection']): Proposal {
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  return {
    polygon,
    bbox: { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) },
    colour: { r: colour[0], g: colour[1], b: colour[2] },
    mask: encodeRle(new Uint8Array(4), 2, 2),
    ...(detection ? { detection } : {}),
  };
}

const VERBS = [
  'falls',
  'drops',
  'bounces',
  'rolls',
  'slides',
  'tips',
  'topples',
  'flies',
  'launches',
  'floats',
  'sinks',
  'spins',
  'lands',
  'rises',
  'tumbles',
  'shatters',
];
const PLACES = ['sky', 'left', 'right', 'top', 'bottom', 'air', 'distance', 'ground', 'floor', 'background', 'side', 'middle', 'edge', 'corner'];
const THINGS = ['orange', 'apple', 'ball', 'cup', 'lemon', 'rocket', 'basketball', 'soccer ball', 'glass', 'cat', 'bottle', 'book', 'egg', 'box'];
const ADVERBS = ['slowly', 'quickly', 'gently', 'hard', 'fast', ''];
const PREPS = ['into the', 'onto the', 'to the', 'off the', 'across the', 'toward the', 'down to the', 'up into the'];

describe('prompt grounding', () => {
  it('never makes a verb, an adverb, a direction or a place into an object label (property over generated prompts)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...THINGS),
        fc.constantFrom(...VERBS),
        fc.constantFrom(...ADVERBS),
        fc.constantFrom(...PREPS),
        fc.constantFrom(...PLACES),
        fc.constantFrom('The', 'the', 'A', 'an', 'my'),
        (thing, verb, adverb, prep, place, det) => {
          const prompt = `${det} ${thing} ${verb} ${adverb} ${prep} ${place}`.replace(/\s+/g, ' ');
          const nouns = parsePrompt(prompt, isKnownThing).phrases.map((p) => p.noun);
          expect(nouns, prompt).toEqual([thing]);
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('labels regions only with nouns on the prompts of the real-photo set and of the issue', () => {
    const prompts = [
      'The orange falls and bounces',
      'the rocket launches into the sky',
      'the cup on the left slides to the right',
      'the apple drops',
      'two men pass the basketball',
      ...loadPhotos().flatMap((p) => p.cases.map((c) => c.prompt)),
    ];
    const bad = new Set([
      ...VERBS.map((v) => v.replace(/e?s$/, '')),
      ...VERBS,
      ...PLACES,
      'fall',
      'drop',
      'bounce',
      'slide',
      'take',
      'march',
      'there',
      'i',
      'gravity',
      'time',
      'away',
      'over',
      'still',
    ]);
    for (const prompt of prompts) {
      const detections = [proposal(circle(200, 200, 40), [230, 140, 30], { cocoClass: 'orange', score: 0.6, outline: 'grabcut' })];
      const { scene } = buildScene({ width: 800, height: 600, proposals: detections, prompt });
      for (const o of scene.objects) expect(bad.has(o.label), `${prompt} → ${o.label}`).toBe(false);
      for (const p of parsePrompt(prompt, isKnownThing).phrases) expect(bad.has(p.noun), `${prompt} → ${p.noun}`).toBe(false);
    }
  }, 60_000);

  it('never takes an auxiliary or a negation before a verb for a thing ("the red flower doesn\'t move")', () => {
    for (const [prompt, nouns] of [
      ["the red flower doesn't move", ['flower']],
      ['the castle will not fall', ['castle']],
      ['the can rolls off the shelf', ['can', 'shelf']],
    ] as const)
      expect(
        parsePrompt(prompt, isKnownThing).phrases.map((p) => p.noun),
        prompt,
      ).toEqual(nouns);
  });

  it('keeps a container and its contents apart: "a glass of water" is a glass holding water', () => {
    const parse = parsePrompt('a glass of water tips over on the table', isKnownThing);
    expect(parse.phrases.map((p) => [p.noun, p.containedIn ?? null])).toEqual([
      ['glass', null],
      ['water', 'glass'],
      ['table', null],
    ]);
    const bowl = proposal(rect(300, 300, 200, 80), [220, 220, 220], { cocoClass: 'bowl', score: 0.7, outline: 'grabcut' });
    const apple = proposal(circle(400, 290, 30), [200, 30, 30], { cocoClass: 'apple', score: 0.6, outline: 'grabcut' });
    const { scene } = buildScene({ width: 800, height: 600, proposals: [bowl, apple], prompt: 'a bowl of apples falls off the shelf' });
    const [b, a] = scene.objects;
    expect([b?.label, a?.label]).toEqual(['bowl', 'apple']);
    expect(a?.containedIn).toBe(b?.id);
    expect(b?.containedIn).toBeUndefined();
  });

  it('matches nouns to detections by class, synonym and family, then by position, and records how', () => {
    const orange = proposal(circle(150, 300, 40), [240, 140, 30], { cocoClass: 'orange', score: 0.5, outline: 'grabcut' });
    const person = proposal(rect(400, 50, 150, 500), [90, 60, 50], { cocoClass: 'person', score: 0.8, outline: 'grabcut' });
    const ball = proposal(circle(650, 500, 30), [200, 100, 40], { cocoClass: 'sports ball', score: 0.4, outline: 'grabcut' });
    const { scene } = buildScene({ width: 800, height: 600, proposals: [orange, person, ball], prompt: 'the lemon rolls toward the basketball' });
    const byLabel = Object.fromEntries(scene.objects.map((o) => [o.label, o.grounding?.via ?? null]));
    expect(byLabel).toEqual({ lemon: 'family', person: null, basketball: 'synonym' });
    // The motion is the lemon's; the person is not named, so it stays put.
    expect(scene.objects.find((o) => o.id === scene.subjectId)?.label).toBe('lemon');
    expect(scene.objects.find((o) => o.label === 'person')?.dynamic).toBe(false);

    const left = proposal(rect(100, 300, 60, 60), [240, 240, 240], { cocoClass: 'cup', score: 0.5, outline: 'grabcut' });
    const right = proposal(rect(600, 300, 60, 60), [240, 240, 240], { cocoClass: 'cup', score: 0.7, outline: 'grabcut' });
    const cups = buildScene({ width: 800, height: 600, proposals: [left, right], prompt: 'the cup on the left slides' }).scene;
    expect(cups.objects.map((o) => [o.label, o.grounding?.via ?? null])).toEqual([
      ['cup', 'position'],
      ['cup', null],
    ]);
    expect(cups.subjectId).toBe('o1');
  });

  it('says plainly when a named object is not found, and never forces it onto an unrelated detection', () => {
    const person = proposal(rect(400, 50, 150, 500), [90, 60, 50], { cocoClass: 'person', score: 0.8, outline: 'grabcut' });
    const { scene, notices } = buildScene({ width: 800, height: 600, proposals: [person], prompt: 'two men pass the basketball' });
    expect(scene.missing).toEqual(['basketball']);
    expect(notices).toContain('I could not find the basketball: click it in the picture.');
    expect(scene.objects.some((o) => o.label === 'basketball')).toBe(false);
  });

  it('takes a whole object over a sliver cut by the frame, a round thing by its shape, a thing before its support', () => {
    const person = (x: number, w: number, score: number) => proposal(rect(x, 50, w, 150), [80, 80, 80], { cocoClass: 'person', score, outline: 'grabcut' });
    const guards = buildScene({
      width: 320,
      height: 240,
      proposals: [person(0, 25, 0.44), person(40, 60, 0.47), person(200, 60, 0.54)],
      prompt: 'the soldier on the left marches away',
    }).scene;
    expect(guards.objects.map((o) => o.label)).toEqual(['person', 'soldier', 'person']);

    const sliver = proposal(rect(0, 300, 25, 50), [250, 250, 250]);
    const ball = proposal(circle(250, 430, 15), [225, 225, 225]);
    const pool = buildScene({ width: 800, height: 600, proposals: [sliver, ball], prompt: 'the white ball rolls away' }).scene;
    expect(pool.objects.find((o) => o.label === 'ball')?.id).toBe('o2');

    const pencil = proposal(rect(10, 10, 300, 90), [200, 170, 60]);
    const crumb = proposal(rect(300, 110, 12, 12), [90, 90, 90]);
    const desk = buildScene({ width: 320, height: 137, proposals: [pencil, crumb], prompt: 'pencil rolls across the desk' }).scene;
    expect(desk.objects[0]?.label).toBe('pencil');

    // "Little" says how big the robot is, not that it is the smallest unnamed region.
    const robot = proposal(rect(60, 30, 200, 230), [150, 150, 160]);
    const speck = proposal(rect(10, 270, 12, 12), [60, 60, 60]);
    const toy = buildScene({ width: 300, height: 300, proposals: [speck, robot], prompt: 'the little toy robot tips over' }).scene;
    expect(toy.objects.find((o) => o.label === 'toy robot')?.id).toBe('o2');
  });

  it('gives the motion to what a transitive verb acts on', () => {
    const person = proposal(rect(100, 50, 150, 500), [90, 60, 50], { cocoClass: 'person', score: 0.8, outline: 'grabcut' });
    const ball = proposal(circle(650, 500, 30), [200, 100, 40], { cocoClass: 'sports ball', score: 0.5, outline: 'grabcut' });
    const { scene } = buildScene({ width: 800, height: 600, proposals: [person, ball], prompt: 'the boy kicks the football' });
    expect(scene.objects.find((o) => o.id === scene.subjectId)?.label).toBe('football');
  });
});
