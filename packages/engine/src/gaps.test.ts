import { describe, expect, it } from 'vitest';
import { dec } from './decimal.ts';
import {
  componentSumGap,
  leavesLosingPoints,
  lossChange,
  mostLostFirst,
  netAdjustment,
  pointsLost,
  selfProgress,
  standingChange,
  targetGap,
  toFixedUp,
} from './gaps.ts';

describe('points lost', () => {
  it('is max − points, exact', () => {
    expect(pointsLost('2.5', '0.75').toFixed()).toBe('1.75');
    expect(pointsLost(dec('1'), '1').toFixed()).toBe('0');
  });

  it('orders every leaf by loss, most first, equal losses in their given order', () => {
    const leaves = [{ code: 'a', lost: '0.5' }, { code: 'b', lost: '2' }, { code: 'c', lost: '0.5' }, { code: 'd', lost: '0' }];
    expect(mostLostFirst(leaves).map((l) => l.code)).toEqual(['b', 'a', 'c', 'd']);
    expect(leaves.map((l) => l.code)).toEqual(['a', 'b', 'c', 'd']); // not sorted in place
  });

  it('keeps only leaves that lost points, most first, equal losses by code in numeric order', () => {
    const leaves = [
      { code: '1.10', lost: '1' },
      { code: '3.1', lost: '0' },
      { code: '1.2', lost: '1' },
      { code: '2.1', lost: '1.25' },
      { code: '4.1', lost: '-0.5' },
    ];
    expect(leavesLosingPoints(leaves).map((l) => l.code)).toEqual(['2.1', '1.2', '1.10']);
  });

  it('compares a loss then and now: regained = then − now', () => {
    expect(lossChange('2', '0.5')).toEqual({ regained: dec('1.5'), trend: 'better' });
    expect(lossChange('0.5', '2').regained.toFixed()).toBe('-1.5');
    expect(lossChange('0.5', '2').trend).toBe('worse');
    expect(lossChange('1.0', '1').trend).toBe('same');
  });
});

describe('net adjustment and self-assessment progress', () => {
  it('is bonus − deduction', () => {
    expect(netAdjustment('1.5', '2.25').toFixed()).toBe('-0.75');
  });

  it('counts entered leaves, adds score and bonus, takes deductions off, sums the score leaves’ maxima', () => {
    const p = selfProgress([
      { effect: 'score', max: '2', selfPoints: '1.5' },
      { effect: 'score', max: '3', selfPoints: null },
      { effect: 'bonus', max: '1', selfPoints: '0.5' },
      { effect: 'deduction', max: '2', selfPoints: '0.25' },
    ]);
    expect({ done: p.done, claimed: p.claimed.toFixed(), max: p.max.toFixed() }).toEqual({ done: 3, claimed: '1.75', max: '5' });
  });

  it('rounds points still needed up, never half-up', () => {
    expect(toFixedUp(dec('1.231'))).toBe('1.24');
    expect(toFixedUp(dec('1.2'))).toBe('1.20');
    expect(toFixedUp(dec('0.001'), 2)).toBe('0.01');
  });
});

describe('external index gaps', () => {
  it('gap to target: rank places and value short; met when every set target is', () => {
    const g = targetGap({ value: '78.5', rank: 12 }, { targetValue: '80', targetRank: 10 });
    expect({ rank: g.rank, value: g.value?.toFixed(), met: g.met }).toEqual({ rank: 2, value: '1.5', met: false });
    const met = targetGap({ value: '81.25', rank: 9 }, { targetValue: '80', targetRank: 10 });
    expect({ rank: met.rank, value: met.value?.toFixed(), met: met.met }).toEqual({ rank: -1, value: '-1.25', met: true });
    expect(targetGap({ value: '81', rank: 12 }, { targetValue: '80', targetRank: null })).toEqual({ rank: null, value: dec('-1'), met: true });
    expect(targetGap({ value: '81', rank: null }, { targetValue: null, targetRank: 3 })).toEqual({ rank: null, value: null, met: null });
  });

  it('change on an earlier year: places gained, value change', () => {
    const c = standingChange({ value: '82.1', rank: 5 }, { value: '79.35', rank: 9 });
    expect({ rank: c.rank, value: c.value.toFixed() }).toEqual({ rank: 4, value: '2.75' });
    expect(standingChange({ value: '70', rank: null }, { value: '71', rank: 3 }).rank).toBeNull();
  });

  it('no change in places when the number ranked differs (24/63 in 2024 → 12/34 in 2025)', () => {
    const merged = standingChange({ value: '87.4', rank: 12, rankOf: 34 }, { value: '85.1', rank: 24, rankOf: 63 });
    expect({ rank: merged.rank, value: merged.value.toFixed() }).toEqual({ rank: null, value: '2.3' });
    expect(standingChange({ value: '87.4', rank: 12, rankOf: 34 }, { value: '85.1', rank: 24, rankOf: null }).rank).toBeNull();
    expect(standingChange({ value: '87.4', rank: 12, rankOf: 63 }, { value: '85.1', rank: 24, rankOf: 63 }).rank).toBe(12);
  });

  it('components’ sum and its distance to the total', () => {
    const g = componentSumGap(['10.25', '20.5', '30'], '60.76');
    expect({ sum: g.sum.toFixed(), gap: g.gap.toFixed() }).toEqual({ sum: '60.75', gap: '0.01' });
  });
});
