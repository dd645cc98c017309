import { COCO_CLASSES } from './coco';

/**
 * How a prompt's noun reaches a detector class: its own name, a synonym (a "soccer ball" is a
 * COCO "sports ball"), or a family (a lemon is found among oranges: both citrus; "fruit" among
 * apples, oranges and bananas). Weights rank the ways: a class name beats a synonym beats a family.
 */
export type Via = 'class' | 'synonym' | 'family';
export const VIA_WEIGHT: Record<Via, number> = { class: 1, synonym: 0.9, family: 0.6 };

const SYNONYMS: Record<string, string[]> = {
  person: [
    'man',
    'woman',
    'child',
    'kid',
    'boy',
    'girl',
    'player',
    'people',
    'human',
    'athlete',
    'footballer',
    'runner',
    'baby',
    'astronaut',
    'skater',
    'surfer',
    'guy',
    'lady',
    'gentleman',
    'soldier',
    'guard',
    'officer',
    'worker',
    'walker',
    'hiker',
    'dancer',
    'driver',
    'rider',
    'student',
    'teacher',
    'chef',
    'waiter',
    'customer',
    'friend',
    'mother',
    'father',
    'mum',
    'mom',
    'dad',
    'grandma',
    'grandpa',
    'toddler',
    'teenager',
    'adult',
    'pedestrian',
    'tourist',
    'passenger',
  ],
  bicycle: ['bike', 'cycle'],
  car: ['automobile', 'taxi', 'van', 'jeep'],
  motorcycle: ['motorbike', 'scooter', 'moped'],
  airplane: ['plane', 'aeroplane', 'jet', 'aircraft', 'airliner'],
  truck: ['lorry', 'pickup'],
  train: ['locomotive', 'engine', 'steam engine', 'tram', 'railcar', 'carriage'],
  boat: ['ship', 'canoe', 'kayak', 'yacht', 'sailboat'],
  bench: ['park bench'],
  bird: ['pigeon', 'seagull', 'gull', 'duck', 'sparrow', 'parrot', 'crow', 'owl', 'chicken', 'hen', 'swan', 'goose', 'penguin', 'eagle', 'robin', 'duckling'],
  cat: ['kitten', 'kitty'],
  dog: ['puppy', 'hound'],
  horse: ['pony', 'foal'],
  cow: ['bull', 'calf', 'cattle'],
  backpack: ['rucksack', 'knapsack'],
  handbag: ['bag', 'purse'],
  suitcase: ['luggage'],
  frisbee: ['flying disc', 'disc'],
  'sports ball': [
    'ball',
    'football',
    'soccer ball',
    'basketball',
    'tennis ball',
    'volleyball',
    'baseball',
    'softball',
    'golf ball',
    'beach ball',
    'rugby ball',
    'handball',
    'netball',
  ],
  'baseball bat': ['bat'],
  'baseball glove': ['glove', 'mitt'],
  'tennis racket': ['racket', 'racquet'],
  bottle: ['flask', 'jar'],
  'wine glass': ['glass', 'goblet', 'wineglass'],
  cup: ['mug', 'teacup', 'espresso cup', 'coffee cup', 'tumbler', 'espresso', 'beaker'],
  bowl: ['dish', 'basin'],
  banana: ['plantain'],
  apple: [],
  orange: ['tangerine', 'mandarin', 'clementine'],
  donut: ['doughnut'],
  cake: ['cupcake', 'muffin'],
  chair: ['stool', 'seat', 'armchair'],
  couch: ['sofa', 'settee'],
  'potted plant': ['plant', 'houseplant', 'pot plant', 'flowerpot'],
  'dining table': ['table', 'desk', 'counter', 'worktop'],
  tv: ['television', 'monitor', 'screen'],
  laptop: ['notebook computer', 'computer'],
  'cell phone': ['phone', 'smartphone', 'mobile', 'cellphone', 'mobile phone'],
  book: ['novel', 'notebook', 'textbook'],
  vase: ['urn', 'jug', 'pitcher'],
  'teddy bear': ['teddy', 'plush toy', 'stuffed toy', 'soft toy'],
  clock: ['alarm clock', 'watch'],
  remote: ['remote control'],
  sink: ['washbasin'],
};

/** Family words and the classes they reach. */
const FAMILIES: Record<string, string[]> = {
  fruit: ['apple', 'orange', 'banana'],
  citrus: ['orange'],
  lemon: ['orange', 'apple'],
  lime: ['orange', 'apple'],
  grapefruit: ['orange'],
  peach: ['orange', 'apple'],
  pear: ['apple'],
  tomato: ['apple', 'orange'],
  plum: ['apple'],
  melon: ['orange'],
  vegetable: ['broccoli', 'carrot'],
  rabbit: ['cat', 'dog', 'teddy bear', 'sheep'],
  bunny: ['cat', 'dog', 'teddy bear', 'sheep'],
  squirrel: ['cat', 'dog', 'bird', 'teddy bear'],
  hamster: ['cat', 'dog', 'teddy bear', 'mouse'],
  fox: ['dog', 'cat'],
  wolf: ['dog'],
  goat: ['sheep', 'cow', 'dog'],
  deer: ['horse', 'cow', 'sheep'],
  pig: ['sheep', 'cow', 'dog'],
  lamb: ['sheep'],
  donkey: ['horse'],
  robot: ['teddy bear', 'person'],
  doll: ['teddy bear', 'person'],
  figurine: ['teddy bear', 'person', 'vase'],
  animal: ['cat', 'dog', 'horse', 'sheep', 'cow', 'bird', 'elephant', 'bear', 'zebra', 'giraffe'],
  pet: ['cat', 'dog'],
  vehicle: ['car', 'truck', 'bus', 'motorcycle', 'bicycle', 'train', 'boat', 'airplane'],
  rocket: ['airplane'],
  furniture: ['chair', 'couch', 'bed', 'dining table', 'bench'],
  container: ['cup', 'bowl', 'bottle', 'vase', 'wine glass'],
  can: ['cup', 'bottle'],
  tin: ['cup', 'bottle'],
  toy: ['teddy bear', 'sports ball', 'kite'],
  food: ['sandwich', 'pizza', 'donut', 'cake', 'hot dog', 'apple', 'orange', 'banana', 'broccoli', 'carrot'],
  ball: ['orange', 'apple'],
  egg: ['apple', 'orange'],
  balloon: ['sports ball', 'kite'],
  box: ['suitcase', 'book', 'tv', 'microwave'],
  block: ['book', 'suitcase'],
  shelf: ['dining table', 'bench'],
  plate: ['bowl', 'dining table'],
  tray: ['dining table'],
  pot: ['vase', 'bowl', 'potted plant'],
  kettle: ['vase', 'bottle'],
  teapot: ['vase', 'cup'],
  computer: ['laptop', 'tv', 'keyboard'],
  device: ['cell phone', 'remote', 'laptop'],
};

/** Classes this detector confuses (a cat called "dog", a ball called "orange"): a named class also finds these. */
const SIMILAR: Record<string, string[]> = {
  cat: ['dog', 'teddy bear'],
  dog: ['cat', 'sheep', 'teddy bear'],
  'sports ball': ['orange', 'apple', 'frisbee', 'clock'],
  orange: ['apple', 'sports ball'],
  apple: ['orange', 'sports ball'],
  cup: ['bowl', 'vase', 'wine glass', 'bottle'],
  bowl: ['cup', 'vase'],
  'wine glass': ['cup', 'bottle', 'vase'],
  bottle: ['vase', 'wine glass', 'cup'],
  vase: ['bottle', 'cup', 'potted plant'],
  car: ['truck', 'bus'],
  truck: ['car', 'bus'],
  bicycle: ['motorcycle'],
  motorcycle: ['bicycle'],
  train: ['bus', 'truck'],
  bus: ['truck', 'train'],
  'dining table': ['bench', 'bed', 'desk'],
  couch: ['chair', 'bed'],
  chair: ['couch', 'bench'],
  bird: ['airplane', 'kite'],
  airplane: ['bird', 'kite'],
  'teddy bear': ['dog', 'cat', 'bear'],
  donut: ['cake', 'orange'],
  cake: ['donut', 'sandwich'],
  'cell phone': ['remote', 'laptop'],
  laptop: ['tv', 'keyboard'],
  tv: ['laptop', 'microwave'],
  book: ['laptop', 'cell phone'],
};

const CLASS_SET = new Set<string>(COCO_CLASSES);

/** Every way `noun` (singular, lower case) reaches a COCO class, best first. */
export function classesFor(noun: string): Array<{ cocoClass: string; via: Via }> {
  const out: Array<{ cocoClass: string; via: Via }> = [];
  const add = (cocoClass: string, via: Via) => {
    if (!out.some((o) => o.cocoClass === cocoClass)) out.push({ cocoClass, via });
  };
  const head = noun.split(' ').at(-1) ?? noun;
  for (const n of noun === head ? [noun] : [noun, head]) {
    if (CLASS_SET.has(n)) add(n, 'class');
    for (const [cls, words] of Object.entries(SYNONYMS)) if (words.includes(n)) add(cls, 'synonym');
    for (const cls of FAMILIES[n] ?? []) add(cls, 'family');
  }
  for (const o of [...out]) if (o.via !== 'family') for (const cls of SIMILAR[o.cocoClass] ?? []) add(cls, 'family');
  return out;
}

/** Whether a noun names something the detector, or our tables, know: used to read prompts. */
export function isKnownThing(noun: string): boolean {
  return classesFor(noun).length > 0;
}

/** Stuff, not things: no region is ever labelled with these, and no notice asks the user to find them. */
export const STUFF = new Set(
  'water coffee tea milk juice wine beer oil honey soup liquid smoke steam fire flame light shadow wind rain snow fog mist dust sand air gas foam paint ink syrup sauce cream'.split(
    ' ',
  ),
);

/** Things that hold up other things: static unless the prompt makes them move. */
export const SUPPORT_CLASSES = new Set(['dining table', 'bench', 'bed', 'couch', 'chair', 'toilet', 'sink', 'refrigerator', 'oven']);
/** What a detected class is made of, for friction and bounciness when the prompt does not say. */
export const CLASS_MATERIAL: Record<string, string> = {
  'sports ball': 'rubber',
  frisbee: 'plastic',
  cup: 'ceramic',
  bowl: 'ceramic',
  vase: 'ceramic',
  toilet: 'ceramic',
  sink: 'ceramic',
  'wine glass': 'glass',
  bottle: 'glass',
  book: 'paper',
  'teddy bear': 'cloth',
  backpack: 'cloth',
  handbag: 'cloth',
  'dining table': 'wood',
  chair: 'wood',
  bench: 'wood',
  bed: 'wood',
  'baseball bat': 'wood',
  car: 'steel',
  truck: 'steel',
  bus: 'steel',
  train: 'steel',
  bicycle: 'steel',
  motorcycle: 'steel',
  airplane: 'aluminium',
  fork: 'steel',
  knife: 'steel',
  spoon: 'steel',
  scissors: 'steel',
  person: 'flesh',
  cat: 'flesh',
  dog: 'flesh',
  horse: 'flesh',
  bird: 'flesh',
  apple: 'flesh',
  orange: 'flesh',
  banana: 'flesh',
  donut: 'dough',
  cake: 'dough',
  sandwich: 'dough',
  pizza: 'dough',
};

export const SUPPORT_NOUNS = new Set(['table', 'desk', 'shelf', 'counter', 'floor', 'ground', 'bench', 'stool', 'ramp', 'plank', 'board', 'tray', 'worktop', 'tablecloth', 'cloth', 'carpet', 'rug', 'mat', 'cardboard', 'step', 'bar']);
