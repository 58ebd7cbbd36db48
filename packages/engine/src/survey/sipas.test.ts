import { describe, expect, it } from 'vitest';
import { toExact } from '../decimal.ts';
import { computeSipas } from './sipas.ts';
import { response, sipasQuestionnaire } from './test-questionnaires.ts';

const q = sipasQuestionnaire();
const r = (unit: string, answers: Record<string, string | string[]>) => response('SIPAS-T', unit, 'nguoi_dan', answers);
/*
 * Unit X, four forms (levels; "0" = không ý kiến, not a valid answer):
 *        tc1 tc2 tt1 cc1 kq1 pa1   exp1
 *   r1    5   4   3   5   2   4    a, b
 *   r2    4   2   4   5   4   –    b
 *   r3    0   5   5   1   5   5    –
 *   r4    3   4   4   4   4   3    c
 * % satisfied (4–5): tc1 2/3, tc2 3/4 → tiếp cận (66,67 + 75)/2 = 70,83; tt1, cc1, kq1 3/4 = 75; pa1 2/3 = 66,67
 * overall = mean of factors = (70,8333 + 75 + 75 + 75 + 66,6667)/5 = 72,5; pooled = 16/22 = 72,73.
 */
const forms = [
  r('X', { gt: 'nam', tc1: '5', tc2: '4', tt1: '3', cc1: '5', kq1: '2', pa1: '4', exp1: ['a', 'b'] }),
  r('X', { gt: 'nu', tc1: '4', tc2: '2', tt1: '4', cc1: '5', kq1: '4', exp1: ['b'] }),
  r('X', { gt: 'nu', tc1: '0', tc2: '5', tt1: '5', cc1: '1', kq1: '5', pa1: '5' }),
  r('X', { tc1: '3', tc2: '4', tt1: '4', cc1: '4', kq1: '4', pa1: '3', exp1: ['c'] }),
  r('Y', { gt: 'nam', tc1: '1', tc2: '1', tt1: '1', cc1: '1', kq1: '1', pa1: '1' }),
];

describe('computeSipas', () => {
  const report = computeSipas(q, forms);
  const x = report.units.find((u) => u.unitCode === 'X')!;

  it('item % = satisfied levels ÷ valid answers; "không ý kiến" is not valid', () => {
    const tc1 = x.items.find((i) => i.questionCode === 'tc1')!;
    expect(tc1).toMatchObject({ n: 3, satisfied: 2, levels: { 3: 1, 4: 1, 5: 1 } });
    expect(tc1.percent!.toFixed(2)).toBe('66.67');
  });

  it('factor = mean of its items; overall = mean of the five factors', () => {
    expect(x.factors.map((f) => [f.code, f.percent!.toFixed(2)])).toEqual([
      ['tiep_can', '70.83'], ['thu_tuc', '75.00'], ['cong_chuc', '75.00'], ['ket_qua', '75.00'], ['phan_anh', '66.67'],
    ]);
    expect(x.overall!.toFixed(10)).toBe('72.5000000000');
    expect(x.responses).toBe(4);
  });

  it('pooled factor and overall indices, and other satisfied levels, are settings', () => {
    const pooled = computeSipas(q, forms, { settings: { factorIndex: 'pooled', overall: 'pooled' } }).units[0];
    expect(pooled.factors[0].percent!.toFixed(4)).toBe('71.4286'); // 5/7
    expect(pooled.overall!.toFixed(4)).toBe('72.7273'); // 16/22
    const wide = computeSipas(q, forms, { settings: { satisfiedLevels: [3, 4, 5] } }).units[0];
    expect(toExact(wide.items.find((i) => i.questionCode === 'tc1')!.percent!)).toBe('100');
    const weighted = computeSipas(q, forms, {
      settings: { overall: 'weighted_factors', factors: [{ code: 'tiep_can', name: 'Tiếp cận', weight: '50' }, { code: 'thu_tuc', name: 'Thủ tục', weight: '50' }] },
    }).units[0];
    expect(weighted.factors).toHaveLength(2);
    expect(weighted.overall!.toFixed(4)).toBe('72.9167'); // (70,8333 + 75)/2
  });

  it('summarises expectations (share of those who answered) and the profile', () => {
    const exp = x.expectations[0];
    expect(exp.answered).toBe(3);
    expect(exp.options.map((o) => [o.code, o.count, o.percent!.toFixed(2)])).toEqual([['a', 1, '33.33'], ['b', 2, '66.67'], ['c', 1, '33.33']]);
    expect(x.profile[0].options.map((o) => o.count)).toEqual([1, 2]);
  });

  it('gives province-wide figures over every form, and the mean of units', () => {
    expect(report.units.map((u) => u.unitCode)).toEqual(['X', 'Y']);
    expect(report.province.responses).toBe(5);
    const tc2 = report.province.items.find((i) => i.questionCode === 'tc2')!;
    expect(tc2).toMatchObject({ n: 5, satisfied: 3 });
    expect(report.units[1].overall!.isZero()).toBe(true);
    expect(report.meanOfUnits!.toFixed(10)).toBe('36.2500000000');
  });

  it('reports the units asked for, even without forms, and leaves out excluded forms', () => {
    const res = computeSipas(q, forms, { unitCodes: ['Z', 'X'], excludedIds: [forms[0].id] });
    expect(res.units.map((u) => [u.unitCode, u.responses])).toEqual([['Z', 0], ['X', 3]]);
    expect(res.units[0].overall).toBeUndefined();
    expect(res.units[0].factors[0].percent).toBeUndefined();
    expect(res.province.responses).toBe(4);
  });
});
