/**
 * Typical largest dimension (metres) of objects people put in prompts, to turn pixels into
 * metres when the image shows a recognised object. Rough on purpose: a factor of 1.5 wrong still
 * gives plausible fall times; the user can override the scale.
 */
export const SIZE_PRIORS: Record<string, number> = {
  ball: 0.22,
  'tennis ball': 0.067,
  basketball: 0.24,
  football: 0.22,
  'soccer ball': 0.22,
  'golf ball': 0.043,
  'bowling ball': 0.22,
  'billiard ball': 0.057,
  marble: 0.016,
  balloon: 0.3,
  apple: 0.08,
  orange: 0.08,
  egg: 0.06,
  cup: 0.1,
  mug: 0.1,
  glass: 0.14,
  bottle: 0.25,
  can: 0.12,
  vase: 0.3,
  bowl: 0.18,
  plate: 0.26,
  book: 0.24,
  box: 0.35,
  block: 0.1,
  cube: 0.05,
  'ice cube': 0.03,
  domino: 0.05,
  brick: 0.22,
  phone: 0.15,
  laptop: 0.33,
  chair: 0.9,
  table: 1.2,
  desk: 1.4,
  shelf: 0.9,
  cat: 0.46,
  dog: 0.7,
  person: 1.7,
  man: 1.75,
  woman: 1.65,
  child: 1.2,
  car: 4.5,
  bicycle: 1.7,
  tree: 6,
  house: 10,
  rock: 0.4,
  pebble: 0.04,
  boulder: 1.5,
  feather: 0.2,
  leaf: 0.1,
  candle: 0.2,
  toy: 0.2,
  baseball: 0.074,
  softball: 0.097,
  volleyball: 0.21,
  'beach ball': 0.5,
  'rugby ball': 0.28,
  'pool ball': 0.057,
  bucket: 0.3,
  pan: 0.45,
  'frying pan': 0.45,
  pot: 0.25,
  pencil: 0.18,
  pen: 0.14,
  eraser: 0.05,
  jacket: 0.7,
  coat: 1,
  bag: 0.4,
  rabbit: 0.4,
  bunny: 0.4,
  squirrel: 0.25,
  duck: 0.5,
  penguin: 0.7,
  kitten: 0.25,
  puppy: 0.35,
  horse: 2.4,
  sheep: 1.2,
  cow: 2.4,
  spoon: 0.17,
  fork: 0.19,
  knife: 0.22,
  pizza: 0.3,
  tray: 0.45,
  armchair: 1,
  pickup: 5.3,
  truck: 7,
  plane: 40,
  airplane: 40,
  soldier: 1.75,
  guy: 1.75,
  people: 1.7,
  player: 1.8,
  giraffe: 5,
  bird: 0.25,
  saucer: 0.15,
  'wine glass': 0.2,
};

/** Image colours named in prompts, as RGB anchors. */
export const COLOUR_WORDS: Record<string, [number, number, number]> = {
  red: [200, 40, 40],
  orange: [240, 130, 30],
  yellow: [240, 210, 40],
  green: [50, 160, 70],
  blue: [40, 90, 210],
  purple: [140, 60, 180],
  pink: [240, 140, 180],
  brown: [130, 80, 40],
  black: [25, 25, 25],
  white: [235, 235, 235],
  grey: [128, 128, 128],
  gray: [128, 128, 128],
};

/**
 * How a detected object's volume follows from its mask: a sphere (V = ⅔·A·d, exact for a ball
 * seen from any side), a cylinder lying in the image plane (V = π/4·A·d), or a slab d/2 deep
 * (V = ½·A·d, for flat or irregular things); d is the mask's smaller visible side.
 */
export type Shape = 'sphere' | 'cylinder' | 'slab';
export const SHAPE_FACTOR: Record<Shape, number> = { sphere: 2 / 3, cylinder: Math.PI / 4, slab: 0.5 };

export interface ClassPrior {
  /** Typical largest visible dimension, metres. */
  sizeM: number;
  /** Typical mass, kg; with the shape it fixes the bulk density used for mass from the mask. */
  massKg: number;
  shape: Shape;
}

/**
 * Typical sizes and masses of the COCO classes, for scale (pixels per metre from a recognised
 * object) and mass. Sources, rounded: sports rules for balls (FIFA Laws of the Game: size-5
 * football 68–70 cm round, 410–450 g; FIBA: size-7 basketball 24 cm; ITF: tennis ball 6.7 cm);
 * adult stature about 1.7 m (NCD-RisC 2016 height data); produce sizes from USDA/UNECE marketing
 * standards (orange 7–8 cm, apple 7–8 cm, banana 18–20 cm); vehicle lengths from typical
 * manufacturer data (car 4.5 m, bus 12 m); tableware, furniture and appliances from common
 * catalogue dimensions (mug 9.5 cm tall, dining table 1.5 m, chair 0.9 m, 43-inch TV 0.95 m wide).
 * Animals: typical adult body length (domestic cat 46 cm without tail). Rough on purpose: a
 * factor of 1.3 wrong still gives plausible motion; the user can override the scale.
 */
export const COCO_PRIORS: Record<string, ClassPrior> = {
  person: { sizeM: 1.7, massKg: 70, shape: 'slab' },
  bicycle: { sizeM: 1.7, massKg: 13, shape: 'slab' },
  car: { sizeM: 4.5, massKg: 1400, shape: 'slab' },
  motorcycle: { sizeM: 2.1, massKg: 200, shape: 'slab' },
  airplane: { sizeM: 40, massKg: 40000, shape: 'cylinder' },
  bus: { sizeM: 12, massKg: 12000, shape: 'slab' },
  train: { sizeM: 25, massKg: 40000, shape: 'slab' },
  truck: { sizeM: 7, massKg: 8000, shape: 'slab' },
  boat: { sizeM: 5, massKg: 500, shape: 'slab' },
  'traffic light': { sizeM: 1, massKg: 20, shape: 'slab' },
  'fire hydrant': { sizeM: 0.75, massKg: 50, shape: 'cylinder' },
  'stop sign': { sizeM: 0.75, massKg: 5, shape: 'slab' },
  'parking meter': { sizeM: 1.5, massKg: 50, shape: 'cylinder' },
  bench: { sizeM: 1.5, massKg: 30, shape: 'slab' },
  bird: { sizeM: 0.25, massKg: 0.3, shape: 'slab' },
  cat: { sizeM: 0.46, massKg: 4.5, shape: 'slab' },
  dog: { sizeM: 0.7, massKg: 20, shape: 'slab' },
  horse: { sizeM: 2.4, massKg: 500, shape: 'slab' },
  sheep: { sizeM: 1.2, massKg: 70, shape: 'slab' },
  cow: { sizeM: 2.4, massKg: 700, shape: 'slab' },
  elephant: { sizeM: 6, massKg: 5000, shape: 'slab' },
  bear: { sizeM: 1.8, massKg: 250, shape: 'slab' },
  zebra: { sizeM: 2.4, massKg: 350, shape: 'slab' },
  giraffe: { sizeM: 5, massKg: 1000, shape: 'slab' },
  backpack: { sizeM: 0.5, massKg: 1, shape: 'slab' },
  umbrella: { sizeM: 1, massKg: 0.5, shape: 'slab' },
  handbag: { sizeM: 0.35, massKg: 0.8, shape: 'slab' },
  tie: { sizeM: 0.5, massKg: 0.05, shape: 'slab' },
  suitcase: { sizeM: 0.65, massKg: 4, shape: 'slab' },
  frisbee: { sizeM: 0.27, massKg: 0.175, shape: 'slab' },
  skis: { sizeM: 1.7, massKg: 3, shape: 'slab' },
  snowboard: { sizeM: 1.55, massKg: 3, shape: 'slab' },
  'sports ball': { sizeM: 0.22, massKg: 0.43, shape: 'sphere' },
  kite: { sizeM: 1, massKg: 0.2, shape: 'slab' },
  'baseball bat': { sizeM: 0.85, massKg: 0.9, shape: 'cylinder' },
  'baseball glove': { sizeM: 0.3, massKg: 0.6, shape: 'slab' },
  skateboard: { sizeM: 0.8, massKg: 2.5, shape: 'slab' },
  surfboard: { sizeM: 2, massKg: 5, shape: 'slab' },
  'tennis racket': { sizeM: 0.69, massKg: 0.3, shape: 'slab' },
  bottle: { sizeM: 0.25, massKg: 0.8, shape: 'cylinder' },
  'wine glass': { sizeM: 0.2, massKg: 0.15, shape: 'cylinder' },
  cup: { sizeM: 0.095, massKg: 0.3, shape: 'cylinder' },
  fork: { sizeM: 0.19, massKg: 0.04, shape: 'slab' },
  knife: { sizeM: 0.22, massKg: 0.06, shape: 'slab' },
  spoon: { sizeM: 0.17, massKg: 0.03, shape: 'slab' },
  bowl: { sizeM: 0.16, massKg: 0.35, shape: 'cylinder' },
  banana: { sizeM: 0.19, massKg: 0.12, shape: 'cylinder' },
  apple: { sizeM: 0.08, massKg: 0.18, shape: 'sphere' },
  sandwich: { sizeM: 0.13, massKg: 0.2, shape: 'slab' },
  orange: { sizeM: 0.075, massKg: 0.14, shape: 'sphere' },
  broccoli: { sizeM: 0.15, massKg: 0.3, shape: 'sphere' },
  carrot: { sizeM: 0.18, massKg: 0.07, shape: 'cylinder' },
  'hot dog': { sizeM: 0.18, massKg: 0.1, shape: 'cylinder' },
  pizza: { sizeM: 0.3, massKg: 0.8, shape: 'slab' },
  donut: { sizeM: 0.09, massKg: 0.06, shape: 'slab' },
  cake: { sizeM: 0.22, massKg: 1, shape: 'cylinder' },
  chair: { sizeM: 0.9, massKg: 7, shape: 'slab' },
  couch: { sizeM: 2, massKg: 50, shape: 'slab' },
  'potted plant': { sizeM: 0.5, massKg: 4, shape: 'slab' },
  bed: { sizeM: 2, massKg: 60, shape: 'slab' },
  'dining table': { sizeM: 1.5, massKg: 40, shape: 'slab' },
  toilet: { sizeM: 0.7, massKg: 40, shape: 'slab' },
  tv: { sizeM: 0.95, massKg: 10, shape: 'slab' },
  laptop: { sizeM: 0.33, massKg: 1.8, shape: 'slab' },
  mouse: { sizeM: 0.11, massKg: 0.1, shape: 'slab' },
  remote: { sizeM: 0.18, massKg: 0.12, shape: 'slab' },
  keyboard: { sizeM: 0.44, massKg: 0.8, shape: 'slab' },
  'cell phone': { sizeM: 0.15, massKg: 0.18, shape: 'slab' },
  microwave: { sizeM: 0.5, massKg: 15, shape: 'slab' },
  oven: { sizeM: 0.6, massKg: 40, shape: 'slab' },
  toaster: { sizeM: 0.3, massKg: 2, shape: 'slab' },
  sink: { sizeM: 0.55, massKg: 15, shape: 'slab' },
  refrigerator: { sizeM: 1.8, massKg: 80, shape: 'slab' },
  book: { sizeM: 0.24, massKg: 0.5, shape: 'slab' },
  clock: { sizeM: 0.3, massKg: 1, shape: 'slab' },
  vase: { sizeM: 0.3, massKg: 1.2, shape: 'cylinder' },
  scissors: { sizeM: 0.2, massKg: 0.08, shape: 'slab' },
  'teddy bear': { sizeM: 0.35, massKg: 0.4, shape: 'slab' },
  'hair drier': { sizeM: 0.25, massKg: 0.5, shape: 'slab' },
  toothbrush: { sizeM: 0.19, massKg: 0.02, shape: 'slab' },
};

/** Bulk density (kg/m³) that gives a class its typical mass at its typical size under its shape. */
export function bulkDensity(prior: ClassPrior): number {
  const d = prior.shape === 'sphere' ? prior.sizeM : prior.sizeM * 0.5;
  // A typical silhouette fills about π/4 of its bounding box (an ellipse): A ≈ π/4·size·d.
  const area = (Math.PI / 4) * prior.sizeM * d;
  return prior.massKg / (area * d * SHAPE_FACTOR[prior.shape]);
}
