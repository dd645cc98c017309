/**
 * Conditions read from the prompt's words: the temperature path, heat and cold sources, how
 * things are placed on or into liquids, light and the media it passes through, contact between
 * substances, rubbing and writing, and the time scale. Pure and regex-based: the prompt is short
 * and these cues are fixed phrases, so a pass over the lower-cased text is cheap and predictable.
 */

export interface HeatSource {
  /** The words that named it ("hot frying pan"). */
  text: string;
  /** Typical temperature it brings the thing in contact to, °C. */
  celsius: number;
  /** A flame (ignites what can burn), as opposed to a hot surface or warm air. */
  flame: boolean;
}

export interface TemperaturePath {
  /** °C at the start, when the text gives it or implies it (freezer, fridge). */
  from: number | null;
  /** The highest temperature the path reaches, °C. */
  max: number | null;
  /** The lowest temperature the path reaches, °C. */
  min: number | null;
  direction: 'up' | 'down' | null;
  /** Where the numbers or words came from, for the explanation. */
  basis: string;
}

export interface Conditions {
  text: string;
  temperature: TemperaturePath;
  heat: HeatSource | null;
  /** A heat source without a number we can cite ("heated", "warmed"). */
  heatedVaguely: boolean;
  /** Cold source or setting ("freezer", "winter night"), with its typical °C. */
  cold: { text: string; celsius: number } | null;
  /** How a solid meets a liquid. */
  placement: 'into' | 'gently-on-surface' | 'released-under' | null;
  /** Falls or is dropped (not into a liquid's depth by lowering). */
  falls: boolean;
  /** Height words → metres, when given. */
  height: { text: string; metres: number } | null;
  /** Thrown, kicked, launched. */
  thrown: boolean;
  /** Tipped, knocked sideways, nudged at the top: rotates about its base. */
  tips: boolean;
  /** Pushed or slid along a surface and left to coast. */
  slides: boolean;
  /** On a slope or released to roll. */
  slope: boolean;
  /** Light source in the scene. */
  light: string | null;
  /** One strong, directional light (a lamp, a low sun, a projector). */
  singleLight: boolean;
  humid: boolean;
  /** Clear sky night or still cold air (radiative cooling). */
  clearNight: boolean;
  /** Sun, breeze, days in the open air: what dries things. */
  drying: boolean;
  /** Hours to years pass (time-lapse, "left for a week"). */
  longTime: boolean;
  /** Rubbed, written, drawn, scraped or dragged across a surface. */
  rubbing: boolean;
  /** Stirred, mixed, dissolved in, spooned into, added to. */
  mixing: boolean;
  timeScale: 'slow' | 'normal' | 'fast';
}

const has = (text: string, re: RegExp) => re.test(text);

/** Heat sources, most specific first; temperatures are typical values for the cited device. */
const HEAT: Array<{ re: RegExp; celsius: number; flame: boolean }> = [
  { re: /\b(blow ?torch|blowtorch|welding torch|oxy-?acetylene)\b/, celsius: 1900, flame: true },
  { re: /\bbunsen( burner)?\b|\b(gas |hottest part of a )?burner flame\b|\bburner\b/, celsius: 1500, flame: true },
  { re: /\b(forge|furnace|kiln)\b/, celsius: 1200, flame: true },
  { re: /\b(campfire|bonfire|fireplace|camp fire|burning logs|wood stove|log fire)\b/, celsius: 800, flame: true },
  {
    re: /\b(candle flame|over a candle|lighter|match is struck|struck match|lit match|(gas|blue) flame|flame of|in(to)? the flame|in a flame|high flame|low flame|flame)\b/,
    celsius: 1000,
    flame: true,
  },
  { re: /\b(molten|glowing|red-hot|white-hot)\b/, celsius: 1000, flame: false },
  { re: /\b(hot frying pan|hot pan|hot skillet|hot plate|hotplate|griddle|hot hob|sizzling pan|heating on|frying pan|skillet)\b/, celsius: 200, flame: false },
  { re: /\b(gas stove|stove|hob|cooker)\b/, celsius: 200, flame: false },
  { re: /\boven\b/, celsius: 180, flame: false },
  { re: /\bboiling water\b/, celsius: 100, flame: false },
  { re: /\b(hot tea|hot coffee|hot water|hot chocolate|hot soup)\b/, celsius: 80, flame: false },
  { re: /\b(dashboard|parked car)\b/, celsius: 60, flame: false },
  { re: /\b(hair ?dryer|radiator|heater|water bath)\b/, celsius: 60, flame: false },
  { re: /\b(hot (day|afternoon|sun|summer)|heatwave|desert|scorching|sun-baked|baking sun)\b/, celsius: 40, flame: false },
  { re: /\b(sunny|in the sun|summer sun|sunlit|sunshine|summer|morning sun|the sun warms|sun comes out)\b/, celsius: 35, flame: false },
  { re: /\babove freezing\b/, celsius: 5, flame: false },
  { re: /\b(warm hand|in (a|his|her|my) hand|held in (a |the )?(warm )?(hand|palm|fist)|palm of)\b/, celsius: 33, flame: false },
  { re: /\b(warm water|warm room|warm kitchen|warm lemonade|warm)\b/, celsius: 30, flame: false },
];

const COLD: Array<{ re: RegExp; celsius: number }> = [
  { re: /\bliquid nitrogen\b/, celsius: -196 },
  { re: /\bfreezer\b/, celsius: -18 },
  { re: /\b(far below freezing|bitter(ly)? cold|arctic|sub-zero|subzero)\b/, celsius: -15 },
  { re: /\b(below freezing|freezing (night|air|cold|weather)|frosty|winter night|cold clear night|clear winter night)\b/, celsius: -5 },
  { re: /\b(fridge|refrigerator|chilled|ice-cold|ice cold|iced)\b/, celsius: 4 },
  { re: /\b(cold marble|cold plate|cold water|cold ocean|cold sea|cold window|cold mirror|cold)\b/, celsius: 10 },
];

/** Numbers with a temperature unit: "-10°C", "400 °C", "-12 °F", "300 K", "minus 5 degrees". */
const TEMPERATURE =
  /(?:(minus\s*)|([-−]))?(\d+(?:\.\d+)?)\s*(?:°|º|degrees?\s*)\s*(c\b|celsius|f\b|fahrenheit|k\b|kelvin)?|(?:([-−]))?(\d+(?:\.\d+)?)\s*(k|kelvin)\b/g;

export function toCelsius(value: number, unit: string): number {
  if (unit.startsWith('f')) return ((value - 32) * 5) / 9;
  if (unit.startsWith('k')) return value - 273.15;
  return value;
}

function readTemperatures(text: string): number[] {
  const values: number[] = [];
  for (const m of text.matchAll(TEMPERATURE)) {
    if (m[3] !== undefined) {
      const sign = m[1] || m[2] ? -1 : 1;
      values.push(toCelsius(sign * Number(m[3]), m[4] ?? 'c'));
    } else if (m[6] !== undefined) {
      values.push(toCelsius((m[5] ? -1 : 1) * Number(m[6]), 'k'));
    }
  }
  return values.map((v) => Math.round(v * 10) / 10);
}

const HEIGHTS: Array<{ re: RegExp; metres: number }> = [
  { re: /\b(second|2nd) floor\b/, metres: 6 },
  { re: /\b(third|3rd) floor\b|\brooftop\b|\broof\b/, metres: 9 },
  { re: /\bbalcony\b/, metres: 4 },
  { re: /\bshoulder height\b/, metres: 1.5 },
  { re: /\bwaist height\b/, metres: 1 },
  { re: /\b(table|counter|desk|worktop|shelf|kitchen counter|edge of the counter|hands)\b/, metres: 0.9 },
];

export function readConditions(prompt: string): Conditions {
  const text = ` ${prompt
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}°º'.,−-]+/gu, ' ')
    .replace(/\s+/g, ' ')} `;
  const numbers = readTemperatures(text);
  const heatRule = HEAT.find((h) => h.re.test(text));
  const heatMatch = heatRule ? (text.match(heatRule.re)?.[0] ?? '') : '';
  let heat: HeatSource | null = heatRule ? { text: heatMatch.trim(), celsius: heatRule.celsius, flame: heatRule.flame } : null;
  // A hot drink heats only what goes into it ("sugar stirred into hot tea"), not the whole scene.
  if (
    heat &&
    /^(hot|warm) (tea|coffee|water|chocolate|soup|lemonade)$/.test(heat.text) &&
    !/\b(into|in)\b[^.]{0,30}\b(hot|warm) (tea|coffee|water|chocolate|soup|lemonade)\b/.test(text)
  )
    heat = null;
  // Over a flame but inside a pan, spoon or tube: heated through the vessel, not in the flame.
  const vessel = text.match(/\b(in|into) (a|the|his|her) ([\w-]+ )?(saucepan|pan|pot|skillet|beaker|test tube|spoon|flask|water bath|kettle)\b/);
  if (heat?.flame && heat.celsius < 1200 && vessel) heat = { text: `the ${vessel[4]} over the ${heat.text}`, celsius: 250, flame: false };
  const coldRule = COLD.find((c) => c.re.test(text));
  const cold = coldRule ? { text: (text.match(coldRule.re)?.[0] ?? '').trim(), celsius: coldRule.celsius } : null;
  const rises = has(text, /\b(rises?|rising|climbs?|climbing|warms?|warming|warmed|heats?|heated|heating|increases?|goes up|up to)\b/);
  const drops = has(text, /\b(drops? to|falls? (to|below)|falling (to|from)|cools?|cooled|cooling|decreases?|goes down|plunges? to|down to)\b/);
  const fromTo = text.match(/from\s+(?:minus\s*|[-−])?\d/);

  let from: number | null = null;
  let max: number | null = null;
  let min: number | null = null;
  let basis = '';
  if (numbers.length > 0) {
    if (fromTo && numbers.length >= 2) from = numbers[0] as number;
    max = Math.max(...numbers);
    min = Math.min(...numbers);
    basis = numbers.map((n) => `${n} °C`).join(' → ');
  }
  if (heat) {
    // A number given with the source wins ("heated to 400°C"); the source's typical value otherwise.
    if (max === null || (!rises && numbers.length === 0)) max = heat.celsius;
    if (!basis) basis = `${heat.text} (about ${heat.celsius} °C)`;
  }
  // "gently warmed", "heated" with no number or source: at least warm to the touch, about 60 °C.
  if (!heat && max === null && /\b(heated|heating|warmed|warming|gently warmed)\b/.test(text)) {
    max = 60;
    basis = 'warmed (taken as about 60 °C)';
  }
  if (cold) {
    if (min === null) min = cold.celsius;
    if (!basis) basis = `${cold.text} (about ${cold.celsius} °C)`;
  }
  if (from === null && has(text, /\broom temperature\b/)) from = 21;
  const direction = drops && !rises ? 'down' : rises || heat ? 'up' : cold ? 'down' : null;

  const heightRule = HEIGHTS.find((h) => h.re.test(text));
  const timeScale = has(text, /\b(slow[- ]?motion|slow[- ]?mo|high-speed camera|high speed camera|\d{3,4} ?fps)\b/)
    ? 'slow'
    : has(text, /\b(time-?lapse|time lapse|timelapse|fast forward|sped up|hyperlapse)\b/)
      ? 'fast'
      : 'normal';
  return {
    text,
    temperature: { from, max, min, direction, basis },
    heat,
    heatedVaguely: !heat && has(text, /\b(heated|heating|warmed|warming|heat|gently warmed)\b/),
    cold,
    placement: has(
      text,
      /\b(gently|carefully|delicately)\b[^.]{0,40}\b(on|onto|on top of)\b[^.]{0,20}\b(surface|top of the water|water)\b|\b(laid|set|placed|lays?) (flat )?on (the )?(surface|top of the water)\b/,
    )
      ? 'gently-on-surface'
      : has(text, /\b(let go|released?|pushed)\b[^.]{0,30}\b(at the bottom|under ?water|underwater|beneath)\b|\bpushed under\b|\bheld under\b/)
        ? 'released-under'
        : has(
              text,
              /\b(dropped|drops?|lowered|tossed|thrown|throws?|placed|put|set|rolled|released|slips?|slipped|dipped|plunged|falls?|fell|sinks?|goes|added|tipped|poured|stirred|spooned|cannonballs?|dives?|jumps?|kicks?|laid|lays?|floats?|lands?|lowers?)\b[^.]{0,25}\b(into|in)\b[^.]{0,40}\b(water|tank|aquarium|pond|lake|river|sea|ocean|pool|bath|bathtub|tub|fountain|honey|milk|oil|mercury|tea|coffee|lemonade|juice|vinegar|acid|bucket|glass|beaker|bowl|cup|jar|barrel|puddle)\b|\bover the side\b|\bset down on (a|the) (pond|lake|water)\b|\bplaced in (a|the) full\b|\b(lowered|dropped|tossed|thrown|rolled|put|placed|dipped|plunged|sinks?) (in|into)\b/,
            )
          ? 'into'
          : null,
    falls:
      !has(text, /\b(sun)?light falls\b/) &&
      has(
        text,
        /\b(released (above|from)|drops?(?! of| to| below| by)|dropped(?! to)|dropping|falls?(?! below| to -| over)|falling(?! to)|fell(?! over)|knocked off|knocks? (it )?off|slips?|slipped|slipping|comes? loose|came loose|tumbles?|let go of|lets go of|steps? out|over the edge|off the edge|rolls? off|jumps?|cannonballs?)\b/,
      ),
    height: heightRule ? { text: (text.match(heightRule.re)?.[0] ?? '').trim(), metres: heightRule.metres } : null,
    thrown: has(
      text,
      /\b(throws?|thrown|threw|tosse?s?|tossed|kicks?|kicked|launche?s?|launched|fires?|fired|hurls?|hurled|flings?|flung|lobs?|lobbed|shoots?|releases an arrow|chips?)\b/,
    ),
    tips: has(
      text,
      /\b(tips? over|tipped over|tips|tipping|topples?|toppled|knocked (over|sideways)|knocks? (it )?over|falls? over|fell over|nudged|bumped|flicked|overturns?|keels? over|wobbles?)\b/,
    ),
    slides: has(
      text,
      /\b(push(ed)? (along|across)|shoved?|slid|slides?|sliding|given a push|coasts?|coasting|skids?|brakes?|braking|glides?|released on the (ice|rink)|curling stone|puck)\b/,
    ),
    slope: has(text, /\b(ramp|slope|sloping|sloped|incline|inclined|tilted board|hill|downhill|down the lane|lane|steep|released at the top|tilted)\b/),
    light:
      text.match(
        /\b(laser( pointer)?|flashlight|torch|beam|sunlight|sun|lamp|headlights|spotlight|projector|street lamp|sunset|sunrise|light|dawn|dusk|morning sun|moonlight)\b/,
      )?.[0] ?? null,
    singleLight: has(
      text,
      /\b(single (lamp|light|bulb|candle)|desk lamp|street lamp|streetlamp|spotlight|projector|low (evening |morning )?sun|evening sun|lamp lights|lit only by|flashlight|torch beam|cloudless day|sundial|lights? (a|the))\b/,
    ),
    humid: has(
      text,
      /\b(humid|steamy|muggy|summer|july|august|tropical|greenhouse|hot shower|after a (hot )?shower|breathes?|breath|steam|kettle|boiling|damp)\b/,
    ),
    clearNight: has(text, /\b(clear (winter |cold |cool )?night|cloudless night|overnight|cool clear night|still[^.]{0,10}night|humid night|night)\b/),
    drying: has(text, /\b(sun|sunny|breezy|breeze|wind|windy|dry air|open air|hot|warm|dehydrator|left out|sits? out|days?|week|weeks|hours?)\b/),
    longTime: has(
      text,
      /\b(time-?lapse|timelapse|time lapse|hours?|days?|weeks?|fortnight|months?|years?|decades?|century|season|overnight|for (a|an|two|three|several|many)\b|left (out|on|in|to|outside|for)|over time)\b/,
    ),
    rubbing: has(
      text,
      /\b(rub(bed|s|bing)?(?! alcohol)|writ(e|es|ing|ten)|brushed|drawn|draws?|drawing|scrape[sd]?|scraping|scratch(es|ed)?|dragged|drags?|engrave[sd]?|file[sd]? across|cutter)\b/,
    ),
    mixing: has(
      text,
      /\b(stir(s|red|ring)?|mix(es|ed|ing)?|dissolv\w*|spoon(ed|s)? into|added to|add(s|ed)? to|sprinkled? (into|over|onto)|poured (into|onto|over)|squeezed onto|dipped (in|into)|drops? of|few drops|dropped into|tipped into|in a glass of|into a (glass|cup|beaker|bowl)|in a (glass|cup|beaker|bowl|flask|test tube))\b/,
    ),
    timeScale,
  };
}
