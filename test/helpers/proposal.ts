import type { Proposal } from '../../shared/scene/build';
import { encodeRle } from '../../shared/scene/rle';

/** A rectangular region as perception proposes it, optionally a detection; the mask is a stand-in (scene building reads the box and outline). */
export function rectProposal(
  x: number,
  y: number,
  w: number,
  h: number,
  detection?: Proposal['detection'],
  colour: Proposal['colour'] = { r: 120, g: 120, b: 120 },
): Proposal {
  return {
    polygon: [
      { x, y },
      { x: x + w, y },
      { x: x + w, y: y + h },
      { x, y: y + h },
    ],
    bbox: { x, y, w, h },
    colour,
    mask: encodeRle(new Uint8Array(4), 2, 2),
    ...(detection ? { detection } : {}),
  };
}
