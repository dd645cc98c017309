import type { Rle } from './schema';

/** COCO-style run-length encoding of a 0/1 mask, row-major, starting with a run of zeros. */
export function encodeRle(mask: Uint8Array, width: number, height: number): Rle {
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let i = 0; i < width * height; i++) {
    const v = mask[i] ? 1 : 0;
    if (v === current) run++;
    else {
      counts.push(run);
      current = v;
      run = 1;
    }
  }
  counts.push(run);
  return { width, height, counts };
}

export function decodeRle(rle: Rle): Uint8Array {
  const mask = new Uint8Array(rle.width * rle.height);
  let i = 0;
  rle.counts.forEach((run, k) => {
    if (k % 2 === 1) mask.fill(1, i, i + run);
    i += run;
  });
  return mask;
}
