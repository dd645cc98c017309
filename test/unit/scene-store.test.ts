import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useScene } from '../../renderer/src/stores/scene';
import type { PhysStudioApi } from '../../shared/contract';
import { circle, object, rect, scene, surface } from '../helpers/scenes';

/** Just the channels the Scene store uses, answering as the engine would. */
function fakeApi(editObject?: PhysStudioApi['scene.editObject']) {
  const simulate = vi.fn(async () => ({ interactions: [], embedding: [], millis: 1 }));
  const api = { 'scene.simulate': simulate, 'scene.editObject': editObject ?? vi.fn() } as unknown as PhysStudioApi;
  return { api, simulate };
}

const base = scene(
  [object('o1', circle(300, 400, 40)), object('o2', rect(500, 360, 80, 80))],
  [
    surface('ground', [
      { x: 0, y: 440 },
      { x: 1000, y: 440 },
    ]),
  ],
);

describe('the Scene store: history and object edits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useScene.setState({ scene: base, past: [], future: [], notices: [], selected: 'o1' });
  });
  afterEach(() => vi.useRealTimers());

  it('a slider drag (one control, edits in quick succession) is one undo step; another control starts a new one', () => {
    const { api } = fakeApi();
    const setMass = (m: number) =>
      useScene
        .getState()
        .editLive(api, 'o1:mass', (s) => ({ ...s, objects: s.objects.map((o) => (o.id === 'o1' ? { ...o, params: { ...o.params, mass: m } } : o)) }));
    for (const m of [1.1, 1.2, 1.3, 1.4]) setMass(m);
    expect(useScene.getState().past).toHaveLength(1);
    useScene.getState().editLive(api, 'gravity', (s) => ({ ...s, gravity: { x: 0, y: 1.62 } }));
    expect(useScene.getState().past).toHaveLength(2);
    // After a pause the same control is a new step.
    vi.advanceTimersByTime(1500);
    setMass(2);
    expect(useScene.getState().past).toHaveLength(3);
    // Any other edit in between also starts a new step.
    useScene.getState().edit(api, (s) => ({ ...s, gravity: { x: 0, y: 9.81 } }));
    setMass(2.5);
    expect(useScene.getState().past).toHaveLength(5);
    useScene.getState().undo(api);
    useScene.getState().undo(api);
    useScene.getState().undo(api);
    useScene.getState().undo(api);
    expect(useScene.getState().scene?.objects[0]?.params.mass).toBe(1.4);
    expect(useScene.getState().scene?.gravity.y).toBe(9.81);
    useScene.getState().undo(api);
    expect(useScene.getState().scene).toBe(base);
    useScene.getState().redo(api);
    expect(useScene.getState().scene?.objects[0]?.params.mass).toBe(1.4);
  });

  it('keeps a bounded history', () => {
    const { api } = fakeApi();
    for (let i = 0; i < 150; i++) useScene.getState().edit(api, (s) => ({ ...s, gravity: { x: 0, y: i } }));
    expect(useScene.getState().past.length).toBe(100);
  });

  it('renames with undo, ignoring blank names', () => {
    const { api } = fakeApi();
    useScene.getState().rename(api, 'o1', '  orange ');
    expect(useScene.getState().scene?.objects[0]).toMatchObject({ label: 'orange', provenance: { label: 'user' } });
    useScene.getState().rename(api, 'o1', '   ');
    expect(useScene.getState().past).toHaveLength(1);
    useScene.getState().undo(api);
    expect(useScene.getState().scene?.objects[0]?.label).toBe('o1');
  });

  it('applies an engine edit (a merge) as one undoable step, keeps edits made meanwhile, and re-predicts', async () => {
    const merged = { ...object('o1', rect(260, 360, 320, 80)), label: 'both' };
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { api, simulate } = fakeApi(async () => {
      await gate;
      return { object: merged, absorbed: 'o2', notice: null };
    });
    const pending = useScene.getState().editObject(api, 'o1', { kind: 'merge', other: base.objects[1] as (typeof base.objects)[number] });
    // The user changes gravity while the engine works.
    useScene.getState().edit(api, (s) => ({ ...s, gravity: { x: 0, y: 3.71 } }));
    release();
    await pending;
    const now = useScene.getState().scene;
    expect(now?.objects.map((o) => o.label)).toEqual(['both']);
    expect(now?.gravity.y).toBe(3.71);
    await vi.advanceTimersByTimeAsync(200);
    expect(simulate).toHaveBeenCalled();
    useScene.getState().undo(api);
    expect(useScene.getState().scene?.objects).toHaveLength(2);
  });

  it('runs object edits one at a time, each on the result of the one before', async () => {
    const seen: number[] = [];
    const { api } = fakeApi(async ({ object }) => {
      seen.push(object.bbox.w);
      await new Promise((r) => setTimeout(r, 10));
      // Each stroke widens the object by 10 px.
      return { object: { ...object, bbox: { ...object.bbox, w: object.bbox.w + 10 } }, absorbed: null, notice: null };
    });
    const paint = { kind: 'paint' as const, mode: 'add' as const, radius: 5, points: [{ x: 1, y: 1 }] };
    const first = useScene.getState().editObject(api, 'o1', paint);
    const second = useScene.getState().editObject(api, 'o1', paint);
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all([first, second]);
    expect(seen).toEqual([80, 90]);
    expect(useScene.getState().scene?.objects[0]?.bbox.w).toBe(100);
    expect(useScene.getState().past).toHaveLength(2);
  });
});
