/**
 * Natural logarithm from IEEE-exact operations only. ECMAScript lets `Math.log` be
 * implementation-approximated, so two engines may disagree in the last bit; `+ − × ÷` and
 * `Math.sqrt` are correctly rounded everywhere, so this gives the same bits on every platform.
 * Accurate to a few ulp for finite x > 0.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`portableLog: x must be finite and > 0, got ${x}`);
  // x = m·2^e with m in [√½, √2): scaling by 2 is exact, and the range keeps the series short.
  let m = x;
  let e = 0;
  while (m >= 2) {
    m /= 2;
    e++;
  }
  while (m < 1) {
    m *= 2;
    e--;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    e++;
  }
  // ln m = 2·atanh(y), y = (m − 1)/(m + 1), |y| ≤ 0.172: 14 odd terms reach below 1e-22.
  const y = (m - 1) / (m + 1);
  const y2 = y * y;
  let term = y;
  let sum = 0;
  for (let k = 1; k <= 27; k += 2) {
    sum += term / k;
    term *= y2;
  }
  return 2 * sum + e * Math.LN2;
}
