import type { Pose, Raster } from './raster';
import type { Sprite } from './sprite';

/**
 * Draws a sprite "over" the frame at one or more poses. Several poses average the layer across
 * the shutter interval, which is motion blur; one pose is a sharp draw. Each frame pixel is
 * mapped back into the sprite (inverse rotation) and sampled bilinearly.
 */
export function drawSprite(frame: Raster, sprite: Sprite, poses: Pose[]): void {
  const { width: W, height: H, data: out } = frame;
  const { width: w, height: h, data: src, origin } = sprite;
  if (poses.length === 0) return;
  const r = sprite.radius + 2;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of poses) {
    minX = Math.min(minX, p.x - r);
    maxX = Math.max(maxX, p.x + r);
    minY = Math.min(minY, p.y - r);
    maxY = Math.max(maxY, p.y + r);
  }
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(W, Math.ceil(maxX));
  const y1 = Math.min(H, Math.ceil(maxY));
  if (x0 >= x1 || y0 >= y1) return;
  const n = poses.length;
  const cos = poses.map((p) => Math.cos(p.angle));
  const sin = poses.map((p) => Math.sin(p.angle));
  const weight = 1 / n;
  for (let y = y0; y < y1; y++) {
    const cy = y + 0.5;
    for (let x = x0; x < x1; x++) {
      const cx = x + 0.5;
      let r0 = 0;
      let g0 = 0;
      let b0 = 0;
      let a0 = 0;
      for (let k = 0; k < n; k++) {
        const p = poses[k] as Pose;
        const dx = cx - p.x;
        const dy = cy - p.y;
        const c = cos[k] as number;
        const s = sin[k] as number;
        // Inverse rotation takes the frame offset back into the sprite's own axes.
        const u = c * dx + s * dy + origin.x - 0.5;
        const v = -s * dx + c * dy + origin.y - 0.5;
        if (u <= -1 || v <= -1 || u >= w || v >= h) continue;
        const u0 = Math.floor(u);
        const v0 = Math.floor(v);
        const fu = u - u0;
        const fv = v - v0;
        for (let t = 0; t < 4; t++) {
          const uu = u0 + (t & 1);
          const vv = v0 + (t >> 1);
          if (uu < 0 || vv < 0 || uu >= w || vv >= h) continue;
          const f = (t & 1 ? fu : 1 - fu) * (t >> 1 ? fv : 1 - fv);
          const i = (vv * w + uu) * 4;
          r0 += (src[i] as number) * f;
          g0 += (src[i + 1] as number) * f;
          b0 += (src[i + 2] as number) * f;
          a0 += (src[i + 3] as number) * f;
        }
      }
      if (a0 <= 0) continue;
      r0 *= weight;
      g0 *= weight;
      b0 *= weight;
      a0 *= weight;
      const j = (y * W + x) * 4;
      const keep = 1 - a0;
      out[j] = r0 + (out[j] as number) * keep;
      out[j + 1] = g0 + (out[j + 1] as number) * keep;
      out[j + 2] = b0 + (out[j + 2] as number) * keep;
    }
  }
}
