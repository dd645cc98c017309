import type { Landed, Proposal } from './ground';
import { classesFor } from './lexicon';
import { COCO_PRIORS, SIZE_PRIORS } from './priors';
import type { Scene } from './schema';
import { TYPICAL_SIZES } from './typical-sizes';

export type Scale = Scene['scale'];

const touchesBorder = (p: Proposal, width: number, height: number) =>
  p.bbox.x <= 2 || p.bbox.y <= 2 || p.bbox.x + p.bbox.w >= width - 2 || p.bbox.y + p.bbox.h >= height - 2;

/**
 * Pixels per metre, from the photo: the most confident detection of a class with a known size
 * whole in the frame, of a class whose size varies little. The prompt changes it only by stating
 * a size ("a 30 cm ball"); any other prompt on the same photo gives the same scale.
 * With no such anchor, a region the prompt names with a known typical size is used (so then the
 * prompt matters), then a weaker detection; else the image is taken to be 2 m tall.
 */
export function photoScale(proposals: Proposal[], landed: Map<number, Landed>, width: number, height: number, subject?: number): Scale {
  const stated = subject !== undefined ? landed.get(subject)?.phrase.statedSizeM : undefined;
  if (subject !== undefined && stated) {
    const p = proposals[subject] as Proposal;
    const label = landed.get(subject)?.phrase.noun ?? 'object';
    return { pixelsPerMetre: round(Math.max(p.bbox.w, p.bbox.h) / stated), provenance: 'prompt', reference: { label, sizeM: stated } };
  }
  // A photo's anchor: a confident detection, whole in the frame, of a class whose size varies
  // little. Tables, beds and vehicles are too often cut off or of any size to anchor alone.
  const anchor = (minScore: number, loose: boolean) => {
    let best: { i: number; weight: number } | undefined;
    proposals.forEach((p, i) => {
      const d = p.detection;
      if (!d || !COCO_PRIORS[d.cocoClass] || d.score < minScore) return;
      const clipped = touchesBorder(p, width, height);
      if (!loose && (clipped || LOOSE_SIZE.has(d.cocoClass))) return;
      const weight = d.score * (clipped ? 0.4 : 1) * (LOOSE_SIZE.has(d.cocoClass) ? 0.3 : 1);
      if (!best || weight > best.weight) best = { i, weight };
    });
    return best;
  };
  // The photo's own anchor is used as the detector names it, whatever the prompt calls it, so
  // that every prompt on this photo gets the same scale; unless the prompt names that very
  // object as a thing the detector's class cannot be (a dog the detector took for a horse): the
  // user's name corrects the detector's, and its typical size is used.
  const fromDetection = (i: number): Scale => {
    const p = proposals[i] as Proposal;
    const cls = p.detection?.cocoClass as string;
    const named = landed.get(i)?.phrase.noun;
    const renamed = named && !classesFor(named).some((c) => c.cocoClass === cls) ? typicalSize(named) : undefined;
    if (named && renamed)
      return { pixelsPerMetre: round(Math.max(p.bbox.w, p.bbox.h) / renamed), provenance: 'prompt', reference: { label: named, sizeM: renamed } };
    const sizeM = COCO_PRIORS[cls]?.sizeM as number;
    return { pixelsPerMetre: round(Math.max(p.bbox.w, p.bbox.h) / sizeM), provenance: 'model', reference: { label: cls, sizeM } };
  };
  const strong = anchor(0.4, false);
  if (strong) return fromDetection(strong.i);
  // No anchor in the photo: a thing the prompt names, of typical size, where it landed.
  for (const [i, l] of [...landed.entries()].sort((a, b) => (a[0] === subject ? -1 : b[0] === subject ? 1 : 0))) {
    const sizeM = typicalSize(l.phrase.noun);
    const p = proposals[i] as Proposal;
    if (sizeM) return { pixelsPerMetre: round(Math.max(p.bbox.w, p.bbox.h) / sizeM), provenance: 'prompt', reference: { label: l.phrase.noun, sizeM } };
  }
  const weak = anchor(0.25, true);
  if (weak) return fromDetection(weak.i);
  return { pixelsPerMetre: round(height / 2), provenance: 'default' };
}

/** A named thing's typical size: the prompt-noun table, then the common-things table, then the COCO one; compounds by their head word. */
export function typicalSize(noun: string): number | undefined {
  const head = noun.split(' ').at(-1) ?? '';
  return SIZE_PRIORS[noun] ?? TYPICAL_SIZES[noun] ?? COCO_PRIORS[noun]?.sizeM ?? SIZE_PRIORS[head] ?? TYPICAL_SIZES[head] ?? COCO_PRIORS[head]?.sizeM;
}

/** Classes whose size varies too much, or which are rarely seen whole, to anchor a scale alone. */
const LOOSE_SIZE = new Set([
  'dining table',
  'bed',
  'couch',
  'bench',
  'train',
  'airplane',
  'boat',
  'truck',
  'bus',
  'potted plant',
  'kite',
  'umbrella',
  'tie',
  'sports ball',
  'cake',
  'pizza',
  'sink',
  'refrigerator',
  'oven',
  'tv',
]);

const round = (v: number) => Math.round(v * 100) / 100;
