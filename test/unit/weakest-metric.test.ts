import { describe, expect, it } from 'vitest';
import { weakestPart } from '../../shared/metrics/weakest';
import type { Metrics } from '../../shared/run/schema';

const metrics = (scores: { gravity: number | null; interpenetration: number | null; support: number | null; energy: number | null }): Metrics => ({
  score: 50,
  gravity: { score: scores.gravity, summary: 'gravity words', measured: null, expected: 9.81, frames: 0 },
  interpenetration: { score: scores.interpenetration, summary: 'overlap words', maxDepthPx: 0, span: null, frames: 0 },
  support: { score: scores.support, summary: 'support words', violations: [] },
  energy: { score: scores.energy, summary: 'bounce words', bounces: 0, maxRestitution: null },
});

describe('the weakest metric, for demo captions', () => {
  it('is the lowest measured part, with its plain-words summary', () => {
    expect(weakestPart(metrics({ gravity: 90, interpenetration: 12, support: 40, energy: null }))).toEqual({
      part: 'interpenetration',
      name: 'Solidity',
      score: 12,
      summary: 'overlap words',
    });
  });

  it('skips parts that could not be measured, keeps the breakdown order on a tie, and is null when nothing was measured', () => {
    expect(weakestPart(metrics({ gravity: null, interpenetration: 70, support: 70, energy: 100 }))?.part).toBe('interpenetration');
    expect(weakestPart(metrics({ gravity: null, interpenetration: null, support: null, energy: null }))).toBeNull();
  });
});
