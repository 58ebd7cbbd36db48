import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, sum } from './decimal.ts';
import { classify } from './ranking.ts';
import {
  type RankedTotals,
  compareComponents,
  groupComponentAverages,
  leavesToCover,
  nextClassTarget,
  nextRankTarget,
  unitTrend,
  whatItTakes,
} from './scorecard.ts';

const bands = [
  { label: 'Xuất sắc', min: '90' },
  { label: 'Tốt', min: '80' },
  { label: 'Khá', min: '70' },
  { label: 'Trung bình', min: '50' },
  { label: 'Yếu', min: '0' },
];
const leaf = (code: string, lost: string) => ({ code, lost: dec(lost) });
const unit = (unitId: string, total: string, max: string, rank: number, order = rank, extra: Partial<RankedTotals> = {}): RankedTotals => ({
  unitId,
  total: dec(total),
  max: dec(max),
  index: dec(total).times(100).dividedBy(dec(max)),
  appraised: dec(total),
  survey: dec(0),
  rank,
  order,
  ...extra,
});

describe('leaves to cover a gap', () => {
  const leaves = [leaf('1.1.1', '0.5'), leaf('3.3.1', '2'), leaf('2.1.1', '1'), leaf('5.1.1', '1'), leaf('8.1.1', '0')];

  it('takes the largest losses first: the fewest leaves, equal losses in rubric order', () => {
    const plan = leavesToCover(leaves, dec('2.75'));
    expect(plan.leaves.map((l) => l.code)).toEqual(['3.3.1', '2.1.1']);
    expect([plan.covered.toFixed(), plan.reachable]).toEqual(['3', true]);
  });

  it('strict: an exactly equal cover is not enough', () => {
    expect(leavesToCover(leaves, dec('3')).leaves).toHaveLength(2);
    expect(leavesToCover(leaves, dec('3'), true).leaves.map((l) => l.code)).toEqual(['3.3.1', '2.1.1', '5.1.1']);
  });

  it('says when even every lost point is not enough', () => {
    const plan = leavesToCover(leaves, dec('4.6'));
    expect([plan.leaves.length, plan.covered.toFixed(), plan.reachable]).toEqual([4, '4.5', false]);
  });

  it('nothing to cover → no leaf', () => {
    expect(leavesToCover(leaves, dec(0)).leaves).toEqual([]);
  });

  it('greedy is never beaten by another subset (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 400 }), (quarters, gapQ) => {
        const ls = quarters.map((q, i) => leaf(`L${i}`, dec(q).dividedBy(4).toFixed()));
        const gap = dec(gapQ).dividedBy(4);
        const plan = leavesToCover(ls, gap);
        // brute force: smallest subset whose sum ≥ gap
        let best = Infinity;
        for (let mask = 0; mask < 1 << ls.length; mask++) {
          const chosen = ls.filter((_, i) => mask & (1 << i));
          if (sum(chosen.map((l) => l.lost)).greaterThanOrEqualTo(gap)) best = Math.min(best, chosen.length);
        }
        if (best === Infinity) return !plan.reachable;
        return plan.reachable && plan.leaves.length === best;
      }),
    );
  });
});

describe('next class', () => {
  it('the fewest points whose published index reaches the band, exact, on a reduced scale', () => {
    // 68.4 of 86.75 = 78.847…% (Khá). Tốt is reached when the index is published as 80,00, i.e.
    // from 79.995%: 79.995% × 86.75 = 69.3956625 → 0.9956625 points (not 80% × 86.75 − 68.4 = 1).
    const t = nextClassTarget(unit('u', '68.4', '86.75', 1), bands)!;
    expect([t.label, t.min.toFixed(), t.pointsNeeded.toFixed()]).toEqual(['Tốt', '80', '0.9956625']);
  });

  it('a unit at 71.995 of 100 needing Tốt (80) is told 8 points, since 79.995 is published as 80,00 (not 8.005)', () => {
    const t = nextClassTarget(unit('u', '71.995', '100', 1), bands)!;
    expect([t.label, t.pointsNeeded.toFixed()]).toEqual(['Tốt', '8']);
    // The figure is exactly enough and no less: the unit is then classed Tốt, a thousandth less is not.
    expect(classify(dec('79.995'), bands)).toBe('Tốt');
    expect(classify(dec('79.994'), bands)).toBe('Khá');
  });

  it('on a 160-point scale the rounding step is worth 0.008 points: 8 where 8.008 was said', () => {
    // 115.992 of 160 = 72.495% (Khá); 79.995% × 160 = 127.992 → 12 points to be published at 80,00.
    const t = nextClassTarget(unit('u', '115.992', '160', 1), bands)!;
    expect(t.pointsNeeded.toFixed()).toBe('12');
    expect(classify(dec('115.992').plus(t.pointsNeeded).times(100).dividedBy(160), bands)).toBe('Tốt');
    expect(classify(dec('115.992').plus(t.pointsNeeded).minus('0.001').times(100).dividedBy(160), bands)).toBe('Khá');
  });

  it('a unit shown at 80,00 (79.996) is already Tốt: its next class is Xuất sắc, reached at 89.995', () => {
    const t = nextClassTarget(unit('u', '79.996', '100', 1), bands)!;
    expect([t.label, t.pointsNeeded.toFixed()]).toEqual(['Xuất sắc', '9.999']);
  });

  it('property: the figure brings the published index to the band, and any thousandth less does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 200_000 }), fc.integer({ min: 0, max: 1000 }), (maxMilli, share) => {
        const max = dec(maxMilli).dividedBy(1000);
        const total = max.times(share).dividedBy(1000).toDecimalPlaces(3, 1); // 3-decimal points, rounded down
        const u = unit('u', total.toFixed(), max.toFixed(), 1);
        const t = nextClassTarget(u, bands);
        if (!t) return classify(u.index, bands) === 'Xuất sắc';
        const after = (gain: typeof total) => classify(total.plus(gain).times(100).dividedBy(max), bands);
        const rank = (label: string) => bands.findIndex((b) => b.label === label);
        expect(rank(after(t.pointsNeeded))).toBeLessThanOrEqual(rank(t.label));
        expect(rank(after(t.pointsNeeded.minus('0.000001')))).toBeGreaterThan(rank(t.label));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('none above the highest band', () => {
    expect(nextClassTarget(unit('u', '95', '100', 1), bands)).toBeUndefined();
  });
});

describe('next rank', () => {
  const group = [unit('a', '92', '100', 1), unit('b', '85', '100', 2), unit('c', '85', '100', 2, 3), unit('d', '80', '100', 4), unit('e', '62', '80', 5)];

  it('draws level with the nearest unit above under shared ranks (1, 2, 2, 4)', () => {
    const t = nextRankTarget(group[3], group, { mode: 'shared' })!;
    // the last of the two units sharing rank 2 in published order
    expect([t.rank, t.competitorId, t.pointsNeeded.toFixed(), t.strict]).toEqual([2, 'c', '5', false]);
  });

  it('must exceed under an ordered tie-break, and compares indices on different scales', () => {
    const t = nextRankTarget(group[4], group, { mode: 'ordered', keys: ['appraised', 'survey'] })!;
    // 80 % of e's 80-point scale = 64 → 2 points, and more than that.
    expect([t.rank, t.competitorId, t.pointsNeeded.toFixed(), t.strict]).toEqual([4, 'd', '2', true]);
  });

  it('a unit behind on the tie-break alone needs more than 0 points', () => {
    const tied = [unit('x', '85', '100', 1, 1, { appraised: dec('60') }), unit('y', '85', '100', 2, 2, { appraised: dec('55') })];
    const t = nextRankTarget(tied[1], tied, { mode: 'ordered', keys: ['appraised'] })!;
    expect([t.pointsNeeded.toFixed(), t.strict]).toEqual(['0', true]);
    expect(leavesToCover([leaf('1', '0.25')], t.pointsNeeded, t.strict).leaves).toHaveLength(1);
  });

  it('none for the first', () => {
    expect(nextRankTarget(group[0], group, { mode: 'shared' })).toBeUndefined();
  });
});

describe('what it takes', () => {
  it('combines both targets with their leaves and the recoverable points', () => {
    const group = [unit('a', '81', '100', 1), unit('me', '78.5', '100', 2)];
    const leaves = [leaf('1.1', '0.5'), leaf('3.2', '1.25'), leaf('7.1', '3'), leaf('8.1', '0.75')];
    const w = whatItTakes(group[1], leaves, bands, group, { mode: 'ordered', keys: ['appraised'] });
    expect(w.recoverable.toFixed()).toBe('5.5');
    expect([w.nextClass!.label, w.nextClass!.pointsNeeded.toFixed(), w.nextClass!.plan.leaves.map((l) => l.code)]).toEqual(['Tốt', '1.495', ['7.1']]);
    expect([w.nextRank!.pointsNeeded.toFixed(), w.nextRank!.plan.leaves.map((l) => l.code), w.nextRank!.plan.reachable]).toEqual(['2.5', ['7.1'], true]);
  });
});

describe('component indices and the group average', () => {
  const n = (code: string, points: string, max: string) => ({ code, points: dec(points), max: dec(max) });
  it('averages the units’ component indices, leaving out units to which a field does not apply', () => {
    const a = [n('1', '9', '10'), n('3', '10', '20')];
    const b = [n('1', '7', '10')]; // field 3 excluded
    const avg = groupComponentAverages([a, b]);
    expect([avg.get('1')!.mean.toFixed(), avg.get('1')!.count]).toEqual(['80', 2]);
    expect([avg.get('3')!.mean.toFixed(), avg.get('3')!.count]).toEqual(['50', 1]);
    const cmp = compareComponents(b, avg);
    expect(cmp.map((c) => [c.code, c.index.toFixed(), c.delta!.toFixed()])).toEqual([['1', '70', '-10']]);
  });
});

describe('trend over the years through lineage', () => {
  const me = { unitId: 'm', total: dec('82'), index: dec('82'), rank: 3 };
  const past = [
    { cycleId: 'c2024', year: 2024, results: [{ unitId: 'p1', total: dec('80'), index: dec('80'), rank: 2 }, { unitId: 'p2', total: dec('70'), index: dec('70'), rank: 7 }] },
    { cycleId: 'c2023', year: 2023, results: [{ unitId: 'p1', total: dec('75'), index: dec('75'), rank: 4 }] },
    { cycleId: 'c2022', year: 2022, results: [{ unitId: 'other', total: dec('75'), index: dec('75'), rank: 1 }] },
  ];
  const lineage = [
    { predecessorId: 'p1', successorId: 'm', weight: dec('0.6') },
    { predecessorId: 'p2', successorId: 'm', weight: dec('0.4') },
  ];

  it('merged unit: weighted index without rank; a year where one predecessor alone existed is still weighted; no baseline → left out', () => {
    const t = unitTrend(me, past, lineage);
    expect(t.map((p) => [p.year, p.basis, p.index.toFixed(), p.rank])).toEqual([
      [2023, 'weighted', '75', undefined],
      [2024, 'weighted', '76', undefined],
    ]);
  });

  it('the same unit over the years: its own index and rank', () => {
    const t = unitTrend({ ...me, unitId: 'p1' }, past, []);
    expect(t.map((p) => [p.year, p.basis, p.index.toFixed(), p.rank])).toEqual([
      [2023, 'direct', '75', 4],
      [2024, 'direct', '80', 2],
    ]);
  });
});
