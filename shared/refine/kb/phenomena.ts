import type { Context } from '../schema';
import type { PhenomenonId } from '../taxonomy';
import { GRAVITY_MS2, ZERO_GRAVITY_PHRASES } from './contexts';

/** An entity as the templates see it. */
export interface Actor {
  /** "the red rubber ball" */
  name: string;
  plural: boolean;
  material: string | null;
  density: number | null;
  state: string;
  /** A support or place that does not move (floor, wall, table): it is never pushed away. */
  fixed?: boolean;
}

export interface RuleMatch {
  trigger: string;
  subject: Actor;
  other: Actor | undefined;
  /** The liquid in the scene, if any (for buoyancy, dissolving, splashing). */
  liquid: Actor | undefined;
  /** Every solid, non-support object with a known density (buoyancy compares them). */
  solids: Actor[];
  ctx: Context;
}

export interface PhenomenonRule {
  id: PhenomenonId;
  /**
   * Words that trigger the rule, compared with each word's root and inflected forms. A `:n` or
   * `:v` suffix requires compromise to have tagged the word as a noun or a verb ("fire:n" skips
   * "the cannon fires").
   */
  words?: string[];
  /** Phrases whose words never trigger this rule ("fire hydrant", "snaps back" for fracture). */
  except?: string[];
  /** Only in a scene with a liquid (buoyancy needs something to float in). */
  needsLiquid?: boolean;
  /** Phrases matched on the lower-cased prompt or on its lemmatised form. */
  phrases?: string[];
  /** Fires when all of these groups have a member in the prompt (e.g. a heat word and a solid). */
  together?: string[][];
  /** Other phenomena this one brings along (a bounce is also a collision). */
  implies?: PhenomenonId[];
  /** Context in which this phenomenon cannot happen as described. */
  blockedBy?: (ctx: Context) => boolean;
  /** When in the clip it shows: 0 setting, 1 start of motion, 2 in flight, 3 contact, 4 aftermath. */
  stage: number;
  explain(m: RuleMatch): string;
  consequence(m: RuleMatch): string;
}

/** Subject-verb agreement for templates: agree(actor, 'falls', 'fall'). */
export const agree = (a: Actor, singular: string, plural: string) => (a.plural ? plural : singular);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const g = (ctx: Context) => GRAVITY_MS2[ctx.gravity];
const gravityPlace = (ctx: Context) => (ctx.gravity === 'moon' ? ' on the Moon' : ctx.gravity === 'mars' ? ' on Mars' : '');
const slowly = (ctx: Context) => (ctx.timeScale === 'slow' ? ', shown in slow motion' : '');

export const RULES: PhenomenonRule[] = [
  // ── mechanics ──────────────────────────────────────────────────────────
  {
    id: 'gravity',
    except: [
      'drops of',
      'drop of',
      'drop by drop',
      'drops to',
      'drop to',
      'dropped to',
      'drops below',
      'fall below',
      'falls below',
      'fell below',
      'light falls',
      'sunlight falls',
      'light fall',
      'falls over',
      'fall over',
      'fell over',
      'night falls',
      'temperature falls',
      'temperatures fall',
    ],
    words: ['fall', 'drop:v', 'tumble', 'plummet', 'plunge', 'descend', 'dive', 'jump', 'leap', 'hop', 'skydive', 'parachute', 'pendulum', 'swing'],
    phrases: [
      'off the edge',
      'off the table',
      'off the shelf',
      'off the counter',
      'off a cliff',
      'let go',
      'knock off',
      'roll off',
      'slide off',
      'slip off',
      'slip out',
      'tip off',
      'roll down',
      'slide down',
      'tumble down',
      'sled down',
      'to the ground',
      'to the floor',
      "newton's cradle",
    ],
    blockedBy: (ctx) => ctx.gravity === 'zero',
    stage: 2,
    explain: (m) =>
      `Gravity pulls ${m.subject.name} down at ${g(m.ctx)} m/s²${gravityPlace(m.ctx)}, so ${agree(m.subject, 'its', 'their')} downward speed grows steadily.`,
    consequence: (m) =>
      m.ctx.gravity === 'moon' || m.ctx.gravity === 'mars'
        ? `${cap(m.subject.name)} ${agree(m.subject, 'falls', 'fall')} slowly and floatily in the weak gravity, taking much longer to land than on Earth${slowly(m.ctx)}.`
        : `${cap(m.subject.name)} ${agree(m.subject, 'accelerates', 'accelerate')} downward as ${agree(m.subject, 'it falls', 'they fall')}, speeding up until ${agree(m.subject, 'it lands', 'they land')}${slowly(m.ctx)}.`,
  },
  {
    id: 'zero_gravity',
    phrases: ZERO_GRAVITY_PHRASES,
    stage: 0,
    explain: (m) =>
      `With no gravity, nothing pulls ${m.subject.name} down, so ${agree(m.subject, 'it keeps', 'they keep')} whatever velocity and spin ${agree(m.subject, 'it has', 'they have')} (Newton's first law).`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'drifts', 'drift')} in a straight line at constant speed and ${agree(m.subject, 'spins', 'spin')} steadily, never falling or settling${m.liquid ? `, and loose ${m.liquid.material ?? 'liquid'} gathers into floating spheres` : ''}.`,
  },
  {
    id: 'projectile',
    words: ['throw', 'toss', 'launch', 'kick', 'fling', 'hurl', 'lob', 'catapult', 'volley', 'arrow', 'javelin', 'slingshot', 'cannonball'],
    phrases: [
      'through the air',
      'in an arc',
      'in a long arc',
      'in a high arc',
      'arcs across',
      'flies across',
      'shoots the ball',
      'shoots a basketball',
      'into the air',
    ],
    implies: ['gravity'],
    except: ['cannonballs into', 'cannonball into'],
    stage: 1,
    explain: (m) =>
      m.ctx.gravity === 'zero'
        ? `Once released, ${m.subject.name} ${agree(m.subject, 'keeps', 'keep')} the velocity it was given, with no gravity to bend its path.`
        : `Once released, only gravity acts on ${m.subject.name}: ${agree(m.subject, 'its', 'their')} horizontal speed stays constant while the vertical speed changes at ${g(m.ctx)} m/s².`,
    consequence: (m) =>
      m.ctx.gravity === 'zero'
        ? `${cap(m.subject.name)} ${agree(m.subject, 'travels', 'travel')} in a perfectly straight line at constant speed after leaving the hand.`
        : `${cap(m.subject.name)} ${agree(m.subject, 'flies', 'fly')} in a smooth parabolic arc, rising, slowing at the top, then curving back down.`,
  },
  {
    id: 'collision',
    words: [
      'collide',
      'hit',
      'crash',
      'smash',
      'strike',
      'knock',
      'bump',
      'impact',
      'slam',
      'ram',
      'clash',
      'punch',
      'tackle',
      'thud',
      'chop',
      'bounce',
      'rebound',
      'ricochet',
    ],
    except: ['beam bouncing', 'light bouncing', 'laser bouncing'],
    phrases: ['crashes into', 'runs into', 'bumps into', 'knocks over', 'land on', 'land in', 'fall onto', 'drop onto', "newton's cradle"],
    stage: 3,
    explain: (m) =>
      `When ${m.subject.name} ${agree(m.subject, 'meets', 'meet')} ${m.other?.name ?? 'another object'}, momentum is exchanged at the contact, and solid objects cannot occupy the same space.`,
    consequence: (m) =>
      m.other?.fixed
        ? `${cap(m.subject.name)} ${agree(m.subject, 'strikes', 'strike')} ${m.other.name} without passing into it; ${m.other.name} stays put while ${m.subject.name} ${agree(m.subject, 'stops', 'stop')} or ${agree(m.subject, 'rebounds', 'rebound')}.`
        : m.other
          ? `${cap(m.subject.name)} and ${m.other.name} make contact without passing through each other; the impact pushes ${m.other.name} away while ${m.subject.name} ${agree(m.subject, 'slows', 'slow')} or ${agree(m.subject, 'rebounds', 'rebound')}.`
          : `${cap(m.subject.name)} ${agree(m.subject, 'stops', 'stop')} abruptly at the point of impact without passing through what ${agree(m.subject, 'it hits', 'they hit')}, and the impact jolts both sides.`,
  },
  {
    id: 'elasticity',
    words: ['bounce', 'rebound', 'trampoline', 'ricochet', 'boing', 'elastic', 'stretchy', 'bungee', 'slinky', 'recoil'],
    phrases: ['bounces off', 'bounces back', 'springs back', 'snap back', 'spring back', "newton's cradle"],
    except: ['beam bouncing', 'light bouncing', 'laser bouncing'],
    implies: ['gravity'],
    stage: 3,
    explain: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'stores', 'store')} the impact energy by deforming elastically and ${agree(m.subject, 'releases', 'release')} most of it, but some is lost as heat and sound each time${m.subject.material ? ` (${m.subject.material} is ${m.subject.material === 'rubber' ? 'very' : 'only slightly'} bouncy)` : ''}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'bounces', 'bounce')}, squashing briefly at each impact, with every bounce lower than the one before until ${agree(m.subject, 'it settles', 'they settle')}.`,
  },
  {
    id: 'friction',
    words: ['slide', 'skid', 'drag', 'scrape', 'glide', 'brake', 'sled', 'sledge', 'rub', 'grind'],
    except: ['slides off', 'slide off', 'slid off', 'sliding off', 'rubbing alcohol'],
    phrases: ['slides across', 'slides down', 'pushed across', 'skids to a stop', 'on ice', 'rough surface', 'sandpaper'],
    stage: 2,
    explain: (m) =>
      m.ctx.surface === 'ice'
        ? `Ice has very low friction, so little force opposes the motion of ${m.subject.name}.`
        : `Friction between ${m.subject.name} and the surface opposes the sliding and turns its motion into heat.`,
    consequence: (m) =>
      m.ctx.surface === 'ice'
        ? `${cap(m.subject.name)} ${agree(m.subject, 'glides', 'glide')} a long way across the ice, barely slowing.`
        : `${cap(m.subject.name)} ${agree(m.subject, 'slides', 'slide')} and gradually ${agree(m.subject, 'slows', 'slow')} to a stop as friction with the surface drains ${agree(m.subject, 'its', 'their')} speed.`,
  },
  {
    id: 'rolling',
    words: ['roll', 'rolling', 'wheel', 'cartwheel'],
    phrases: ['rolls down', 'rolls off', 'rolls across', 'rolls along'],
    except: ['rolling pin'],
    stage: 1,
    explain: (m) =>
      `Rolling without slipping ties ${m.subject.name}'s spin to ${agree(m.subject, 'its', 'their')} forward speed, and only a little rolling resistance slows ${agree(m.subject, 'it', 'them')}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'rolls', 'roll')} smoothly, ${agree(m.subject, 'its', 'their')} rotation matching ${agree(m.subject, 'its', 'their')} forward motion, slowing only gently.`,
  },
  {
    id: 'toppling',
    words: ['topple', 'domino', 'tip', 'overturn', 'keel', 'capsize'],
    except: ['tipped into', 'tips into', 'tip into', 'tips a', 'tipped onto', 'tips out'],
    phrases: ['tip over', 'fall over', 'knock over', 'knock down', 'tumble over', 'chain reaction', 'jenga', 'pins'],
    stage: 3,
    explain: (m) =>
      `Once ${m.subject.name}'s centre of mass passes over ${agree(m.subject, 'its', 'their')} supporting edge, gravity's torque turns ${agree(m.subject, 'it', 'them')} over.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'tilts', 'tilt')} slowly at first, pivoting on ${agree(m.subject, 'its', 'their')} bottom edge, then ${agree(m.subject, 'falls', 'fall')} faster and ${agree(m.subject, 'lands', 'land')} flat.`,
  },
  {
    id: 'buoyancy',
    words: ['float', 'sink:v', 'bob', 'buoy', 'submerge', 'boat', 'raft', 'canoe', 'buoyant', 'archimedes'],
    // Objects put into liquids are decided by inference (densities), not by these words.
    phrases: ['bubbles rise', 'hot air balloon', 'helium balloon'],
    needsLiquid: true,
    blockedBy: (ctx) => ctx.gravity === 'zero',
    stage: 3,
    explain: (m) => {
      const liquid = m.liquid?.material ?? 'water';
      const liquidDensity = m.liquid?.density ?? 1000;
      const known = m.solids.length > 0 ? m.solids : m.subject.density !== null ? [m.subject] : [];
      if (known.length === 0)
        return `The liquid pushes up on ${m.subject.name} with a force equal to the weight of the liquid ${agree(m.subject, 'it displaces', 'they displace')}.`;
      return known
        .slice(0, 3)
        .map((a) => {
          const sinks = (a.density ?? 0) > liquidDensity;
          return `${cap(a.name)} ${agree(a, sinks ? 'sinks' : 'floats', sinks ? 'sink' : 'float')} because ${a.material ?? 'it'} (${a.density} kg/m³) is ${sinks ? 'denser' : 'less dense'} than ${liquid} (${liquidDensity} kg/m³).`;
        })
        .join(' ');
    },
    consequence: (m) => {
      const liquidDensity = m.liquid?.density ?? 1000;
      const liquid = m.liquid?.name ?? 'the water';
      const describe = (a: Actor) =>
        a.density !== null && a.density > liquidDensity
          ? `${a.name} ${agree(a, 'sinks', 'sink')} steadily through ${liquid} and ${agree(a, 'settles', 'settle')} on the bottom`
          : `${a.name} ${agree(a, 'bobs', 'bob')} at the surface, partly submerged, and ${agree(a, 'stays', 'stay')} afloat`;
      const known = m.solids.length > 0 ? m.solids.slice(0, 3) : [m.subject];
      return `${cap(known.map(describe).join(', while '))}.`;
    },
  },
  {
    id: 'atmospheric_pressure',
    words: ['suction', 'implode', 'syringe', 'plunger', 'barometer', 'magdeburg', 'evacuated'],
    phrases: [
      'air pressure',
      'atmospheric pressure',
      'crushed can',
      'can is crushed',
      'can crushes',
      'crushes itself',
      'suction cup',
      'pressure difference',
      'sucked in',
      'playing card',
      'air is pumped out',
      'pumped out',
    ],
    together: [
      ['can', 'bottle'],
      ['crush', 'crumple', 'implode', 'collapse'],
    ],
    stage: 3,
    explain: (m) => `The air outside pushes on ${m.subject.name} with about 101 kPa; when the pressure inside drops, that imbalance does the work.`,
    consequence: (m) =>
      m.ctx.medium === 'vacuum'
        ? `As the air is pumped out, ${m.subject.name} ${agree(m.subject, 'swells', 'swell')} outward, pushed by the gas trapped inside.`
        : `${cap(m.subject.name)} ${agree(m.subject, 'is', 'are')} suddenly squeezed inward by the surrounding air, crumpling or clinging in place.`,
  },
  {
    id: 'solid_pressure',
    words: ['snowshoe', 'snowshoes', 'indent', 'footprint', 'imprint', 'stiletto', 'pierce', 'puncture', 'slice:v', 'thumbtack'],
    phrases: [
      'bed of nails',
      'sinks into the snow',
      'sink into the snow',
      'cuts through',
      'cuts into',
      'knife cuts',
      'slices through',
      'presses into',
      'sharp edge',
      'sink to the knees',
      'sinks to the knees',
    ],
    except: ['wet footprint'],
    stage: 3,
    explain: (m) => `Pressure is force divided by area: a narrow edge concentrates the force of ${m.subject.name}, while a wide surface spreads it out.`,
    consequence: (m) =>
      `Where ${m.subject.name} ${agree(m.subject, 'presses', 'press')} through a small area, ${agree(m.subject, 'it sinks', 'they sink')} in and ${agree(m.subject, 'leaves', 'leave')} a clear imprint, while broad surfaces barely sink.`,
  },
  {
    id: 'deformation',
    except: [
      'appears bent',
      'looks bent',
      'shadow stretching',
      'shadows stretching',
      'squeezed from',
      'squeezed onto',
      'squeezed out',
      'squeezes a pouch',
      'pressed into',
      'pressed onto',
      'pressed against',
    ],
    words: [
      'squash',
      'squeeze',
      'stretch',
      'bend',
      'dent',
      'deform',
      'crumple',
      'compress',
      'flatten',
      'jiggle',
      'jelly',
      'jello',
      'dough',
      'clay',
      'crush',
      'warp',
      'twist',
      'knead',
      'sag',
      'swell',
      'inflate',
    ],
    phrases: ['hydraulic press', 'squashes flat', 'stress ball'],
    stage: 3,
    explain: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'is', 'are')} not rigid, so the applied force changes ${agree(m.subject, 'its', 'their')} shape${m.subject.state === 'elastic' || m.subject.state === 'deformable' ? '' : ' beyond what a rigid body would allow'}.`,
    consequence: (m) =>
      m.subject.state === 'elastic' || m.subject.material === 'jelly'
        ? `${cap(m.subject.name)} ${agree(m.subject, 'squashes', 'squash')} and ${agree(m.subject, 'stretches', 'stretch')} visibly under the force, then ${agree(m.subject, 'wobbles', 'wobble')} back to ${agree(m.subject, 'its', 'their')} original shape.`
        : `${cap(m.subject.name)} ${agree(m.subject, 'bends', 'bend')} and ${agree(m.subject, 'dents', 'dent')} where the force is applied, keeping the new shape afterwards while ${agree(m.subject, 'its', 'their')} volume stays the same.`,
  },
  {
    id: 'fracture',
    words: ['shatter', 'break', 'crack', 'splinter', 'fracture', 'crumble', 'split', 'chip'],
    phrases: ['into pieces', 'to pieces', 'into shards', 'breaks apart', 'falls apart', 'cracks open', 'snaps in half', 'snaps in two'],
    except: [
      'water balloon',
      'breaks the surface',
      'break the surface',
      'breaking waves',
      'waves break',
      'splits a beam',
      'splits light',
      'splits white light',
      'splits sunlight',
    ],
    implies: ['collision'],
    stage: 4,
    explain: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'is', 'are')} ${m.subject.material === 'glass' || m.subject.material === 'ceramic' || m.subject.material === 'ice' ? `brittle ${m.subject.material}, which` : `stressed beyond ${agree(m.subject, 'its', 'their')} strength and`} cannot bend enough to absorb the impact, so cracks race through ${agree(m.subject, 'it', 'them')}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'cracks', 'crack')} and ${agree(m.subject, 'breaks', 'break')} into sharp fragments that scatter outward from the point of impact; the pieces together still make up the whole object and none vanish.`,
  },
  {
    id: 'surface_tension',
    words: ['strider', 'meniscus', 'paperclip', 'overfilled', 'pepper'],
    phrases: [
      'surface tension',
      'water strider',
      'pond skater',
      'paper clip',
      'needle floats',
      'beads up',
      'water beads',
      'soap film',
      'drops on a coin',
      'perfect sphere',
      'on the surface of the water',
      'on the surface of water',
      'above the rim',
    ],
    stage: 2,
    explain: () => `Water molecules pull on each other at the surface, so the surface acts like a thin stretched skin that resists breaking.`,
    consequence: (m) => `The water surface dimples under ${m.subject.name} without breaking, and small drops pull themselves into round beads.`,
  },
  // ── fluids ─────────────────────────────────────────────────────────────
  {
    id: 'pouring',
    words: ['pour', 'decant', 'refill', 'spill', 'drizzle'],
    except: ['steam pouring', 'flames pouring', 'smoke pouring', 'rain pours', 'rain pouring', 'light pouring', 'sunlight pouring'],
    phrases: ['filled with', 'fills the glass', 'fills up', 'is poured'],
    stage: 2,
    explain: (m) => `Gravity draws ${m.liquid?.name ?? 'the liquid'} out in a falling stream that speeds up and thins as it drops.`,
    consequence: (m) =>
      `${cap(m.liquid?.name ?? 'the liquid')} ${agree(m.liquid ?? m.subject, 'pours', 'pour')} in a continuous stream that narrows as it falls and fills the container from the bottom up, the level rising steadily without overflowing before it is full.`,
  },
  {
    id: 'splashing',
    words: ['splash', 'splatter', 'spray', 'slosh', 'plop'],
    phrases: ['hits the water', 'cannonball into', 'stomps into'],
    stage: 3,
    explain: () => `The impact shoves liquid aside faster than it can flow away, so it is thrown upward and outward.`,
    consequence: (m) =>
      `The impact throws up a crown of droplets that arc outward and fall back, and ripples spread in rings across ${m.liquid?.name ?? 'the surface'}.`,
  },
  {
    id: 'viscosity',
    words: [
      'honey',
      'syrup',
      'molasses',
      'treacle',
      'lava',
      'ooze',
      'viscous',
      'goo',
      'slime',
      'caramel',
      'glue',
      'tar',
      'ketchup',
      'glycerin',
      'glycerine',
      'thickly',
      'gooey',
    ],
    phrases: ['thick liquid', 'thick paint', 'slowly drips', 'drizzles', 'far more slowly', 'much more slowly'],
    stage: 2,
    explain: (m) =>
      `${cap(m.liquid?.name ?? m.subject.name)} ${agree(m.liquid ?? m.subject, 'is', 'are')} highly viscous: internal friction between its layers resists flowing.`,
    consequence: (m) =>
      `${cap(m.liquid?.name ?? m.subject.name)} ${agree(m.liquid ?? m.subject, 'flows', 'flow')} slowly and thickly, folding over itself in glossy ribbons and spreading only gradually.`,
  },
  {
    id: 'flow',
    words: ['flow', 'stream', 'waterfall', 'flood', 'trickle', 'gush', 'creek', 'rapids', 'tide', 'ooze', 'drip', 'vortex', 'drain', 'faucet', 'rivulet'],
    phrases: ['runs down', 'flows down', 'flows over', 'water runs'],
    stage: 2,
    explain: () => `Liquid moves downhill under gravity and must go around obstacles, speeding up where its channel narrows.`,
    consequence: (m) =>
      `${cap(m.liquid?.name ?? 'the water')} ${agree(m.liquid ?? m.subject, 'flows', 'flow')} downhill around obstacles, following the terrain, faster where the channel narrows and swirling behind rocks.`,
  },
  // ── thermal ────────────────────────────────────────────────────────────
  {
    id: 'melting',
    words: ['melt', 'thaw', 'liquefy', 'defrost'],
    phrases: ['ice cream in the sun', 'candle burns down', 'turns to liquid', 'turns into water', 'wax pooling', 'dripping and shrinking', 'puddle forms'],
    stage: 2,
    explain: (m) => `Heat flowing into ${m.subject.name} breaks the bonds that hold ${agree(m.subject, 'it', 'them')} solid, from the warm surface inward.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'softens', 'soften')} and ${agree(m.subject, 'melts', 'melt')} from the outside in, edges rounding and ${agree(m.subject, 'shrinking', 'shrinking')} as a puddle of liquid spreads beneath; the liquid holds all the mass the solid had.`,
  },
  {
    id: 'solidification',
    words: ['freeze', 'solidify', 'harden', 'crystallize', 'crystallise', 'congeal'],
    phrases: ['turns to ice', 'ice forms', 'cools and hardens', 'sets into', 'frozen solid', 'turning solid', 'turns solid', 'turn solid'],
    except: ['freezing air', 'freezing morning', 'freezing foggy', 'freezing cold', 'freezing night'],
    stage: 2,
    explain: (m) =>
      `As ${m.subject.name} ${agree(m.subject, 'loses', 'lose')} heat, ${agree(m.subject, 'its', 'their')} molecules lock into a solid structure, starting where it is coldest.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'freezes', 'freeze')} from the edges inward, turning solid and opaque, with crystals creeping across the surface.`,
  },
  {
    id: 'boiling',
    words: ['boil', 'simmer', 'kettle'],
    phrases: ['boiling water', 'comes to a boil', 'rolling boil', 'bubbling pot'],
    stage: 2,
    explain: () => `At its boiling point, the liquid turns to vapour inside its bulk, forming bubbles where it is heated.`,
    consequence: (m) =>
      `Bubbles form at the hot bottom of ${m.liquid?.name ?? m.subject.name}, rise and burst at the churning surface, and steam billows above.`,
  },
  {
    id: 'evaporation',
    words: ['evaporate', 'steam', 'vaporize', 'vaporise', 'dry:v', 'drying'],
    except: ['steam pouring'],
    phrases: ['dries up', 'puddle dries', 'steam rises', 'steaming', 'wisps of steam'],
    stage: 4,
    explain: () => `The fastest molecules escape from the liquid's surface as vapour, and heat speeds this up.`,
    consequence: (m) => `Wisps of vapour rise from ${m.liquid?.name ?? m.subject.name}, and the liquid slowly shrinks, leaving a drying edge behind.`,
  },
  {
    id: 'condensation',
    words: ['condense', 'condensation', 'dew', 'sweat'],
    phrases: [
      'fogs up',
      'fogging up',
      'fog up',
      'steamed up',
      'steams up',
      'droplets form',
      'droplets collecting',
      'water droplets',
      'beads of water',
      'cold glass',
      'mirror fogs',
      'breath on',
      'misted',
    ],
    stage: 4,
    explain: () => `Water vapour in the warm air cools on the cold surface and turns back into liquid.`,
    consequence: (m) => `Tiny droplets bead across the cold surface of ${m.subject.name}, growing and merging until some run down in streaks.`,
  },
  {
    id: 'sublimation',
    words: ['sublimate', 'sublime', 'sublimation', 'mothball', 'mothballs'],
    phrases: [
      'dry ice',
      'solid carbon dioxide',
      'turns directly into gas',
      'turns straight into gas',
      'straight into vapor',
      'straight into vapour',
      'into violet vapor',
      'without ever becoming liquid',
      'without melting',
    ],
    stage: 2,
    explain: () => `Dry ice (solid CO₂) turns straight from solid to gas at room pressure, chilling the air so moisture condenses into fog.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'shrinks', 'shrink')} without leaving any liquid, releasing a low white fog that spills over the edges and flows along the ground.`,
  },
  {
    id: 'deposition',
    words: ['frost', 'hoarfrost', 'rime', 'deposition'],
    phrases: [
      'ice crystals form',
      'frost forms',
      'frost grows',
      'frost creeps',
      'frosted window',
      'frost patterns',
      'directly from water vapor',
      'directly from water vapour',
      'forms crystals again',
      'snowflake growing',
    ],
    stage: 4,
    explain: () => `Water vapour turns directly into ice on a surface below freezing, skipping the liquid phase.`,
    consequence: (m) => `Feathery frost crystals grow across ${m.subject.name}, branching outward from the edges, with no liquid water ever forming.`,
  },
  {
    id: 'combustion',
    except: [
      'fire hydrant',
      'fire truck',
      'fire engine',
      'fire station',
      'fire extinguisher',
      'unlit candle',
      'candle is unlit',
      'blazing sunset',
      'blazing red',
      'blazing sun',
    ],
    words: ['burn', 'ignite', 'fire:n', 'blaze:n', 'ablaze', 'flaming', 'inferno', 'combust', 'explode'],
    phrases: [
      'catches fire',
      'catch fire',
      'caught fire',
      'on fire',
      'sets fire',
      'set on fire',
      'lights up',
      'fire crackles',
      'fire burns',
      'candle flame',
      'flickering candle',
      'lit candle',
      'candle burns',
    ],
    stage: 2,
    explain: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'reacts', 'react')} with oxygen in the air, releasing heat and light; hot gases rise, carrying the flames upward.`,
    consequence: (m) =>
      `Flames rise upward from ${m.subject.name}, flickering, while the burning material chars, blackens and shrinks, giving off smoke and glowing embers.`,
  },
  // ── optics ─────────────────────────────────────────────────────────────
  {
    id: 'shadow',
    words: ['shadow', 'silhouette', 'sundial', 'shade'],
    phrases: ['casts a shadow', 'cast shadows', 'long shadows'],
    stage: 0,
    explain: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'blocks', 'block')} light travelling in straight lines, leaving a dark region behind ${agree(m.subject, 'it', 'them')}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'casts', 'cast')} a shadow on the side away from the light, sharp where ${agree(m.subject, 'it touches', 'they touch')} the ground and moving exactly with ${agree(m.subject, 'it', 'them')}.`,
  },
  {
    id: 'reflection',
    words: ['reflect', 'mirror', 'reflection', 'reflective', 'mirrored', 'glossy', 'chrome'],
    phrases: ['still lake', 'puddle reflects', 'mirror-like'],
    stage: 0,
    explain: () => `Light bounces off the smooth surface at the same angle it arrives, forming a mirror image.`,
    consequence: (m) => `${cap(m.subject.name)} ${agree(m.subject, 'shows', 'show')} a mirror image, flipped and moving in perfect sync with the real scene.`,
  },
  {
    id: 'refraction',
    words: ['refract', 'refraction', 'magnify', 'magnifying', 'mirage', 'prism'],
    phrases: [
      'bent straw',
      'pencil in water',
      'straw in a glass',
      'straw in water',
      'spoon in a glass',
      'looks bent',
      'appears bent',
      'through a glass of water',
      'magnifying glass',
      'water lens',
    ],
    stage: 0,
    explain: () => `Light changes speed and direction as it passes between air and water or glass, so things seen through the surface appear shifted.`,
    consequence: (m) =>
      `Seen through ${m.subject.name}, the part below the surface appears bent and displaced at the boundary, and shapes behind it look magnified or distorted.`,
  },
  {
    id: 'dispersion',
    words: ['prism', 'rainbow', 'spectrum'],
    except: ['rainbow swirls', 'swirling rainbow', 'rainbow bands', 'rainbow sheen', 'rainbow colours on', 'rainbow colors on', 'rainbow fringes'],
    phrases: ['splits light', 'splits white light', 'splits sunlight', 'rainbow colors', 'rainbow colours'],
    stage: 0,
    explain: () => `Each colour of light bends by a slightly different amount in glass or water, so white light fans out into its colours.`,
    consequence: () => `White light fans out into a rainbow band of colours, red at one edge through to violet at the other, in a fixed order.`,
  },
  {
    id: 'scattering',
    words: ['tyndall', 'crepuscular', 'godrays', 'haze'],
    together: [
      ['fog', 'mist', 'smoke', 'haze', 'dust', 'milk'],
      ['beam', 'headlight', 'headlights', 'laser', 'flashlight', 'sunbeam', 'sunbeams', 'ray', 'rays', 'torch'],
    ],
    phrases: [
      'sunbeam',
      'sunbeams',
      'god rays',
      'rays of light',
      'blue sky',
      'red sunset',
      'orange sunset',
      'through the fog',
      'through smoke',
      'through the mist',
      'in the fog',
      'dusty room',
    ],
    stage: 0,
    explain: () => `Tiny particles in the air scatter light sideways, making the beam itself visible; short blue wavelengths scatter most.`,
    consequence: () => `The light beam shows as a bright shaft through the hazy air, its edges soft and glowing where particles catch the light.`,
  },
  {
    id: 'interference',
    words: ['iridescent', 'iridescence', 'fringe', 'fringes'],
    phrases: [
      'double slit',
      'back of a cd',
      'soap bubble',
      'soap bubbles',
      'oil slick',
      'oil film',
      'film of oil',
      'thin film',
      'rainbow sheen',
      "newton's rings",
      'peacock feather',
    ],
    stage: 0,
    explain: () =>
      `Light reflecting from the top and bottom of a very thin film interferes, reinforcing some colours and cancelling others depending on the film's thickness.`,
    consequence: () => `Swirling bands of rainbow colour shift and flow across the thin film as its thickness changes.`,
  },
  // ── chemistry and materials ────────────────────────────────────────────
  {
    id: 'dissolving',
    words: ['dissolve', 'dissolution', 'effervescent'],
    phrases: ['sugar in tea', 'sugar in coffee', 'salt in water', 'stirred into', 'stirs sugar', 'sugar cube'],
    together: [
      ['salt', 'sugar', 'tablet', 'powder', 'coffee'],
      ['disappear', 'vanish', 'stir'],
    ],
    stage: 2,
    explain: (m) =>
      `The liquid's molecules pull ${m.subject.name} apart into particles too small to see, spreading them evenly through ${m.liquid?.name ?? 'the liquid'}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} gradually ${agree(m.subject, 'shrinks', 'shrink')} and ${agree(m.subject, 'disappears', 'disappear')} into ${m.liquid?.name ?? 'the liquid'}, shimmering swirls trailing off, until the liquid is evenly mixed.`,
  },
  {
    id: 'color_change',
    words: ['litmus', 'indicator', 'chameleon', 'ripen', 'discolor', 'discolour', 'tarnish'],
    together: [
      ['turn', 'change', 'go', 'blush', 'fade'],
      ['red', 'green', 'blue', 'pink', 'purple', 'yellow', 'orange', 'brown', 'white', 'grey', 'gray', 'violet', 'golden', 'blue-black'],
    ],
    phrases: [
      'changes color',
      'changes colour',
      'change color',
      'change colour',
      'browning',
      'turns red',
      'turns blue',
      'turns green',
      'turns pink',
      'turns purple',
      'turns yellow',
      'turns orange',
      'turns brown',
      'leaves change',
      'autumn leaves',
      'cabbage juice',
    ],
    stage: 4,
    explain: (m) => `A chemical or structural change in ${m.subject.name} alters which wavelengths of light ${agree(m.subject, 'it absorbs', 'they absorb')}.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'changes', 'change')} colour gradually and smoothly, the new colour spreading from where the change begins.`,
  },
  {
    id: 'flame_color',
    phrases: [
      'green flame',
      'green flames',
      'red flame',
      'purple flame',
      'colored flame',
      'coloured flame',
      'flame turns',
      'flames turn',
      'flame test',
      'copper chloride',
      'boric acid',
      'sodium in the flame',
    ],
    together: [
      ['flame', 'flames', 'fire', 'burner', 'firework', 'fireworks'],
      ['copper', 'lithium', 'strontium', 'sodium', 'boric', 'potassium', 'barium', 'green', 'red', 'purple', 'violet', 'crimson', 'lilac'],
    ],
    stage: 2,
    explain: () => `Metal atoms heated in the flame emit light at their own characteristic wavelengths (copper green, strontium red, sodium yellow).`,
    consequence: () =>
      `The flame changes to a vivid, characteristic colour where the salt enters it, flickering while the rest of the flame stays its usual colour.`,
  },
  {
    id: 'hardness',
    words: ['scratch', 'mohs', 'engrave', 'etch'],
    phrases: ['harder than', 'scratches glass', 'diamond cuts', 'diamond scratches', 'glass cutter'],
    stage: 3,
    explain: (_m) => `The harder material can break the bonds at the surface of the softer one, but not the other way round.`,
    consequence: (m) =>
      `${cap(m.subject.name)} ${agree(m.subject, 'leaves', 'leave')} a visible scratch in ${m.other?.name ?? 'the softer surface'}, while ${m.subject.name} ${agree(m.subject, 'stays', 'stay')} unmarked.`,
  },
  {
    id: 'acidity',
    words: ['acid', 'acidic', 'vinegar', 'ph', 'alkaline', 'neutralize', 'neutralise', 'phenolphthalein', 'indicator'],
    except: ['sulfuric acid', 'sulphuric acid'],
    phrases: ['baking soda', 'lemon juice', 'hydrochloric acid', 'sodium hydroxide'],
    stage: 2,
    explain: () => `The acid reacts with the other substance, releasing carbon dioxide or other gas as the two neutralise each other.`,
    consequence: () => `The mixture fizzes vigorously, releasing streams of bubbles and a rising foam that calms down as the reactants are used up.`,
  },
  {
    id: 'dehydration',
    words: ['dehydrate', 'dehydration', 'desiccate', 'carbonize', 'carbonise', 'char'],
    together: [
      ['sulfuric', 'sulphuric'],
      ['sugar', 'paper', 'splint', 'wood', 'towel', 'blacken', 'carbon'],
    ],
    phrases: ['sulfuric acid on sugar', 'sugar and sulfuric acid', 'carbon snake', 'sugar snake', 'black column', 'water is driven off', 'driven off'],
    stage: 2,
    explain: () => `Concentrated sulfuric acid strips the water out of sugar, leaving black carbon and releasing heat and steam.`,
    consequence: () => `The white sugar darkens to black and swells into a rising, steaming column of porous carbon that pushes up out of the container.`,
  },
  {
    id: 'oxidation',
    words: ['rust', 'corrode', 'oxidize', 'oxidise', 'patina', 'tarnish', 'corrosion', 'browning'],
    phrases: ['turns brown', 'apple browns', 'sliced apple', 'cut apple'],
    stage: 4,
    explain: (m) => `Oxygen in the air slowly reacts with the surface of ${m.subject.name}, forming a new compound with a different colour.`,
    consequence: (m) => `A reddish-brown layer slowly spreads across the surface of ${m.subject.name}, starting at edges and scratches.`,
  },
];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));
