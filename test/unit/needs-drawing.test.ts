import { describe, expect, it } from 'vitest';
import { needsDrawing } from '../../renderer/src/stores/input';

describe('when Generate draws the scene from the prompt first', () => {
  it('draws with a prompt and no picture, and not without a prompt', () => {
    expect(needsDrawing({ image: null, prompt: 'a ball falls' })).toBe(true);
    expect(needsDrawing({ image: null, prompt: '   ' })).toBe(false);
  });

  it('never replaces the user’s own picture', () => {
    expect(needsDrawing({ image: {}, prompt: 'a ball falls' })).toBe(false);
  });

  it('draws again only when the prompt is not the one the drawing was made from', () => {
    expect(needsDrawing({ image: { drawnFrom: 'a ball falls' }, prompt: 'a ball falls' })).toBe(false);
    expect(needsDrawing({ image: { drawnFrom: 'a ball falls' }, prompt: 'an apple falls' })).toBe(true);
    // An emptied prompt keeps the drawing (and its edits) rather than failing to draw.
    expect(needsDrawing({ image: { drawnFrom: 'a ball falls' }, prompt: '' })).toBe(false);
  });
});
