import type { RubricDocument } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from './decimal.ts';
import { diffRubrics } from './rubric-diff.ts';
import { type GivenPoints, GIVEN_POINTS_FIELDS, checkGivenPoints, isEmptyDiff, rescalePoints, sameRubricDocument } from './rubric-rescale.ts';
import { sampleRubric } from './test-rubric.ts';

const reweighted = (code: string, oldMax: string, newMax: string) => ({ reweighted: [{ code, title: code, oldMax, newMax }] });
const given = (unitName: string, leafCode: string, values: GivenPoints['values']): GivenPoints => ({ unitId: unitName, unitName, leafCode, values });

describe('points already given when a rubric version re-weights a leaf', () => {
  it('lists every stage value above the lowered maximum, unit × leaf × field, in Vietnamese', () => {
    const check = checkGivenPoints(reweighted('2.1.3', '7', '5'), [
      given('Sở Tư pháp', '2.1.3', { self: '7', proposed: '6', council: null, final: '5' }),
      given('Sở Y tế', '2.1.3', { input: '5.5' }),
      given('Sở Tư pháp', '1.1', { final: '9' }), // not re-weighted: not this replacement's business
    ]);
    expect(check.rescaled).toEqual([]);
    expect(check.overMax.map((o) => o.message)).toEqual([
      'Sở Tư pháp — 2.1.3: điểm tự đánh giá 7 > điểm tối đa mới 5',
      'Sở Tư pháp — 2.1.3: điểm thẩm định 6 > điểm tối đa mới 5',
      'Sở Y tế — 2.1.3: điểm nhập 5,5 > điểm tối đa mới 5',
    ]);
  });

  it('rescales every value of a lowered leaf proportionally, half-up to 3 decimals: 6 of 7 → 4,286 of 5', () => {
    const check = checkGivenPoints(reweighted('2.1.3', '7', '5'), [
      given('Sở Tư pháp', '2.1.3', { self: '7', proposed: '6', final: '6' }),
      given('Sở Y tế', '2.1.3', { proposed: '5', council: '0' }),
    ], { rescale: true });
    expect(check.overMax).toEqual([]);
    expect(check.rescaled.map((r) => `${r.unitName} ${r.field} ${r.before}→${r.after}`)).toEqual([
      'Sở Tư pháp self 7→5',
      'Sở Tư pháp proposed 6→4.286', // 4.2857142… half-up
      'Sở Tư pháp final 6→4.286',
      'Sở Y tế proposed 5→3.571', // below the new maximum too: the unit keeps its standing on the leaf
    ]);
  });

  it('a raised maximum leaves the points as they are, with or without rescale', () => {
    const check = checkGivenPoints(reweighted('1.1', '2', '2.5'), [given('Sở A', '1.1', { final: '2', self: '1.5' })], { rescale: true });
    expect(check).toEqual({ overMax: [], rescaled: [] });
  });

  it('rescaling rounds half-up and never above the new maximum', () => {
    expect(rescalePoints('1', '3', '2').toFixed()).toBe('0.667');
    expect(rescalePoints('0.0015', '1', '1.0005', 3).toFixed()).toBe('0.002'); // 0.00150075 → 0.002
    expect(rescalePoints('8', '7', '5').toFixed()).toBe('5'); // above the old maximum already: capped
  });

  const money = (max: number) => fc.integer({ min: 1, max: max * 1000 }).map((n) => dec(n).dividedBy(1000).toFixed());
  const caseArb = fc.tuple(money(20), money(20)).chain(([a, b]) => {
    const [oldMax, newMax] = dec(a).greaterThanOrEqualTo(b) ? [a, b] : [b, a];
    const value = fc.integer({ min: 0, max: Number(dec(oldMax).times(1000)) }).map((n) => dec(n).dividedBy(1000).toFixed());
    return fc.record({ oldMax: fc.constant(oldMax), newMax: fc.constant(newMax), values: fc.array(fc.record(Object.fromEntries(GIVEN_POINTS_FIELDS.map((f) => [f, fc.option(value, { nil: undefined })])), { requiredKeys: [] }), { minLength: 1, maxLength: 8 }) });
  });

  it('after rescale no given points exceed the new maximum (property)', () => {
    fc.assert(fc.property(caseArb, ({ oldMax, newMax, values }) => {
      const scores = values.map((v, i) => given(`Đơn vị ${i}`, '3.1', v as GivenPoints['values']));
      const check = checkGivenPoints(reweighted('3.1', oldMax, newMax), scores, { rescale: true });
      expect(check.overMax).toEqual([]);
      for (const r of check.rescaled) {
        expect(dec(r.after).lessThanOrEqualTo(newMax)).toBe(true);
        expect(dec(r.after).decimalPlaces()).toBeLessThanOrEqual(3);
        expect(dec(r.after).greaterThanOrEqualTo(0)).toBe(true);
      }
    }));
  });

  it('rescaling by the same maximum changes nothing (property)', () => {
    fc.assert(fc.property(money(20), money(20), (max, value) => {
      expect(rescalePoints(value, max, max).toFixed()).toBe(dec(value).toFixed());
      expect(checkGivenPoints({ reweighted: [] }, [given('Sở A', '1.1', { final: value })], { rescale: true })).toEqual({ overMax: [], rescaled: [] });
    }));
  });

  it('identical rubrics give an empty diff and are the same document, however their keys were ordered (property)', () => {
    const reorder = (v: unknown, flip: boolean): unknown => {
      if (Array.isArray(v)) return v.map((x) => reorder(x, flip));
      if (v && typeof v === 'object') {
        const entries = Object.entries(v).map(([k, x]) => [k, reorder(x, flip)] as const);
        return Object.fromEntries(flip ? entries.reverse() : entries);
      }
      return v;
    };
    fc.assert(fc.property(fc.boolean(), fc.constantFrom(...sampleRubric().fields.map((_, i) => i)), (flip, drop) => {
      const doc = sampleRubric();
      const copy = reorder(structuredClone(doc), flip) as RubricDocument;
      expect(isEmptyDiff(diffRubrics(doc, copy))).toBe(true);
      expect(diffRubrics(doc, copy).kept.length).toBeGreaterThan(0);
      expect(sameRubricDocument(doc, copy)).toBe(true);
      // Any real change is not the same document.
      const changed = structuredClone(doc);
      changed.fields[drop].title += ' (sửa)';
      expect(sameRubricDocument(doc, changed)).toBe(false);
    }));
  });
});
