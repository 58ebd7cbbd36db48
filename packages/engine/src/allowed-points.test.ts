import type { LeafInputs, ScoringRule } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedPointsOf, describeAllowedPoints, isAllowedPoints } from './allowed-points.ts';
import { Decimal, dec } from './decimal.ts';
import { finalPointsOf, decidedPointsOf } from './final-points.ts';
import type { IndexedLeaf } from './rubric-index.ts';
import { checkLeafInputs, evaluateLeaf } from './rules.ts';

const thousandths = (maxUnits: number) => fc.integer({ min: 0, max: maxUnits * 1000 }).map((n) => dec(n).dividedBy(1000).toFixed());
const leafOf = (rule: ScoringRule, max: string, extra: Partial<IndexedLeaf> = {}): IndexedLeaf => ({
  code: '1.2.3', title: 'Tiêu chí', max: dec(max), source: 'appraised', effect: 'score', rule, evidenceRequired: false, ancestors: ['1', '1.2'], ...extra,
});

const levelsRule = fc.uniqueArray(thousandths(5), { minLength: 2, maxLength: 5 }).map((pts) => ({ type: 'levels' as const, levels: pts.map((p, i) => ({ code: `m${i}`, label: `Mức ${i}`, points: p })) }));
const bandsRule = fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }).chain((mins) =>
  fc.record({
    bands: fc.tuple(...mins.map((m) => fc.record({ minPercent: fc.constant(String(m)), exclusive: fc.boolean(), points: thousandths(5) }))),
    whenNone: fc.constantFrom('full' as const, 'zero' as const),
  }).map((r) => ({ type: 'ratio_bands' as const, numeratorLabel: 'Tử', denominatorLabel: 'Mẫu', bands: r.bands, whenNone: r.whenNone })),
);
const ruleArb: fc.Arbitrary<ScoringRule> = fc.oneof(
  levelsRule,
  fc.constant({ type: 'binary' as const }),
  bandsRule,
  fc.constantFrom('full' as const, 'zero' as const).map((whenNone) => ({ type: 'proportional' as const, numeratorLabel: 'Tử', denominatorLabel: 'Mẫu', whenNone })),
  thousandths(2).map((perItem) => ({ type: 'count' as const, countLabel: 'Số lần', perItem })),
  fc.constant({ type: 'manual' as const }),
  fc.uniqueArray(fc.record({ count: fc.integer({ min: 0, max: 6 }), orMore: fc.boolean(), points: thousandths(5) }), { minLength: 1, maxLength: 5, selector: (t) => `${t.orMore}|${t.count}` })
    .map((tiers) => ({ type: 'count_tiers' as const, countLabel: 'Số lần', tiers: tiers.map((t) => ({ count: t.count, ...(t.orMore && { orMore: true }), points: t.points })) })),
  fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 100 })).map(([per, f]) => ({
    type: 'count_deduction' as const, countLabel: 'Số lần', perItem: dec(per).dividedBy(1000).toFixed(), floor: dec(f).dividedBy(100).toFixed(),
  })),
).chain((rule) =>
  // "Không phát sinh: tối đa | 0 | không tính", or no clause, on every rule.
  fc.constantFrom('full' as const, 'zero' as const, 'not_applicable' as const, undefined).map((whenNone) => (whenNone ? { ...rule, whenNone } : rule) as ScoringRule),
);
/** Valid raw inputs for a rule (what checkLeafInputs accepts). */
function inputsArb(rule: ScoringRule, max: string): fc.Arbitrary<LeafInputs> {
  const own = ruleInputsArb(rule, max);
  if (rule.type === 'survey' || rule.whenNone === undefined) return own;
  return fc.oneof(own, fc.record({ noneOccurred: fc.constant(true), hasEvidence: fc.boolean() }));
}

function ruleInputsArb(rule: ScoringRule, max: string): fc.Arbitrary<LeafInputs> {
  const evidence = fc.boolean();
  switch (rule.type) {
    case 'levels':
      return fc.record({ level: fc.constantFrom(...rule.levels.map((l) => l.code)), hasEvidence: evidence });
    case 'binary':
      return fc.record({ met: fc.boolean(), hasEvidence: evidence });
    case 'ratio_bands':
    case 'proportional':
      // A zero denominator is valid only under a "Không phát sinh" clause.
      return fc.integer({ min: rule.whenNone === undefined ? 1 : 0, max: 5000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d), hasEvidence: evidence }));
    case 'count':
    case 'count_tiers':
    case 'count_deduction':
      return fc.record({ count: fc.integer({ min: 0, max: 200 }), hasEvidence: evidence });
    default:
      return thousandths(Number(max)).filter((p) => dec(p).lessThanOrEqualTo(max)).map((points) => ({ points }));
  }
}

describe('allowed points of a leaf (property-based)', () => {
  it('every figure the engine computes from any valid input is allowed', () => {
    const arb = fc.record({ rule: ruleArb, max: fc.integer({ min: 1, max: 20 }).map((n) => dec(n).dividedBy(4).toFixed()), evidenceRequired: fc.boolean(), pointDecimals: fc.integer({ min: 0, max: 3 }) })
      .chain((c) => fc.tuple(fc.constant(c), inputsArb(c.rule, c.max)));
    fc.assert(
      fc.property(arb, ([c, inputs]) => {
        const leaf = leafOf(c.rule, c.max, { evidenceRequired: c.evidenceRequired });
        expect(checkLeafInputs(leaf, inputs)).toEqual([]);
        const ev = evaluateLeaf(leaf, inputs, { pointDecimals: c.pointDecimals, evidencePolicy: 'zero' });
        // A leaf that does not count ("không tính") gives no figure to check.
        if (ev.applicable) expect(isAllowedPoints(allowedPointsOf(leaf, { pointDecimals: c.pointDecimals }), ev.points)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a value strictly between two consecutive levels is refused', () => {
    fc.assert(
      fc.property(levelsRule, fc.integer({ min: 1, max: 999 }), (rule, t) => {
        const leaf = leafOf(rule, '5');
        const d = allowedPointsOf(leaf);
        if (d.kind !== 'values') throw new Error('levels give a list');
        const [a, b] = [d.values[0], d.values[1]];
        const between = a.plus(b.minus(a).times(t).dividedBy(1000));
        if (between.equals(a) || between.equals(b)) return;
        expect(isAllowedPoints(d, between)).toBe(false);
      }),
    );
  });

  it('0,3 on a 0 / 0,75 / 1,5 leaf is refused, and the refusal lists the values', () => {
    const leaf = leafOf({ type: 'levels', levels: [{ code: 'a', label: 'Đủ', points: '1.5' }, { code: 'b', label: 'Một phần', points: '0.75' }, { code: 'c', label: 'Không', points: '0' }] }, '1.5');
    const d = allowedPointsOf(leaf);
    expect(isAllowedPoints(d, '0.3')).toBe(false);
    expect(isAllowedPoints(d, '0.750')).toBe(true);
    expect(describeAllowedPoints(d)).toBe('0; 0,75; 1,5');
  });

  it('pass/fail allows only 0 and the maximum; count allows multiples and the cap', () => {
    const bin = allowedPointsOf(leafOf({ type: 'binary' }, '2'));
    expect(['0', '2', '1', '0.5'].map((p) => isAllowedPoints(bin, p))).toEqual([true, true, false, false]);
    const count = allowedPointsOf(leafOf({ type: 'count', countLabel: 'Lần', perItem: '0.4' }, '1'));
    expect(['0', '0.4', '0.8', '1', '0.5', '1.2'].map((p) => isAllowedPoints(count, p))).toEqual([true, true, true, true, false, false]);
    expect(describeAllowedPoints(count)).toBe('bội số của 0,4 từ 0 đến 0,8 hoặc 1');
  });

  it('proportional points keep the rubric decimals', () => {
    const d = allowedPointsOf(leafOf({ type: 'proportional', numeratorLabel: 'a', denominatorLabel: 'b', whenNone: 'zero' }, '2'), { pointDecimals: 2 });
    expect(isAllowedPoints(d, '1.99')).toBe(true);
    expect(isAllowedPoints(d, '1.995')).toBe(false);
    expect(isAllowedPoints(d, new Decimal('2.01'))).toBe(false);
  });
});

describe('final points of a leaf', () => {
  it('the latest stage with a figure wins: final, council, proposal, self', () => {
    expect(finalPointsOf({ self: '1', proposed: null, council: null })).toBe('1');
    expect(finalPointsOf({ self: '1', proposed: '0.5' })).toBe('0.5');
    expect(finalPointsOf({ self: '1', proposed: '0.5', council: '0.75' })).toBe('0.75');
    expect(finalPointsOf({ self: '1', proposed: '0.5', council: '0.75', final: '0.25' })).toBe('0.25');
    expect(decidedPointsOf({ self: '1', proposed: '0.5', council: '0.75', final: '0.25' })).toBe('0.75');
    expect(finalPointsOf({})).toBeNull();
  });
});
