/**
 * SDEdit: the first step to run when denoising starts from a noised clean latent. Strength 1
 * starts from pure noise (index 0); lower strengths skip the noisiest steps, as diffusers'
 * img2img pipelines do (`steps − floor(steps · strength)`), except that at least one step always
 * runs, since a strength in (0, 1] asks for some change.
 */
export function startIndexForStrength(steps: number, strength: number): number {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  if (!(strength > 0 && strength <= 1)) throw new RangeError(`strength must be in (0, 1], got ${strength}`);
  // The epsilon keeps products such as 10 × 0.3 = 2.9999999999999996 on the intended side.
  const run = Math.min(steps, Math.max(1, Math.floor(steps * strength + 1e-9)));
  return steps - run;
}
