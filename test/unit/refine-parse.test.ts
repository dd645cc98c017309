import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/refine/analyze';
import { refineBuiltin } from '../../shared/refine/refine';

const entities = (prompt: string) => analyze(prompt).analysis.entities;

describe('parsing into entities and actions', () => {
  it('containers and contents are separate entities', () => {
    const found = entities('A steel bolt is dropped into a tall glass of water');
    expect(found.map((e) => [e.noun, e.material])).toEqual([
      ['bolt', 'steel'],
      ['glass', 'glass'],
      ['water', 'water'],
    ]);
    expect(found.find((e) => e.noun === 'glass')?.contents).toBe('water');
  });

  it('a measure names its substance', () => {
    const found = entities('A spoonful of sugar is stirred into hot tea');
    expect(found.map((e) => e.noun)).toEqual(['sugar', 'tea']);
    expect(found[0]?.material).toBe('sugar');
    expect(entities('A block of dry ice dropped into a bowl of warm water').map((e) => e.material)).toContain('dry ice');
  });

  it('verbs, prepositions and places never become entities', () => {
    const found = entities('In the kitchen a glass falls over the edge of the counter while the bottle rolls off the shelf onto glass tiles');
    const nouns = found.map((e) => e.noun);
    expect(nouns).not.toContain('kitchen');
    expect(nouns).not.toContain('fall');
    expect(nouns).not.toContain('falls');
    for (const e of found) expect(e.text).not.toMatch(/^(over|off|onto|into|in|on)\b/);
  });

  it('counts each action once', () => {
    const prompt = 'A bottle falls, the bottle falls again, and the bottle falls once more before the bottle falls to the floor';
    const actions = analyze(prompt).analysis.actions.filter((a) => a.verb === 'fall');
    expect(actions).toHaveLength(1);
  });

  it('nothing recognised means physics covered is 0%', () => {
    expect(refineBuiltin('Un glaçon posé sur une poêle chaude').scores).toEqual({ intentKept: 1, physicsCovered: 0 });
    expect(refineBuiltin('熱いフライパンの上に氷を置く').scores.physicsCovered).toBe(0);
    expect(refineBuiltin('A portrait of my grandmother smiling').scores.physicsCovered).toBe(0);
  });

  it('alternatives differ in length and focus but keep the same physics', () => {
    const r = refineBuiltin('A wine glass is knocked off a table onto a tile floor', { alternatives: true });
    const [concise, detailed, cinematic] = r.alternatives.map((a) => a.text) as [string, string, string];
    expect(concise.length).toBeLessThan(r.refined.length);
    expect(detailed.length).toBeGreaterThan(r.refined.length);
    expect(detailed).toMatch(/brittle/);
    expect(cinematic).toMatch(/camera/);
    expect(cinematic).toMatch(/light/);
    for (const text of [concise, detailed, cinematic]) expect(text).toMatch(/shatters/);
  });
});
