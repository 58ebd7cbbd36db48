import { describe, expect, it } from 'vitest';
import { dec } from './decimal.ts';
import { indexRubric } from './rubric-index.ts';
import { checkLeafInputs, evaluateLeaf } from './rules.ts';
import { sampleRubric } from './test-rubric.ts';

const idx = indexRubric(sampleRubric());
const settings = idx.doc.settings;
const leaf = (code: string) => idx.leafByCode.get(code)!;
const pts = (code: string, inputs: object) => evaluateLeaf(leaf(code), inputs, settings).points.toFixed();

describe('scoring rules', () => {
  it('levels: chosen level gives its points; required evidence missing gives 0', () => {
    expect(pts('1.1', { level: 'late', hasEvidence: true })).toBe('0.5');
    expect(pts('1.1', { level: 'on_time', hasEvidence: false })).toBe('0');
  });
  it('evidence policy "explanation" keeps the score when the explanation was accepted', () => {
    const s = { ...settings, evidencePolicy: 'explanation' as const };
    expect(evaluateLeaf(leaf('1.1'), { level: 'on_time', explanationAccepted: true }, s).points.toFixed()).toBe('1');
    expect(evaluateLeaf(leaf('1.1'), { level: 'on_time' }, s).points.toFixed()).toBe('0');
  });
  it('binary: met → max, else 0', () => {
    expect(pts('1.2', { met: true })).toBe('1');
    expect(pts('1.2', { met: false })).toBe('0');
  });
  it('ratio bands: > 90% exclusive, ≥ 70%, below; nothing happened → full marks', () => {
    expect(pts('1.3', { numerator: 91, denominator: 100 })).toBe('2');
    expect(pts('1.3', { numerator: 90, denominator: 100 })).toBe('1');
    expect(pts('1.3', { numerator: 70, denominator: 100 })).toBe('1');
    expect(pts('1.3', { numerator: 69, denominator: 100 })).toBe('0');
    expect(pts('1.3', { numerator: 0, denominator: 0 })).toBe('2');
  });
  it('proportional: max × ratio, half-up to the rubric decimals; zero cases not applicable', () => {
    // 2 × 4870 / 4902 = 1.98694… → 1.99
    expect(pts('1.4', { numerator: 4870, denominator: 4902 })).toBe('1.99');
    expect(evaluateLeaf(leaf('1.4'), { numerator: 0, denominator: 0 }, settings).applicable).toBe(false);
  });
  it('count with cap: min(count × perItem, max)', () => {
    expect(pts('4.1', { count: 1 })).toBe('0.5');
    expect(pts('4.1', { count: 7 })).toBe('1');
  });
  it('manual and survey points are taken exactly', () => {
    expect(pts('2.2', { points: '1.75' })).toBe('1.75');
    expect(evaluateLeaf(leaf('3.1'), { points: '2.123456' }, settings).points.equals(dec('2.123456'))).toBe(true);
  });
  it('input checks name the leaf and the problem in Vietnamese', () => {
    expect(checkLeafInputs(leaf('2.2'), { points: '2.5' })[0].message).toBe('Tiêu chí 2.2: điểm 2,5 vượt điểm tối đa 2.');
    expect(checkLeafInputs(leaf('1.1'), { level: 'soon' })[0].message).toContain('mức "soon" không có');
    expect(checkLeafInputs(leaf('1.4'), { numerator: 10, denominator: 5 })[0].field).toBe('numerator');
    expect(checkLeafInputs(leaf('1.2'), {})[0].message).toContain('Đạt/Không đạt');
    expect(checkLeafInputs(leaf('1.4'), { numerator: 5, denominator: 10 })).toEqual([]);
  });
});
