import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/refine/analyze';
import { readConditions, toCelsius } from '../../shared/refine/conditions';
import { infer, type Thing } from '../../shared/refine/infer';
import { refineBuiltin } from '../../shared/refine/refine';
import type { Context } from '../../shared/refine/schema';

const ids = (prompt: string) => analyze(prompt).analysis.phenomena.map((p) => p.id);
const phenomenon = (prompt: string, id: string) => analyze(prompt).analysis.phenomena.find((p) => p.id === id);
const CONTEXT: Context = { gravity: 'earth', medium: 'air', timeScale: 'normal', surface: 'normal' };

function thing(noun: string, material: string | null, state: string, density: number | null, extra: Partial<Thing> = {}): Thing {
  return { noun, name: `the ${noun}`, plural: false, material, state, density, restitution: null, brittleness: null, start: 0, fixed: false, ...extra };
}

describe('conditions read from text', () => {
  it('reads temperature paths in °C, °F and K, and from heat and cold sources', () => {
    const path = readConditions('A timelapse of butter as the temperature rises from -10°C to 30°C').temperature;
    expect([path.from, path.min, path.max, path.direction]).toEqual([-10, -10, 30, 'up']);
    expect(toCelsius(212, 'f')).toBe(100);
    expect(toCelsius(373.15, 'k')).toBeCloseTo(100);
    expect(readConditions('a pond as the air drops to -12 °F').temperature.min).toBeCloseTo(-24.4, 1);
    expect(readConditions('a tray of water placed in the freezer').temperature.min).toBe(-18);
    expect(readConditions('an ice cube on a hot frying pan').heat).toMatchObject({ celsius: 200, flame: false });
    expect(readConditions('a sheet of paper held in a Bunsen burner flame').heat?.flame).toBe(true);
    // In a pan over a flame the pan, not the flame, heats it.
    expect(readConditions('butter warmed in a saucepan over a low flame').heat).toMatchObject({ flame: false, celsius: 250 });
  });

  it('reads placement, light, rubbing and time scale', () => {
    expect(readConditions('a needle gently laid flat on the surface of still water').placement).toBe('gently-on-surface');
    expect(readConditions('a cork let go at the bottom of an aquarium').placement).toBe('released-under');
    expect(readConditions('a steel bolt is dropped into a tall glass of water').placement).toBe('into');
    expect(readConditions('an iron nail left in a dish of salt water').placement).toBeNull();
    expect(readConditions('writing on a slate with chalk').rubbing).toBe(true);
    expect(readConditions('timelapse of a puddle').timeScale).toBe('fast');
    expect(readConditions('slow motion shot of a drop').timeScale).toBe('slow');
  });
});

describe('phase changes happen when the temperature path crosses the transition point', () => {
  it('melting: just below and just above the melting point', () => {
    expect(ids('A block of butter heated to 27°C')).not.toContain('melting');
    expect(ids('A block of butter heated to 29°C')).toContain('melting');
    expect(ids('A block of lead heated to 320°C')).not.toContain('melting');
    expect(ids('A block of lead heated to 335°C')).toContain('melting');
    expect(phenomenon('A block of lead heated to 335°C', 'melting')?.explanation).toMatch(/327\.5 °C.*335 °C/);
  });

  it('boiling: just below and just above 100 °C, in °F and K too', () => {
    expect(ids('A pot of water heated to 99 °C')).not.toContain('boiling');
    expect(ids('A pot of water heated to 101 °C')).toContain('boiling');
    expect(ids('A pot of water heated to 211 °F')).not.toContain('boiling');
    expect(ids('A pot of water heated to 213 °F')).toContain('boiling');
    expect(ids('A pot of water heated to 372 K')).not.toContain('boiling');
    expect(ids('A pot of water heated to 374 K')).toContain('boiling');
    // A liquid that boils far below room temperature boils with no heater at all.
    expect(ids('Liquid nitrogen poured onto a laboratory floor')).toContain('boiling');
  });

  it('solidification: just above and just below the freezing point', () => {
    expect(ids('A glass of water cooled to 1 °C')).not.toContain('solidification');
    expect(ids('A glass of water cooled to -1 °C')).toContain('solidification');
    expect(phenomenon('A tray of water placed in the freezer', 'solidification')?.explanation).toMatch(/0 °C.*-18 °C/);
  });

  it('sublimation for dry ice at room temperature; deposition of frost below freezing', () => {
    expect(ids('Someone places a chunk of dry ice on the kitchen counter at room temperature')).toEqual(['sublimation']);
    expect(ids('A car windscreen on a clear winter night as the temperature drops to -8 °C')).toContain('deposition');
    expect(ids('A car windscreen on a clear night as the temperature drops to 3 °C')).not.toContain('deposition');
  });

  it('states what does not happen, with the number that decides it', () => {
    const r = refineBuiltin('A steel bar heated to 300 °C in a furnace');
    expect(r.analysis.phenomena.map((p) => p.id)).not.toContain('melting');
    expect(r.refined).toMatch(/stays solid.*1450 °C/);
  });
});

describe('sink or float comes from comparing densities', () => {
  const water = thing('water', 'water', 'liquid', 1000);
  const dropped = readConditions('it is dropped into a glass of water');
  const outcome = (density: number) => infer([thing('block', 'plastic', 'rigid', density), water], dropped, CONTEXT).events.find((e) => e.id === 'buoyancy');

  it('just below the liquid density floats, just above sinks', () => {
    expect(outcome(999)?.consequence).toMatch(/floats/);
    expect(outcome(1001)?.consequence).toMatch(/sinks/);
  });

  it('cites the numbers', () => {
    expect(phenomenon('A steel bolt is dropped into a tall glass of water', 'buoyancy')?.explanation).toMatch(
      /steel \(7850 kg\/m³\) is 7\.9 times denser than water \(1000 kg\/m³\)/i,
    );
    expect(phenomenon('An iron ball placed in a bath of liquid mercury', 'buoyancy')?.consequence).toMatch(/floats/);
    expect(phenomenon('A lump of gold lowered into a beaker of mercury', 'buoyancy')?.consequence).toMatch(/sinks/);
  });

  it('a small dense object laid gently on water is held by surface tension', () => {
    expect(ids('A steel sewing needle is gently laid flat on the surface of still water')).toEqual(['surface_tension']);
  });
});

describe('dissolving, burning, flame colours and chemistry come from properties', () => {
  it('dissolving from solubility; insoluble sand sinks instead', () => {
    expect(ids('A spoonful of sugar is stirred into hot tea')).toContain('dissolving');
    expect(ids('A teaspoon of sand stirred into a glass of water')).not.toContain('dissolving');
    expect(phenomenon('A spoonful of sugar is stirred into hot tea', 'dissolving')?.explanation).toMatch(/200 g per 100 mL/);
  });

  it('burning: a flame just below and just above the ignition point', () => {
    const base = readConditions('a sheet of paper held in a flame');
    const paper = thing('paper', 'paper', 'deformable', 700);
    const at = (celsius: number) => infer([paper], { ...base, heat: { text: 'flame', celsius, flame: true } }, CONTEXT).events.map((e) => e.id);
    expect(at(230)).not.toContain('combustion');
    expect(at(236)).toContain('combustion');
    expect(ids('A chunk of granite placed in a campfire')).not.toContain('combustion');
    expect(refineBuiltin('A chunk of granite placed in a campfire').refined).toMatch(/does not burn/);
  });

  it('flame colours of metal salts', () => {
    expect(phenomenon('A lithium chloride solution sprayed into a blowtorch flame', 'flame_color')?.consequence).toMatch(/crimson/);
    expect(phenomenon('A pinch of table salt sprinkled into the blue flame of a gas stove', 'flame_color')?.consequence).toMatch(/yellow/);
    expect(ids('A copper coin tossed into a fountain')).not.toContain('flame_color');
  });

  it('acids, indicators, rust and hardness', () => {
    expect(ids('A spoonful of baking soda tipped into a beaker of vinegar')).toEqual(['acidity']);
    expect(phenomenon('A drop of phenolphthalein added to a flask of sodium hydroxide solution', 'color_change')?.consequence).toMatch(/pink/);
    expect(phenomenon('A strip of blue litmus paper dipped into lemon juice', 'color_change')?.consequence).toMatch(/red/);
    expect(ids('An iron nail left in a dish of salt water for two weeks')).toEqual(expect.arrayContaining(['oxidation', 'color_change']));
    expect(ids('A gold ring left in sea water for a decade')).not.toContain('oxidation');
    expect(phenomenon('A diamond ring dragged across a pane of window glass', 'hardness')?.explanation).toMatch(/10.*5\.5/);
  });
});

describe('light through media', () => {
  it('prisms refract and disperse; fog and smoke scatter; straws in water look bent', () => {
    expect(ids('A beam of white light shines through a glass prism in a dark room')).toEqual(expect.arrayContaining(['refraction', 'dispersion']));
    expect(ids('Car headlights driving through thick fog at night')).toContain('scattering');
    expect(phenomenon('A drinking straw standing in a glass of water, seen from the side', 'refraction')?.consequence).toMatch(/bent/);
  });
});

describe('impacts depend on brittleness, elasticity and the surface', () => {
  it('brittle glass shatters on tile; tough steel does not', () => {
    expect(ids('A wine glass is knocked off a table onto a tile floor')).toContain('fracture');
    expect(ids('A steel spanner is dropped onto a concrete floor')).not.toContain('fracture');
  });

  it('rubber bounces on concrete but not on carpet', () => {
    expect(ids('A red rubber ball is dropped onto a concrete floor')).toContain('elasticity');
    expect(ids('A red rubber ball is dropped onto a thick carpet')).not.toContain('elasticity');
  });

  it('the impact speed comes from the drop height', () => {
    expect(phenomenon('A water balloon is dropped from a second floor balcony onto the pavement', 'gravity')?.explanation).toMatch(/6 m.*10\.8 m\/s/);
  });
});

describe('the refined prompt states the outcome in causal order', () => {
  it('a glass that tips over first rotates about its edge, then spills', () => {
    const r = refineBuiltin('A glass of water tips over on a table');
    const added = r.refined.slice(r.original.length);
    expect(added).toMatch(/rotates about its bottom edge/);
    expect(added.indexOf('rotates')).toBeLessThan(added.indexOf('spills'));
    expect(r.analysis.sequence[0]).toMatch(/^First: .*rotates/);
  });

  it('a drop comes before its bounce or its shattering', () => {
    const added = refineBuiltin('A wine glass is knocked off a table onto a tile floor').refined;
    expect(added.indexOf('falls')).toBeLessThan(added.indexOf('shatters'));
  });

  it('static things stay static', () => {
    for (const prompt of ['A red rubber ball is dropped onto a concrete floor', 'a heavy box falls onto the wooden floor', 'a ball hits the wall']) {
      const r = refineBuiltin(prompt);
      expect(r.refined).not.toMatch(/pushes the [\w ]*(floor|wall|ground) away/);
    }
  });

  it('outcomes use plain words', () => {
    expect(refineBuiltin('A steel bolt is dropped into a tall glass of water').refined).toMatch(/sinks straight to the bottom/);
    expect(refineBuiltin('A timelapse of butter as the temperature rises from -10°C to 30°C').refined).toMatch(/softens, slumps and melts/);
  });
});
