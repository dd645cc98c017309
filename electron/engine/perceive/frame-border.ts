/** Long side of the copy the border is read from: only mean colours are needed. */
const LONG_SIDE = 160;
/** Lightness counts half: light falls off across a desk, while sky and ground differ in hue as well. */
const LIGHTNESS = 0.5;
/** Share of the shorter side each border strip takes. */
const STRIP = 0.1;

const linear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);

/** CIE Lab (D65) of an sRGB colour. */
function lab(r: number, g: number, b: number): [number, number, number] {
  const R = linear(r);
  const G = linear(g);
  const B = linear(b);
  const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.9505);
  const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.089);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/**
 * How much the frame's four border strips differ: the largest Lab distance between the mean
 * colours of the top, bottom, left and right strips (lightness weighted by half). A photo looking down onto a table, a floor
 * or a cloth has one surface all round (a few units); a side view has sky or a wall above and
 * ground below (tens). A camera-view cue, read by `estimateView`.
 */
export function borderSpread(rgba: Uint8Array, width: number, height: number): number {
  const step = Math.max(1, Math.ceil(Math.max(width, height) / LONG_SIDE));
  const band = Math.max(step, Math.round(Math.min(width, height) * STRIP));
  const sums = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const strips = [y < band, y >= height - band, x < band, x >= width - band];
      if (!strips.some(Boolean)) continue;
      const p = (y * width + x) * 4;
      const c = lab(rgba[p] ?? 0, rgba[p + 1] ?? 0, rgba[p + 2] ?? 0);
      strips.forEach((inside, k) => {
        if (!inside) return;
        const s = sums[k] as number[];
        s[0] = (s[0] as number) + c[0];
        s[1] = (s[1] as number) + c[1];
        s[2] = (s[2] as number) + c[2];
        s[3] = (s[3] as number) + 1;
      });
    }
  }
  const means = sums.map((s) => [0, 1, 2].map((i) => (s[i] as number) / Math.max(1, s[3] as number)));
  let spread = 0;
  for (const a of means)
    for (const b of means)
      spread = Math.max(
        spread,
        Math.hypot(LIGHTNESS * ((a[0] as number) - (b[0] as number)), (a[1] as number) - (b[1] as number), (a[2] as number) - (b[2] as number)),
      );
  return Math.round(spread * 10) / 10;
}
