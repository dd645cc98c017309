import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseResult, evaluateCase, loadPhotos, summarise } from '../helpers/perceive-eval';

/**
 * Floors on `npm run eval:perceive` over the whole real-photo set (dev and holdout): the key object
 * found (IoU >= 0.5 with the hand box) and labelled as the prompt names it, no background region
 * made dynamic, the scale within 2x of the truth where known. The floors sit a little under the
 * figures recorded in docs/perception.md, so a regression fails and noise does not. Slow on a
 * busy machine (every case is one full perception), hence the long timeout; no timing is asserted.
 */
const FLOORS = { foundLabelled: 0.74, scaleWithin2x: 0.75 };

describe('perception on the real-photo set', () => {
  const results: CaseResult[] = [];
  beforeAll(async () => {
    for (const photo of loadPhotos()) for (const c of photo.cases) results.push(await evaluateCase(photo, c));
  }, 1_800_000);

  it('finds and labels the key object the prompt names', () => {
    const s = summarise(results);
    expect(s.cases).toBeGreaterThanOrEqual(85);
    expect(s.foundLabelled / s.cases).toBeGreaterThanOrEqual(FLOORS.foundLabelled);
  });

  it('never makes a background region dynamic', () => {
    expect(results.filter((r) => r.backgroundDynamic > 0).map((r) => `${r.photo}: ${r.prompt}`)).toEqual([]);
  });

  it('gets the scale within 2x of the truth', () => {
    const s = summarise(results);
    expect(s.scaleWithin2x / s.scaleKnown).toBeGreaterThanOrEqual(FLOORS.scaleWithin2x);
  });
});
