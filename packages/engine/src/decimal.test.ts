import { describe, expect, it } from 'vitest';
import { dec, formatVi, percent, sum, toFixedHalfUp } from './decimal.ts';

describe('exact decimals', () => {
  it('rounds half-up where floating point rounds down (79.885 → 79.89)', () => {
    expect((62.3 + 17.585).toFixed(2)).toBe('79.88'); // the float trap this module exists for
    expect(toFixedHalfUp(sum([dec('62.3'), dec('17.585')]))).toBe('79.89');
    expect(toFixedHalfUp(dec('-1.005'))).toBe('-1.01');
  });
  it('sums many small scores exactly', () => {
    const s = sum(Array.from({ length: 1000 }, () => dec('0.1')));
    expect(s.toFixed()).toBe('100');
  });
  it('formats the Vietnamese way', () => {
    expect(formatVi(dec('86.3'))).toBe('86,30');
    expect(formatVi(dec('4870.5'))).toBe('4.870,50');
    expect(formatVi(dec('-0.004'))).toBe('0,00');
    expect(formatVi(dec('-1.25'))).toBe('-1,25');
  });
  it('index percent is exact: 67.93 / 78.5 = 86.535…', () => {
    expect(toFixedHalfUp(percent(dec('67.93'), dec('78.5'))!)).toBe('86.54');
    expect(percent(dec(1), dec(0))).toBeUndefined();
  });
});
