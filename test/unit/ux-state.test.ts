import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportFileName, exportStem, slug } from '../../shared/run/export-name';
import { circle, object, scene } from '../helpers/scenes';

// The renderer's stores keep their state in localStorage; Node has none.
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => storage.set(k, v),
  removeItem: (k: string) => storage.delete(k),
});

const { NOTICE_LINGER_MS, useNotices } = await import('../../renderer/src/stores/notices');
const { DONE_LINGER_MS, timeLeftMs, useJobs } = await import('../../renderer/src/stores/jobs');
const { estimate, recordRate, workUnits } = await import('../../renderer/src/stores/rates');
const { libraryImagePath } = await import('../../renderer/src/stores/library-path');
const { onionFrames } = await import('../../renderer/src/viewer/onion');

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useNotices.setState({ notices: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('collapse identical notices into one with a count', () => {
    const n = { kind: 'info' as const, title: 'Generation', message: 'The scale was guessed.' };
    useNotices.getState().push(n);
    useNotices.getState().push(n);
    useNotices.getState().push(n);
    useNotices.getState().push({ ...n, message: 'Something else.' });
    const shown = useNotices.getState().notices;
    expect(shown).toHaveLength(2);
    expect(shown.find((x) => x.message === n.message)?.count).toBe(3);
  });

  it('let information go on its own but keep errors until dismissed', () => {
    useNotices.getState().push({ kind: 'info', title: 'Saved', message: 'ok' });
    useNotices.getState().push({ kind: 'error', title: 'Failed', message: 'disk full' });
    vi.advanceTimersByTime(NOTICE_LINGER_MS + 10);
    expect(useNotices.getState().notices.map((n) => n.kind)).toEqual(['error']);
  });

  it('restart the clock when a notice repeats', () => {
    const n = { kind: 'info' as const, title: 'A', message: 'b' };
    useNotices.getState().push(n);
    vi.advanceTimersByTime(NOTICE_LINGER_MS - 100);
    useNotices.getState().push(n);
    vi.advanceTimersByTime(200);
    expect(useNotices.getState().notices).toHaveLength(1);
  });
});

describe('the queue', () => {
  it('clears finished jobs on its own and keeps failures', async () => {
    vi.useFakeTimers();
    useJobs.setState({ jobs: [] });
    await useJobs.getState().run('works', async () => 1);
    await expect(
      useJobs.getState().run('breaks', async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(
      useJobs
        .getState()
        .jobs.map((j) => j.state)
        .sort(),
    ).toEqual(['done', 'failed']);
    vi.advanceTimersByTime(DONE_LINGER_MS + 10);
    expect(useJobs.getState().jobs.map((j) => j.state)).toEqual(['failed']);
    vi.useRealTimers();
  });

  it('estimates time left from the job’s own pace, else from the measured estimate', () => {
    const job = { id: 'j', label: 'x', state: 'running' as const, fraction: 0.5, stage: 's', startedAt: 0 };
    expect(timeLeftMs({ ...job, overall: 0.25 }, 1000)).toBe(3000);
    expect(timeLeftMs({ ...job, overall: 0.01, estimateMs: 5000 }, 1000)).toBe(4000);
    expect(timeLeftMs({ ...job }, 1000)).toBeNull();
  });
});

describe('measured rates', () => {
  it('give no estimate before a run, then scale with the work', () => {
    storage.clear();
    const units = workUnits(121, 512, 384);
    expect(estimate('preview', units)).toBeNull();
    // A session's first run warms up: it gives an estimate until a warm run replaces it.
    recordRate('preview', units, 12000, 4000, true);
    expect(estimate('preview', units)?.totalMs).toBeCloseTo(16000);
    recordRate('preview', units, 3000, 1000);
    expect(estimate('preview', units)?.totalMs).toBeCloseTo(4000);
    expect(estimate('preview', units)?.engineShare).toBeCloseTo(0.75);
    expect(estimate('preview', 2 * units)?.totalMs).toBeCloseTo(8000);
    // A cold run counts for less than a warm one.
    recordRate('preview', units, 13000, 1000, true);
    expect(estimate('preview', units)?.totalMs).toBeCloseTo(6000);
    expect(estimate('render', units)).toBeNull();
  });
});

describe('export names', () => {
  it('say what the file holds', () => {
    const run = { input: { prompt: 'A red rubber ball rolls off the edge of the wooden table', name: 'x.png' }, settings: { seed: 7 } };
    expect(exportFileName(run, 'composite', 'mp4')).toBe('a-red-rubber-ball-rolls-off-the-edge-of-seed7-composite.mp4');
    expect(exportFileName(run, 'physics', 'gif', 'small')).toBe('a-red-rubber-ball-rolls-off-the-edge-of-seed7-physics-small.gif');
    expect(exportStem({ ...run, render: {} }, 'baseline')).toBe('a-red-rubber-ball-rolls-off-the-edge-of-seed7-baseline-render');
    expect(exportStem({ input: { prompt: '  ', name: 'Café Photo.JPG' }, settings: { seed: 0 } }, 'physics')).toBe('cafe-photo-seed0-physics');
    expect(exportStem({ input: { prompt: '日本語', name: '写真.png' }, settings: { seed: 1 } }, 'physics')).toBe('physstudio-seed1-physics');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
  });
});

describe('restoring a run', () => {
  it('finds imported pictures inside the library, and only those', () => {
    expect(libraryImagePath('/home/u/.config/PhysStudio/library/inputs/ab12.png')).toBe('inputs/ab12.png');
    expect(libraryImagePath('C:\\Users\\u\\PhysStudio\\library\\inputs\\ab12.jpg')).toBe('inputs/ab12.jpg');
    expect(libraryImagePath('/home/u/photos/cat.png')).toBeNull();
  });
});

describe('onion skins', () => {
  it('take every Nth frame but the one on screen', () => {
    expect(onionFrames(49, 12, 0)).toEqual([12, 24, 36, 48]);
    expect(onionFrames(49, 12, 24)).toEqual([0, 12, 36, 48]);
    expect(onionFrames(10, 4, 3)).toEqual([0, 4, 8]);
  });
});

describe('staleness of restored settings', async () => {
  const { staleness } = await import('../../renderer/src/stores/run-inputs');
  it('does not depend on the order of the settings’ keys', () => {
    const base = { image: 'i', prompt: 'p', refinement: null, scene: scene([object('ball', circle(300, 500, 25))], []) };
    const a = { size: 512, fps: 24, seconds: 5, seed: 7, shadows: true, motionBlur: true };
    const b = { motionBlur: true, shadows: true, seed: 7, seconds: 5, fps: 24, size: 512 };
    const render = { packId: 'x', steps: 4, guidance: 5 } as never;
    const reordered = { guidance: 5, steps: 4, packId: 'x' } as never;
    expect(staleness({ ...base, settings: a, render }, { ...base, settings: b, render: reordered }).kind).toBe('none');
    expect(staleness({ ...base, settings: a }, { ...base, settings: { ...b, seed: 8 } }).kind).toBe('both');
  });
});
