import { describe, expect, it } from 'vitest';
import { compositeLayout } from '../../electron/engine/preview/composite';
import { formatRun } from '../../electron/hosts/cli/generate';
import { clipLabel, clipScore } from '../../shared/run/clip-score';
import type { Clip, Run, Variant } from '../../shared/run/schema';

const part = (score: number | null, summary: string) => ({ score, summary });

/** A clip as a run stores it, with only what the labels read filled in. */
function clip(variant: Variant, metricsScore: number, evaluationScore?: number): Clip {
  const metrics = {
    score: metricsScore,
    gravity: { ...part(metricsScore, `path gravity of ${variant}`), measured: 9.8, expected: 9.8, frames: 10 },
    interpenetration: part(100, 'nothing sinks (path)'),
    support: part(100, 'supported (path)'),
    energy: part(null, 'no bounce (path)'),
  };
  const evaluation =
    evaluationScore === undefined
      ? undefined
      : {
          score: evaluationScore,
          verdict: 'implausible',
          summary: 'Implausible: it never falls',
          checks: [
            { id: 'intent', label: 'Does what the prompt says', score: 0.2, pass: false, reason: 'it never falls', applicable: true, weight: 2 },
            { id: 'gravity', label: 'Falls with gravity', score: 1, pass: true, reason: 'no free flight long enough to fit', applicable: false, weight: 1 },
          ],
        };
  return {
    variant,
    tier: 'preview',
    fps: 12,
    frames: 13,
    size: { width: 512, height: 48 },
    seed: 1,
    prompt: 'a ball falls',
    scale: 1,
    tracks: [],
    events: [],
    metrics,
    ...(evaluation ? { evaluation } : {}),
    motion: [`${variant} motion`],
    framesSha256: '0'.repeat(64),
    media: { poster: `${variant}.png` },
  } as unknown as Clip;
}

const run = (baseline: Clip, physics: Clip) =>
  ({
    id: 'r1',
    createdAt: '2026-12-02T00:00:00.000Z',
    input: { image: 'a.png', name: 'a.png', prompt: 'a ball falls' },
    settings: { seed: 1, fps: 12 },
    clips: { baseline, physics },
    timings: {},
    notices: [],
  }) as unknown as Run;

describe('the score a clip is labelled with', () => {
  it('is the pixel evaluation’s, and the path metrics’ only for runs made before the evaluator', () => {
    expect(clipScore(clip('physics', 96, 41.6))).toBe(41.6);
    expect(clipScore(clip('physics', 96))).toBe(96);
    expect(clipLabel(clip('baseline', 90, 58.7))).toBe('Baseline: no physics conditioning · score 59');
    expect(clipLabel(clip('physics', 96, 41.6))).toBe('Physics-conditioned · score 42');
    expect(clipLabel(clip('physics', 96))).toBe('Physics-conditioned · score 96');
  });

  it('is what the engine’s composite draws over each side (master export and CLI)', async () => {
    // Wide enough that both labels fit whole.
    const bar = async (r: Run) => Buffer.from((await compositeLayout(r)).bar);
    // Same evaluation scores, different path metrics: the label bar is the same picture.
    const evaluated = await bar(run(clip('baseline', 90, 40), clip('physics', 96, 80)));
    expect(evaluated.equals(await bar(run(clip('baseline', 12, 40), clip('physics', 33, 80))))).toBe(true);
    // It reads the same as an old run whose path metrics happen to equal those scores…
    expect(evaluated.equals(await bar(run(clip('baseline', 40), clip('physics', 80))))).toBe(true);
    // …and differs from one labelled with the path metrics.
    expect(evaluated.equals(await bar(run(clip('baseline', 90), clip('physics', 96))))).toBe(false);
  });

  it('is what the CLI prints, with the evaluation’s checks under it', () => {
    const text = formatRun(run(clip('baseline', 90, 58.7), clip('physics', 96, 41.6)), [], []);
    expect(text).toContain('Baseline (no physics conditioning): score 59');
    expect(text).toContain('Physics-conditioned: score 42');
    expect(text).toContain(' 20  Does what the prompt says: it never falls');
    expect(text).toContain('  –  Falls with gravity: no free flight long enough to fit');
    expect(text).not.toContain('(path)');
    const old = formatRun(run(clip('baseline', 90), clip('physics', 96)), [], []);
    expect(old).toContain('Physics-conditioned: score 96');
    expect(old).toContain('path gravity of physics');
  });
});
