import { describe, expect, it } from 'vitest';
import { compareDecimalText, fractionAsPercentText, isPlainDecimal, progressPercent, ratioPercentText, roundDecimalText } from './display.ts';

describe('roundDecimalText: half-up on the exact value of a decimal string', () => {
  it.each([
    ['79.885', 2, '79.89'], // the float gives 79.88
    ['-1.005', 2, '-1.01'],
    ['99.995', 2, '100.00'],
    ['1.004999', 2, '1.00'],
    ['007.10', 2, '7.10'],
    ['.5', 2, '0.50'],
    ['+3.2', 2, '3.20'],
    ['5.', 2, '5.00'],
    ['71.1425', 3, '71.143'],
    ['4869.5', 0, '4870'],
  ] as const)('%s to %i → %s', (input, places, expected) => {
    expect(roundDecimalText(input, places)).toBe(expected);
  });

  it('never shows a negative zero', () => {
    expect(roundDecimalText('-0.004')).toBe('0.00');
    expect(roundDecimalText('-0.4', 0)).toBe('0');
    expect(roundDecimalText('-0')).toBe('0.00');
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '-', '.', '1e3', '1,5', 'abc', '1.2.3', 'NaN', 'Infinity']) {
      expect(isPlainDecimal(bad)).toBe(false);
      expect(roundDecimalText(bad)).toBeNull();
    }
  });
});

describe('compareDecimalText', () => {
  it('compares exactly, beyond what a float can tell apart', () => {
    expect(compareDecimalText('80.00', '80')).toBe(0);
    expect(compareDecimalText('79.99', '80')).toBe(-1);
    expect(compareDecimalText('-0', '0')).toBe(0);
    expect(compareDecimalText('-2', '-10')).toBe(1);
    expect(compareDecimalText('0.10000000000000000001', '0.1')).toBe(1); // equal as floats
  });
  it('throws on a malformed value', () => {
    expect(() => compareDecimalText('1,5', '1')).toThrow('Not a decimal: 1,5');
  });
});

describe('ratioPercentText', () => {
  it('is 100 × n ÷ d half-up to 2 decimals', () => {
    expect(ratioPercentText(3, 7)).toBe('42.86'); // 42.857142…
    expect(ratioPercentText(1, 8)).toBe('12.50');
    expect(ratioPercentText(1, 16)).toBe('6.25');
    expect(ratioPercentText(1, 32)).toBe('3.13'); // 3.125 half-up
    expect(ratioPercentText(2, 2)).toBe('100.00');
    expect(ratioPercentText(0, 5)).toBe('0.00');
    expect(ratioPercentText(1, 400)).toBe('0.25');
    expect(ratioPercentText(1, 3)).toBe('33.33');
  });
  it('has no figure without a denominator above zero', () => {
    expect(ratioPercentText(3, 0)).toBeNull();
    expect(ratioPercentText(3, -1)).toBeNull();
    expect(ratioPercentText(3, Number.NaN)).toBeNull();
  });
});

describe('progressPercent', () => {
  it('is a whole percent, half-up', () => {
    expect(progressPercent(1, 8)).toBe(13); // 12.5
    expect(progressPercent(1, 3)).toBe(33); // 33.33…
    expect(progressPercent(2, 3)).toBe(67); // 66.66…
    expect(progressPercent(37, 37)).toBe(100);
    expect(progressPercent(0, 12)).toBe(0);
  });
  it('is 0 without a total', () => {
    expect(progressPercent(0, 0)).toBe(0);
  });
});

describe('fractionAsPercentText', () => {
  it('is 100 × the fraction, exact (where the float gives 7.000000000000001 and 14.499999999999998)', () => {
    expect(fractionAsPercentText('0.07')).toBe('7');
    expect(fractionAsPercentText('0.145')).toBe('14.5');
    expect(fractionAsPercentText('0.1')).toBe('10');
    expect(fractionAsPercentText('0.025')).toBe('2.5');
  });
});
