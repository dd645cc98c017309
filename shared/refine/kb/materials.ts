import type { MatterState } from './types';

/**
 * Materials with typical physical properties. Densities in kg/m³ are textbook room-temperature
 * values; restitution (bounciness against a hard floor), friction (against wood) and brittleness
 * are typical values rounded for animation, not measurements of a particular sample.
 */
export interface Material {
  name: string;
  /** Words that name the material in prompts, including adjective forms ("wooden"). */
  aliases: string[];
  density: number;
  restitution: number;
  friction: number;
  brittleness: number;
  state: MatterState;
}

const m = (name: string, aliases: string[], density: number, restitution: number, friction: number, brittleness: number, state: MatterState): Material => ({
  name,
  aliases: [name, ...aliases],
  density,
  restitution,
  friction,
  brittleness,
  state,
});

export const MATERIALS: Material[] = [
  m('rubber', ['rubbery'], 1100, 0.8, 0.9, 0.0, 'elastic'),
  m('wood', ['wooden', 'timber', 'oak', 'pine', 'plank'], 700, 0.45, 0.4, 0.2, 'rigid'),
  m('glass', ['glassy', 'crystal'], 2500, 0.5, 0.4, 0.95, 'rigid'),
  m('ceramic', ['porcelain', 'china', 'clay pot', 'earthenware', 'tile', 'tiled', 'terracotta'], 2400, 0.3, 0.5, 0.9, 'rigid'),
  m('steel', ['metal', 'metallic', 'chrome'], 7850, 0.6, 0.5, 0.05, 'rigid'),
  m('iron', ['cast iron'], 7870, 0.5, 0.5, 0.1, 'rigid'),
  m('aluminium', ['aluminum', 'foil'], 2700, 0.5, 0.45, 0.05, 'rigid'),
  m('copper', ['brass', 'bronze'], 8960, 0.5, 0.5, 0.05, 'rigid'),
  m('gold', ['golden'], 19300, 0.4, 0.5, 0.02, 'rigid'),
  m('lead', [], 11340, 0.2, 0.6, 0.02, 'rigid'),
  m('stone', ['rock', 'granite', 'marble stone', 'boulder', 'pebble', 'brick', 'concrete', 'gravel'], 2600, 0.3, 0.6, 0.5, 'rigid'),
  m('diamond', [], 3510, 0.6, 0.1, 0.3, 'rigid'),
  m('plastic', ['plastic', 'lego', 'polyethylene'], 950, 0.6, 0.35, 0.2, 'rigid'),
  m('foam', ['styrofoam', 'polystyrene', 'sponge'], 50, 0.3, 0.6, 0.1, 'deformable'),
  m('cork', [], 240, 0.5, 0.5, 0.1, 'rigid'),
  m('paper', ['cardboard', 'carton'], 700, 0.1, 0.5, 0.1, 'deformable'),
  m('cloth', ['fabric', 'cotton', 'silk', 'wool', 'cloth', 'towel', 'flag', 'curtain', 'sheet'], 300, 0.05, 0.7, 0.0, 'cloth'),
  m('jelly', ['jello', 'gelatin', 'gummy', 'slime'], 1050, 0.3, 0.8, 0.0, 'deformable'),
  m('dough', ['clay', 'putty', 'plasticine', 'play-doh'], 1400, 0.05, 0.9, 0.0, 'deformable'),
  m('ice', ['icy', 'ice cube'], 917, 0.3, 0.05, 0.7, 'rigid'),
  m('snow', ['snowy'], 300, 0.05, 0.3, 0.2, 'granular'),
  m('sand', ['sandy'], 1600, 0.05, 0.6, 0.0, 'granular'),
  m('wax', ['candle wax'], 900, 0.3, 0.4, 0.3, 'rigid'),
  m('chocolate', [], 1300, 0.2, 0.5, 0.6, 'rigid'),
  m('butter', [], 911, 0.05, 0.3, 0.1, 'deformable'),
  m('water', ['aqueous'], 1000, 0, 0, 0, 'liquid'),
  m('honey', ['syrup', 'molasses', 'treacle'], 1420, 0, 0, 0, 'liquid'),
  m('oil', ['olive oil', 'cooking oil'], 920, 0, 0, 0, 'liquid'),
  m('milk', [], 1030, 0, 0, 0, 'liquid'),
  m('coffee', ['tea', 'juice', 'wine', 'soda', 'lemonade', 'beer', 'ink'], 1000, 0, 0, 0, 'liquid'),
  // Added for the refiner's property inference (kb/properties.ts holds their other properties).
  m('salt water', ['seawater', 'brine'], 1025, 0, 0, 0, 'liquid'),
  m('dry ice', [], 1560, 0.3, 0.1, 0.6, 'rigid'),
  m('iodine', [], 4930, 0.1, 0.5, 0.8, 'granular'),
  m('naphthalene', ['mothball'], 1140, 0.3, 0.5, 0.5, 'rigid'),
  m('ice cream', ['gelato'], 550, 0.05, 0.3, 0.0, 'deformable'),
  m('tin', ['pewter'], 7287, 0.3, 0.5, 0.05, 'rigid'),
  m('silver', ['silverware', 'sterling'], 10490, 0.4, 0.5, 0.02, 'rigid'),
  m('zinc', ['galvanised', 'galvanized'], 7140, 0.4, 0.5, 0.1, 'rigid'),
  m('magnesium', [], 1738, 0.4, 0.5, 0.1, 'rigid'),
  m('acrylic', ['perspex', 'plexiglass'], 1180, 0.5, 0.4, 0.5, 'rigid'),
  m('quartz', ['amethyst'], 2650, 0.4, 0.3, 0.8, 'rigid'),
  m('chalk', ['limestone', 'seashell', 'eggshell', 'calcium carbonate'], 2500, 0.2, 0.6, 0.7, 'rigid'),
  m('slate', ['blackboard', 'chalkboard'], 2800, 0.3, 0.5, 0.6, 'rigid'),
  m('sugar', ['sucrose', 'sugary'], 1590, 0.1, 0.5, 0.7, 'granular'),
  m('salt', ['salty'], 2170, 0.1, 0.5, 0.7, 'granular'),
  m('baking soda', ['bicarbonate', 'bicarb'], 2200, 0.1, 0.5, 0.5, 'granular'),
  m('aspirin', ['paracetamol', 'ibuprofen'], 1400, 0.2, 0.5, 0.6, 'rigid'),
  m('copper sulfate', ['copper sulphate'], 2290, 0.1, 0.5, 0.7, 'granular'),
  m('lithium salt', ['lithium'], 2068, 0.1, 0.5, 0.7, 'granular'),
  m('sodium salt', ['sodium'], 2170, 0.1, 0.5, 0.7, 'granular'),
  m('potassium salt', ['potassium'], 1984, 0.1, 0.5, 0.7, 'granular'),
  m('calcium salt', ['calcium'], 2150, 0.1, 0.5, 0.7, 'granular'),
  m('strontium salt', ['strontium'], 3050, 0.1, 0.5, 0.7, 'granular'),
  m('barium salt', ['barium'], 3240, 0.1, 0.5, 0.7, 'granular'),
  m('vinegar', [], 1010, 0, 0, 0, 'liquid'),
  m('lemon juice', [], 1030, 0, 0, 0, 'liquid'),
  m('hydrochloric acid', ['hydrochloric'], 1020, 0, 0, 0, 'liquid'),
  m('sulfuric acid', ['sulfuric', 'sulphuric'], 1830, 0, 0, 0, 'liquid'),
  m('sodium hydroxide', ['lye', 'caustic soda'], 1040, 0, 0, 0, 'liquid'),
  m('ammonia', [], 960, 0, 0, 0, 'liquid'),
  m('soap', ['soapy'], 1100, 0.2, 0.2, 0.2, 'deformable'),
  m('red cabbage', ['purple cabbage'], 1000, 0, 0, 0, 'liquid'),
  m('blue litmus', [], 700, 0.1, 0.5, 0.1, 'deformable'),
  m('red litmus', ['litmus'], 700, 0.1, 0.5, 0.1, 'deformable'),
  m('phenolphthalein', [], 800, 0, 0, 0, 'liquid'),
  m('universal indicator', [], 1000, 0, 0, 0, 'liquid'),
  m('alcohol', ['ethanol', 'isopropyl'], 786, 0, 0, 0, 'liquid'),
  m('nitrogen', [], 808, 0, 0, 0, 'liquid'),
  m('petrol', ['gasoline', 'diesel', 'kerosene'], 740, 0, 0, 0, 'liquid'),
  m('lava', ['magma', 'molten'], 2600, 0, 0, 0, 'liquid'),
  m('mercury', [], 13530, 0, 0, 0, 'liquid'),
  m('air', [], 1.2, 0, 0, 0, 'gas'),
  m('steam', ['vapour', 'vapor'], 0.6, 0, 0, 0, 'gas'),
  m('smoke', ['fog', 'mist'], 1.2, 0, 0, 0, 'gas'),
  m('helium', [], 0.18, 0, 0, 0, 'gas'),
  m('feather', ['feathers'], 50, 0.05, 0.5, 0.0, 'deformable'),
  m('flesh', ['fur'], 1000, 0.2, 0.6, 0.0, 'deformable'),
];

const BY_ALIAS = new Map<string, Material>();
for (const material of MATERIALS) for (const alias of material.aliases) BY_ALIAS.set(alias, material);

export function materialByWord(word: string): Material | undefined {
  return BY_ALIAS.get(word.toLowerCase());
}

export function materialByName(name: string): Material | undefined {
  return MATERIALS.find((x) => x.name === name);
}
