import { seeded } from '../../shared/util/random';

/**
 * Procedural test scenes with ground truth: objects of known shape, colour and position on a
 * textured or gradient background with sensor-like noise.
 */
export interface ProceduralScene {
  width: number;
  height: number;
  rgba: Uint8Array;
  objects: Array<{ kind: 'circle' | 'rect' | 'ellipse'; mask: Uint8Array; colour: [number, number, number] }>;
}

const PALETTE: Array<[number, number, number]> = [
  [220, 40, 40],
  [40, 90, 220],
  [250, 200, 30],
  [40, 170, 80],
  [150, 60, 190],
  [240, 120, 20],
  [20, 20, 20],
  [230, 230, 235],
];

export function proceduralScene(seed: number, width = 640, height = 480, count = 3): ProceduralScene {
  const rng = seeded(seed);
  const rgba = new Uint8Array(width * height * 4);
  const background = rng() < 0.5 ? 'gradient' : 'texture';
  const base = [120 + rng() * 60, 110 + rng() * 60, 100 + rng() * 60];
  const tilt = [rng() * 60 - 30, rng() * 60 - 30, rng() * 60 - 30];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        let v = (base[c] as number) + ((tilt[c] as number) * (x + y)) / (width + height);
        if (background === 'texture') v += 10 * Math.sin(x / 7 + c) * Math.cos(y / 9);
        rgba[i + c] = Math.max(0, Math.min(255, v));
      }
      rgba[i + 3] = 255;
    }
  }
  const objects: ProceduralScene['objects'] = [];
  const used = new Uint8Array(width * height);
  const colours = [...PALETTE].sort(() => rng() - 0.5);
  for (let n = 0; n < count; n++) {
    const kind = (['circle', 'rect', 'ellipse'] as const)[Math.floor(rng() * 3)] ?? 'circle';
    const colour = colours[n % colours.length] as [number, number, number];
    // Place without overlap: try a few positions.
    for (let attempt = 0; attempt < 40; attempt++) {
      const rx = 30 + rng() * 60;
      const ry = kind === 'circle' ? rx : 25 + rng() * 60;
      const cx = rx + 20 + rng() * (width - 2 * rx - 40);
      const cy = ry + 20 + rng() * (height - 2 * ry - 40);
      const mask = new Uint8Array(width * height);
      let clash = false;
      for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
        for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          const inside = kind === 'rect' ? true : ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
          if (!inside) continue;
          // Keep a gap of a few pixels between objects.
          if (used[y * width + x]) clash = true;
          mask[y * width + x] = 1;
        }
      }
      if (clash) continue;
      for (let p = 0; p < mask.length; p++) {
        if (!mask[p]) continue;
        const x = p % width;
        const y = Math.floor(p / width);
        for (let dy = -6; dy <= 6; dy++)
          for (let dx = -6; dx <= 6; dx++) if (x + dx >= 0 && y + dy >= 0 && x + dx < width && y + dy < height) used[(y + dy) * width + x + dx] = 1;
        // Shade across the object a little, like a lit surface.
        const shade = 1 - 0.15 * ((y - (cy - ry)) / (2 * ry));
        for (let c = 0; c < 3; c++) rgba[p * 4 + c] = Math.max(0, Math.min(255, (colour[c] as number) * shade));
      }
      objects.push({ kind, mask, colour });
      break;
    }
  }
  // Sensor noise everywhere.
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = Math.max(0, Math.min(255, (rgba[p * 4 + c] ?? 0) + (rng() - 0.5) * 16));
  }
  return { width, height, rgba, objects };
}

/** Fills a polygon into a full-resolution mask (even-odd rule at pixel centres). */
export function rasterise(polygon: Array<{ x: number; y: number }>, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const ys = polygon.map((p) => p.y);
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(height - 1, Math.ceil(Math.max(...ys))); y++) {
    const cy = y + 0.5;
    const xs: number[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i] as { x: number; y: number };
      const b = polygon[(i + 1) % polygon.length] as { x: number; y: number };
      if (a.y <= cy !== b.y <= cy) xs.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let x = Math.max(0, Math.ceil((xs[k] as number) - 0.5)); x <= Math.min(width - 1, Math.floor((xs[k + 1] as number) - 0.5)); x++)
        mask[y * width + x] = 1;
    }
  }
  return mask;
}

export function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union === 0 ? 1 : inter / union;
}
