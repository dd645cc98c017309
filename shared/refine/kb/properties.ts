/**
 * Physical and chemical properties that drive the refiner's inference, per material name (the
 * names of kb/materials.ts). Every number carries the reference it came from, so an explanation
 * can cite it. Values are for 1 atm and room temperature unless said. Sources, abbreviated:
 * - CRC: CRC Handbook of Chemistry and Physics, 97th ed. (melting/boiling points, densities,
 *   solubilities, refractive indices);
 * - Hecht: E. Hecht, Optics, 5th ed. (refractive indices of glasses, water, ice);
 * - NFPA: NFPA Fire Protection Handbook / SFPE Handbook (autoignition temperatures of solids);
 * - H&S: Housecroft & Sharpe, Inorganic Chemistry, 5th ed. (flame-test colours, indicators);
 * - Mohs: the Mohs scale as tabulated in Klein & Dutrow, Manual of Mineral Science, 23rd ed.;
 * - Beckett: S. T. Beckett, The Science of Chocolate (cocoa butter form V melts at 34 °C);
 * - Belitz: Belitz, Grosch & Schieberle, Food Chemistry, 4th ed. (butterfat, enzymatic browning).
 */
export interface Properties {
  /** °C: solid → liquid (and liquid → solid on cooling). */
  melt?: number;
  /** °C: liquid → gas at 1 atm. */
  boil?: number;
  /** °C: solid → gas directly at 1 atm (no liquid phase). */
  sublime?: number;
  /** g per 100 mL of water at 20 °C; 0 = insoluble. */
  solubility?: number;
  /** °C: the temperature at which it catches fire in air; absent = does not burn. */
  ignition?: number;
  /** Flame-test colour of its metal ion. */
  flame?: string;
  /** pH of the substance or its usual solution. */
  ph?: number;
  /** Reacts with acid giving gas: carbonates give CO₂, reactive metals give H₂. */
  acidGas?: 'carbon dioxide' | 'hydrogen';
  /** What air and water do to it over time. */
  corrodes?: { product: string; look: string; needs: 'water' | 'air' | 'sulfur' };
  /** Acid–base indicator colours. */
  indicator?: { acid: string; neutral: string; base: string; turn: number };
  refractiveIndex?: number;
  transparent?: boolean;
  /** Mohs hardness. */
  mohs?: number;
  source: string;
}

export const PROPERTIES: Record<string, Properties> = {
  water: { melt: 0, boil: 100, refractiveIndex: 1.333, transparent: true, ph: 7, source: 'CRC; Hecht' },
  'salt water': { melt: -2, boil: 101, refractiveIndex: 1.34, transparent: true, source: 'CRC (sea water freezes at about −1.9 °C)' },
  ice: { melt: 0, refractiveIndex: 1.31, transparent: true, mohs: 1.5, source: 'CRC; Hecht; Mohs' },
  snow: { melt: 0, source: 'CRC (water ice)' },
  'dry ice': { sublime: -78.5, source: 'CRC (carbon dioxide sublimes at −78.5 °C at 1 atm)' },
  iodine: { sublime: 40, source: 'CRC (iodine melts at 113.7 °C, but its vapour pressure makes it sublime visibly once warmed past about 40 °C)' },
  naphthalene: { sublime: 25, melt: 80, ignition: 526, source: 'CRC (naphthalene, mp 80.3 °C, sublimes at room temperature)' },
  butter: { melt: 28, source: 'Belitz (butterfat starts to melt near 28 °C and is fully liquid by 38 °C)' },
  chocolate: { melt: 28, source: 'Beckett (cocoa butter starts to melt near 28 °C; form V is fully melted at 34 °C)' },
  'ice cream': { melt: -3, source: 'Belitz (ice cream is fully soft above about −3 °C)' },
  wax: { melt: 58, ignition: 245, source: 'CRC (paraffin wax melts at 50–65 °C); NFPA' },
  lead: { melt: 327.5, boil: 1749, mohs: 1.5, source: 'CRC; Mohs' },
  tin: { melt: 231.9, mohs: 1.5, source: 'CRC; Mohs' },
  aluminium: { melt: 660.3, mohs: 2.75, acidGas: 'hydrogen', source: 'CRC; Mohs' },
  steel: {
    melt: 1450,
    mohs: 5.5,
    corrodes: { product: 'rust', look: 'reddish-brown flaky rust', needs: 'water' },
    source: 'CRC (carbon steel melts at 1425–1540 °C); Mohs',
  },
  iron: { melt: 1538, mohs: 4, acidGas: 'hydrogen', corrodes: { product: 'rust', look: 'reddish-brown flaky rust', needs: 'water' }, source: 'CRC; Mohs' },
  copper: {
    melt: 1084.6,
    mohs: 3,
    flame: 'blue-green',
    corrodes: { product: 'verdigris patina', look: 'a pale green patina', needs: 'water' },
    source: 'CRC; Mohs; H&S',
  },
  gold: { melt: 1064.2, mohs: 2.5, source: 'CRC; Mohs (gold does not corrode in air or water)' },
  silver: { melt: 961.8, mohs: 2.5, corrodes: { product: 'silver sulfide tarnish', look: 'a dark brown-black tarnish', needs: 'sulfur' }, source: 'CRC; Mohs' },
  zinc: { melt: 419.5, mohs: 2.5, acidGas: 'hydrogen', source: 'CRC; Mohs' },
  magnesium: { melt: 650, ignition: 650, acidGas: 'hydrogen', source: 'CRC; NFPA (magnesium ribbon ignites near its melting point and burns brilliant white)' },
  glass: { melt: 1400, refractiveIndex: 1.52, transparent: true, mohs: 5.5, source: 'CRC (soda-lime glass softens near 720 °C); Hecht; Mohs' },
  acrylic: { melt: 160, refractiveIndex: 1.49, transparent: true, mohs: 3, ignition: 460, source: 'CRC; Hecht' },
  diamond: { refractiveIndex: 2.42, transparent: true, mohs: 10, source: 'Hecht; Mohs' },
  quartz: { melt: 1670, refractiveIndex: 1.54, transparent: true, mohs: 7, source: 'CRC; Mohs' },
  ceramic: { mohs: 6, source: 'Mohs (glazed porcelain about 6–7)' },
  stone: { mohs: 6, source: 'Mohs (granite 6–7); does not burn' },
  chalk: { solubility: 0.0013, mohs: 1, acidGas: 'carbon dioxide', source: 'CRC (calcium carbonate); Mohs (chalk is very soft)' },
  slate: { mohs: 3.5, source: 'Mohs' },
  plastic: { melt: 130, ignition: 350, mohs: 2, source: 'CRC (polyethylene melts at 115–135 °C); NFPA' },
  rubber: { ignition: 350, source: 'NFPA (natural rubber ignites near 350 °C; it chars rather than melts)' },
  wood: { ignition: 300, mohs: 2, source: 'NFPA (dry wood ignites at 250–300 °C)' },
  paper: { ignition: 233, source: 'NFPA (paper ignites at about 233 °C)' },
  cloth: { ignition: 255, source: 'NFPA (cotton ignites at about 255 °C)' },
  sugar: { melt: 186, solubility: 200, ignition: 350, source: 'CRC (sucrose: 200 g/100 mL; decomposes from 186 °C)' },
  salt: { melt: 801, solubility: 36, flame: 'bright yellow-orange', mohs: 2.5, source: 'CRC (sodium chloride); H&S (sodium flame)' },
  'baking soda': { solubility: 9.6, ph: 8.3, acidGas: 'carbon dioxide', flame: 'bright yellow-orange', source: 'CRC (sodium bicarbonate)' },
  coffee: { boil: 100, solubility: 100, source: 'CRC (as water); spray-dried instant coffee dissolves completely' },
  aspirin: { solubility: 0.3, source: 'CRC (acetylsalicylic acid 0.3 g/100 mL; tablets hold disintegrants)' },
  'copper sulfate': { solubility: 32, flame: 'blue-green', source: 'CRC; H&S (blue hydrate loses its water above about 110 °C)' },
  'lithium salt': { solubility: 80, flame: 'crimson', source: 'H&S' },
  'sodium salt': { solubility: 36, flame: 'bright yellow-orange', source: 'H&S' },
  'potassium salt': { solubility: 34, flame: 'lilac', source: 'H&S' },
  'calcium salt': { solubility: 74, flame: 'orange-red', source: 'H&S' },
  'strontium salt': { solubility: 54, flame: 'crimson-red', source: 'H&S' },
  'barium salt': { solubility: 9, flame: 'apple-green', source: 'H&S' },
  sand: { solubility: 0, mohs: 7, source: 'CRC (quartz sand is insoluble); Mohs' },
  vinegar: { boil: 100, ph: 2.9, melt: -2, source: 'CRC (5% acetic acid, pH about 2.9)' },
  'lemon juice': { boil: 100, ph: 2.2, source: 'CRC (citric acid juice, pH 2–2.6)' },
  'hydrochloric acid': { ph: 0, source: 'CRC (1 M HCl)' },
  'sulfuric acid': { ph: -1, source: 'CRC (concentrated sulfuric acid is a strong dehydrating agent)' },
  'sodium hydroxide': { ph: 13, source: 'CRC (0.1 M NaOH)' },
  ammonia: { ph: 11.6, source: 'CRC (household ammonia)' },
  soap: { ph: 10, mohs: 1.5, source: 'CRC' },
  'red cabbage': { indicator: { acid: 'pink-red', neutral: 'purple', base: 'green', turn: 7 }, source: 'H&S (anthocyanin indicator)' },
  'blue litmus': { indicator: { acid: 'red', neutral: 'blue', base: 'blue', turn: 6 }, source: 'H&S (litmus turns red below about pH 4.5)' },
  'red litmus': { indicator: { acid: 'red', neutral: 'red', base: 'blue', turn: 8 }, source: 'H&S (litmus turns blue above about pH 8.3)' },
  phenolphthalein: { indicator: { acid: 'colourless', neutral: 'colourless', base: 'pink', turn: 8.2 }, source: 'H&S (colourless below pH 8.2, pink above)' },
  'universal indicator': { indicator: { acid: 'red', neutral: 'green', base: 'purple', turn: 7 }, source: 'H&S' },
  oil: {
    boil: 300,
    melt: -6,
    refractiveIndex: 1.47,
    transparent: true,
    ignition: 435,
    source: 'CRC (olive oil solidifies near −6 °C, smokes near 200 °C); Hecht',
  },
  honey: { refractiveIndex: 1.49, transparent: true, source: 'CRC' },
  milk: { melt: -0.5, boil: 100.2, source: 'CRC' },
  alcohol: { boil: 82.5, melt: -89, ignition: 399, source: 'CRC (isopropyl alcohol)' },
  nitrogen: { boil: -195.8, source: 'CRC (liquid nitrogen boils at −195.8 °C)' },
  petrol: { boil: 95, ignition: 280, refractiveIndex: 1.44, source: 'CRC; NFPA' },
  mercury: { melt: -38.8, boil: 356.7, source: 'CRC' },
  lava: { melt: 1000, source: 'CRC (basalt solidifies below about 1000–1100 °C)' },
  jelly: { melt: 35, source: 'Belitz (gelatin gels melt near 35 °C)' },
  flesh: { source: 'Belitz (cut fruit browns as polyphenol oxidase meets air)' },
  feather: { ignition: 300, source: 'NFPA' },
};

export function propertiesOf(material: string | null | undefined): Properties | undefined {
  return material ? PROPERTIES[material] : undefined;
}
