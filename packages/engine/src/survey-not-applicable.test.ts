/**
 * A survey leaf the survey scoring marks not applicable to a unit (too few answers, fallback
 * `not_applicable`) leaves the unit's maximum exactly like an exclusion — whatever stale points
 * are still on the row — and only survey leaves can be taken out this way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCycle } from './compute-cycle.ts';
import { dec } from './decimal.ts';
import { indexRubric } from './rubric-index.ts';
import { checkLeafInputs, evaluateLeaf } from './rules.ts';
import { sampleRubric } from './test-rubric.ts';
import { type LeafScoreInput, scoreUnit } from './unit-scoring.ts';

const idx = indexRubric(sampleRubric());
const settings = idx.doc.settings;
const base = new Map<string, LeafScoreInput>([
  ['1.1', { inputs: { level: 'on_time', hasEvidence: true } }],
  ['1.2', { inputs: { met: true } }],
  ['1.3', { inputs: { numerator: 9, denominator: 10 } }],
  ['1.4', { inputs: { numerator: 3, denominator: 4 } }],
  ['2.2', { inputs: { points: '1.5' } }],
]);
const NA = { notApplicable: true, reason: 'Chỉ có 3 câu trả lời hợp lệ về đơn vị (tối thiểu 20): tiêu chí không tính cho đơn vị.' };

describe('survey leaf marked not applicable', () => {
  it('evaluates as not applicable and needs no points', () => {
    const leaf = idx.leafByCode.get('3.1')!;
    expect(evaluateLeaf(leaf, NA, settings)).toEqual({ points: dec(0), applicable: false });
    expect(checkLeafInputs(leaf, NA)).toEqual([]);
    expect(checkLeafInputs(leaf, {}).map((p) => p.field)).toEqual(['points']);
  });

  it('drops the leaf\'s maximum (3) from the unit: 6 of 8 instead of 6 of 11, with the reason', () => {
    const scored = scoreUnit(idx, 'departments', new Set(), new Map([...base, ['3.1', { inputs: NA }]]));
    const missing = scoreUnit(idx, 'departments', new Set(), base);
    expect(missing.max.toFixed()).toBe('11'); // no row: 0 points against the full maximum
    expect(scored.max.toFixed()).toBe('8');
    expect(scored.total.toFixed()).toBe('6');
    expect(scored.total.equals(missing.total)).toBe(true);
    expect(scored.survey.toFixed()).toBe('0');
    expect(scored.leaves.map((l) => l.code)).not.toContain('3.1');
    expect(scored.nodes.map((n) => n.code)).not.toContain('3');
    expect(scored.notApplicable).toEqual([{ code: '3.1', max: dec(3), reason: NA.reason }]);
  });

  it('ignores the marker on an appraised leaf: a unit cannot take a leaf out of its own maximum', () => {
    const s = scoreUnit(idx, 'departments', new Set(), new Map([...base, ['2.2', { inputs: { points: '1.5', notApplicable: true } }]]));
    expect(s.max.toFixed()).toBe('11');
    expect(s.leaves.find((l) => l.code === '2.2')?.points.toFixed()).toBe('1.5');
    expect(s.notApplicable).toEqual([]);
  });

  it('property: a not-applicable survey leaf never moves the index — the same as excluding it, whatever stale points the row holds', () => {
    const thousandths = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((n) => dec(n).dividedBy(1000).toFixed());
    fc.assert(
      fc.property(thousandths(2), fc.option(thousandths(3), { nil: undefined }), fc.option(thousandths(3), { nil: undefined }), (p22, stale, decided) => {
        const scores = new Map(base);
        scores.set('2.2', { inputs: { points: p22 } });
        const units = [{ unitId: 'u', name: 'Đơn vị', group: 'communes' }];
        const marked = new Map(scores).set('3.1', { inputs: { ...NA, ...(stale !== undefined && { points: stale }) }, points: decided ?? null });
        const na = computeCycle(idx, units, new Map([['u', marked]])).units[0];
        const excluded = computeCycle(idx, [{ ...units[0], excluded: ['3.1'] }], new Map([['u', scores]])).units[0];
        expect(na.index.equals(excluded.index)).toBe(true);
        expect(na.max.equals(excluded.max)).toBe(true);
        expect(na.total.equals(excluded.total)).toBe(true);
      }),
    );
  });
});
