import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from './comparison.ts';
import { dec } from './decimal.ts';

const prev = [
  { unitId: 'p1', total: dec('80'), index: dec('80'), rank: 5 },
  { unitId: 'p2', total: dec('70'), index: dec('70'), rank: 9 },
  { unitId: 'same', total: dec('75'), index: dec('76.5'), rank: 3 },
  { unitId: 'old', total: dec('90'), index: dec('90'), rank: 1 },
];
const cur = (unitId: string, index: string, rank: number) => ({ unitId, total: dec(index), index: dec(index), rank });

describe('change on last year through lineage', () => {
  it('same unit: direct change in points, index and rank ("tăng 2 bậc")', () => {
    const c = compareWithPrevious([cur('same', '80', 1)], prev, []).get('same')!;
    expect(c.basis).toBe('direct');
    expect(c.rankDelta).toBe(2);
    expect(c.indexDelta!.toFixed()).toBe('3.5');
  });
  it('1:1 successor under a new code is direct', () => {
    const c = compareWithPrevious([cur('new', '85', 4)], prev, [{ predecessorId: 'old', successorId: 'new', weight: dec(1) }]).get('new')!;
    expect([c.basis, c.rankDelta, c.indexDelta!.toFixed()]).toEqual(['direct', -3, '-5']);
  });
  it('merged from two: weighted baseline, no rank change', () => {
    const c = compareWithPrevious([cur('m', '78', 2)], prev, [
      { predecessorId: 'p1', successorId: 'm', weight: dec('0.6') },
      { predecessorId: 'p2', successorId: 'm', weight: dec('0.4') },
    ]).get('m')!;
    expect(c.basis).toBe('weighted');
    expect(c.previousIndex!.toFixed()).toBe('76'); // 0.6 × 80 + 0.4 × 70
    expect(c.indexDelta!.toFixed()).toBe('2');
    expect(c.rankDelta).toBeUndefined();
  });
  it('merged from two of which only one had results: still weighted, no rank change', () => {
    const c = compareWithPrevious([cur('m', '78', 2)], prev, [
      { predecessorId: 'p1', successorId: 'm', weight: dec('0.6') },
      { predecessorId: 'unassessed', successorId: 'm', weight: dec('0.4') },
    ]).get('m')!;
    expect(c.basis).toBe('weighted');
    expect(c.previousIndex!.toFixed()).toBe('80');
    expect(c.rankDelta).toBeUndefined();
  });
  it('split from one: weighted, no rank change; new unit without history: none', () => {
    const r = compareWithPrevious([cur('s1', '70', 1), cur('s2', '72', 2), cur('fresh', '60', 3)], prev, [
      { predecessorId: 'p2', successorId: 's1', weight: dec('0.5') },
      { predecessorId: 'p2', successorId: 's2', weight: dec('0.5') },
    ]);
    expect(r.get('s1')!.basis).toBe('weighted');
    expect(r.get('s1')!.previousIndex!.toFixed()).toBe('70');
    expect(r.get('fresh')!.basis).toBe('none');
  });
});
