import { describe, expect, it } from 'vitest';
import { evalIntentOf, judgedDynamic } from '../../shared/evaluate/inputs';

describe('the intent both clips are judged by', () => {
  it('lets the subject leave the frame when the prompt sends it away or out of the picture, not for a bare "off" or "out"', () => {
    const roll = { kind: 'roll', subjects: ['o1'] };
    expect(evalIntentOf(roll, 'the plate rolls away on its edge').leavesFrame).toBe(true);
    expect(evalIntentOf({ kind: 'float', subjects: ['o1'] }, 'the balloon drifts up out of the picture').leavesFrame).toBe(true);
    expect(evalIntentOf({ kind: 'float', subjects: ['o1'] }, 'the squirrel drifts up out of the grass').leavesFrame).toBe(false);
    expect(evalIntentOf({ kind: 'fall', subjects: ['o1'] }, 'the apple rolls off the table').leavesFrame).toBe(false);
    expect(evalIntentOf(roll, 'the ball rolls to the right').leavesFrame).toBe(false);
    // The planner's own reading counts too.
    expect(evalIntentOf({ ...roll, leavesFrame: true }, 'the ball rolls').leavesFrame).toBe(true);
  });

  it('follows the same objects in both clips: what either clip moves, and the named subject even where a clip leaves it still', () => {
    const objects = [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }];
    // The baseline moved o2 only; the physics clip moved o1; the prompt names o1.
    expect([...judgedDynamic(objects, ['o2', 'o1'], ['o1'])].sort()).toEqual(['o1', 'o2']);
    expect([...judgedDynamic(objects, [], ['o3'])]).toEqual(['o3']);
    // An id the scene does not hold is not followed.
    expect([...judgedDynamic(objects, ['zz'], [])]).toEqual([]);
  });
});
