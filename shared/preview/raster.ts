/** An RGBA image, 8 bits per channel, row-major, straight (not premultiplied) alpha. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Pose of a layer at one instant: where its origin lands (output pixels) and its clockwise rotation (radians, y down). */
export interface Pose {
  x: number;
  y: number;
  angle: number;
}

/** Linear interpolation between two poses; angles are interpolated directly (rollouts never wrap them). */
export function lerpPose(a: Pose, b: Pose, t: number): Pose {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, angle: a.angle + (b.angle - a.angle) * t };
}
