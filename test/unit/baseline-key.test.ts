import { describe, expect, it } from 'vitest';
import { type RunInputs, staleness } from '../../renderer/src/stores/run-inputs';
import { planClips } from '../../shared/motion/plan';
import { analyze } from '../../shared/refine/analyze';
import type { Refinement } from '../../shared/refine/schema';
import { type BaselineInputs, baselineChanges, baselineKey, runInputsKey } from '../../shared/run/baseline-key';
import { DEFAULT_SETTINGS } from '../../shared/run/schema';
import type { Scene, SceneObject } from '../../shared/scene/schema';
import { circle, object, rect, scene, surface } from '../helpers/scenes';

const PROMPT = 'The ball is thrown at the bottle';
const base: Scene = scene(
  [object('ball', circle(300, 500, 25)), object('bottle', rect(700, 480, 40, 120)), object('table', rect(100, 600, 800, 40), { dynamic: false })],
  [
    surface('floor', [
      { x: -500, y: 700 },
      { x: 1500, y: 700 },
    ]),
  ],
);
const inputs = (patch: Partial<BaselineInputs> = {}): BaselineInputs => ({
  image: '/lib/inputs/a.png',
  prompt: PROMPT,
  refinement: null,
  scene: base,
  ...patch,
});
const withObject = (id: string, change: (o: SceneObject) => SceneObject): Scene => ({
  ...base,
  objects: base.objects.map((o) => (o.id === id ? change(o) : o)),
});

/** Edits that only the simulation reads: the baseline must not change under any of them. */
const PHYSICS_ONLY: Array<[string, Scene]> = [
  ['gravity', { ...base, gravity: { x: 0, y: 1.62 } }],
  ['mass', withObject('ball', (o) => ({ ...o, params: { ...o.params, mass: 3, density: 30 } }))],
  ['friction', withObject('ball', (o) => ({ ...o, params: { ...o.params, friction: 1.5 } }))],
  ['bounciness', withObject('bottle', (o) => ({ ...o, params: { ...o.params, restitution: 0.9 } }))],
  ['damping', withObject('ball', (o) => ({ ...o, params: { ...o.params, linearDamping: 2, angularDamping: 1 } }))],
  ['push arrow', withObject('ball', (o) => ({ ...o, velocity: { x: 400, y: -200 }, provenance: { ...o.provenance, velocity: 'user' } }))],
  ['material', withObject('ball', (o) => ({ ...o, material: { name: 'steel', confidence: 1 } }))],
  ['surface friction', { ...base, surfaces: base.surfaces.map((s) => ({ ...s, friction: 0.1, restitution: 0.8 })) }],
  ['interactions', { ...base, interactions: [{ type: 'collides_with', a: 'ball', b: 'bottle', tStart: 0.5, confidence: 1 }] }],
];

/** Edits the baseline depends on, with the words the refusal uses for them. */
const BASELINE: Array<[string, Partial<BaselineInputs>, string]> = [
  ['prompt', { prompt: 'The ball rolls to the right' }, 'the prompt'],
  ['static', { scene: withObject('bottle', (o) => ({ ...o, dynamic: false })) }, 'which objects move'],
  ['outline', { scene: withObject('ball', (o) => ({ ...o, polygon: circle(310, 500, 30) })) }, 'the objects (their names, outlines or masks)'],
  ['mask', { scene: withObject('ball', (o) => ({ ...o, mask: { width: 4, height: 1, counts: [1, 2, 1] } })) }, 'the objects (their names, outlines or masks)'],
  ['label', { scene: withObject('bottle', (o) => ({ ...o, label: 'vase' })) }, 'the objects (their names, outlines or masks)'],
  ['scale', { scene: { ...base, scale: { pixelsPerMetre: 250, provenance: 'user' } } }, 'the scale'],
  ['image', { image: '/lib/inputs/b.png' }, 'the picture'],
  [
    'surface shape',
    {
      scene: {
        ...base,
        surfaces: [
          surface('floor', [
            { x: -500, y: 690 },
            { x: 1500, y: 690 },
          ]),
        ],
      },
    },
    'the surfaces’ shape',
  ],
];

const plan = (i: BaselineInputs) =>
  planClips(i.scene, i.prompt, i.refinement?.analysis ?? analyze(i.prompt).analysis, { seconds: 1.5, fps: 12, seed: 3, scale: 0.5 });

describe('what the baseline depends on', () => {
  it.each(PHYSICS_ONLY)('ignores a %s change, which leaves the baseline motion exactly as it was', async (_name, edited) => {
    const before = inputs();
    const after = inputs({ scene: edited });
    expect(baselineKey(after)).toBe(baselineKey(before));
    expect(baselineChanges(before, after)).toEqual([]);
    const [a, b] = await Promise.all([plan(before), plan(after)]);
    expect(b.baseline).toEqual(a.baseline);
    // The run as a whole did change (except for the recomputed interactions), so the physics clip is stale.
    if (_name !== 'interactions') expect(runInputsKey(after)).not.toBe(runInputsKey(before));
    else expect(runInputsKey(after)).toBe(runInputsKey(before));
  });

  it.each(BASELINE)('names a %s change as one the baseline depends on', (_name, patch, words) => {
    expect(baselineKey(inputs(patch))).not.toBe(baselineKey(inputs()));
    expect(baselineChanges(inputs(), inputs(patch))).toEqual([words]);
  });

  it('reads the motion from the refinement’s analysis when there is one, but not from the refined wording', () => {
    const analysis = analyze(PROMPT).analysis;
    const refinement = { original: PROMPT, refined: `${PROMPT}, in an arc under gravity`, analysis } as unknown as Refinement;
    const refined = inputs({ refinement });
    expect(baselineChanges(inputs(), refined)).toEqual(['the prompt’s analysis']);
    const reworded = inputs({ refinement: { ...refinement, refined: 'Something else entirely' } });
    expect(baselineKey(reworded)).toBe(baselineKey(refined));
    expect(runInputsKey(reworded)).not.toBe(runInputsKey(refined));
  });
});

describe('which regeneration the viewer offers', () => {
  const made: RunInputs = { ...inputs(), settings: DEFAULT_SETTINGS };

  it('offers the physics clip alone only when nothing the baseline depends on changed', () => {
    expect(staleness(made, { ...made })).toEqual({ kind: 'none' });
    expect(staleness(made, { ...made, scene: { ...base, gravity: { x: 0, y: 1.62 } } })).toEqual({ kind: 'physics' });
  });

  it('asks for both clips again after a prompt change, a static object or new settings', () => {
    expect(staleness(made, { ...made, prompt: 'The ball falls' })).toEqual({ kind: 'both', what: ['the prompt'] });
    const still = { ...made, scene: withObject('bottle', (o) => ({ ...o, dynamic: false, params: { ...o.params, mass: 9 } })) };
    expect(staleness(made, still)).toEqual({ kind: 'both', what: ['which objects move'] });
    expect(staleness(made, { ...made, settings: { ...DEFAULT_SETTINGS, seconds: 3 } })).toEqual({ kind: 'both', what: ['the Render tab’s settings'] });
  });
});
