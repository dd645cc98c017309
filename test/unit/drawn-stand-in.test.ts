import { describe, expect, it } from 'vitest';
import { drawnScene } from '../../shared/preview/drawn-scene';

describe('a prompt that names nothing drawable', () => {
  it('gets a stand-in whose label is not the prompt’s, so the app can say the prompt named nothing', () => {
    for (const prompt of ['it moves slowly', 'something happens']) {
      const d = drawnScene(prompt);
      expect(d.scene.objects).toHaveLength(1);
      expect(d.scene.objects[0]?.provenance.label).toBe('default');
      expect(d.notices.join(' ')).toMatch(/stands in/);
    }
  });

  it('keeps the prompt’s own objects labelled from the prompt', () => {
    const d = drawnScene('A red ball rolls off the table');
    expect(d.scene.objects.map((o) => [o.label, o.provenance.label])).toEqual([['ball', 'prompt']]);
  });
});
