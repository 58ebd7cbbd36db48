import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  formatDecimal,
  formatExact,
  formatInteger,
  hasHiddenDigits,
  isZeroDecimal,
  roundHalfUp,
} from './format.ts';

describe('roundHalfUp on the digits of the string', () => {
  it.each([
    ['79.885', '79.89'],
    ['86.5350318', '86.54'],
    ['-1.005', '-1.01'], // (1.005).toFixed(2) gives "1.00"
    ['100', '100.00'],
    ['99.995', '100.00'],
    ['9.999', '10.00'],
    ['0.125', '0.13'],
    ['1.004999', '1.00'],
    ['62.3', '62.30'],
    ['0.005', '0.01'],
    ['007.10', '7.10'],
    ['.5', '0.50'],
    ['+3.2', '3.20'],
  ])('%s → %s', (input, expected) => {
    expect(roundHalfUp(input)).toBe(expected);
  });

  it('never shows a negative zero', () => {
    expect(roundHalfUp('-0.004')).toBe('0.00');
    expect(roundHalfUp('-0')).toBe('0.00');
  });

  it('rounds to other precisions', () => {
    expect(roundHalfUp('71.1425', 3)).toBe('71.143');
    expect(roundHalfUp('4869.5', 0)).toBe('4870');
    expect(roundHalfUp('-0.4', 0)).toBe('0');
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '-', '.', '1e3', '1,5', 'abc', '1.2.3']) expect(roundHalfUp(bad)).toBeNull();
  });
});

describe('formatDecimal the Vietnamese and English way', () => {
  it('formats the brief examples', () => {
    expect(formatDecimal('79.885', 'vi')).toBe('79,89');
    expect(formatDecimal('86.5350318', 'vi')).toBe('86,54');
    expect(formatDecimal('-1.005', 'vi')).toBe('-1,01');
    expect(formatDecimal('100', 'vi')).toBe('100,00');
    expect(formatInteger(4870, 'vi')).toBe('4.870');
    expect(formatInteger('4870', 'vi')).toBe('4.870');
  });

  it('shows points with 2 decimals and groups thousands', () => {
    expect(formatDecimal('62.3', 'vi')).toBe('62,30');
    expect(formatDecimal('4870.5', 'vi')).toBe('4.870,50');
    expect(formatDecimal('1234567.891', 'vi')).toBe('1.234.567,89');
    expect(formatDecimal('4870.5', 'en')).toBe('4,870.50');
    expect(formatDecimal('86.54', 'en')).toBe('86.54');
    expect(formatDecimal('999.999', 'vi')).toBe('1.000,00');
  });

  it('signs deltas', () => {
    expect(formatDecimal('1.25', 'vi', { signed: true })).toBe('+1,25');
    expect(formatDecimal('-3.585', 'vi', { signed: true })).toBe('-3,59');
    expect(formatDecimal('0', 'vi', { signed: true })).toBe('0,00');
    expect(formatDecimal('-0.001', 'en', { signed: true })).toBe('0.00');
  });

  it('shows every digit when asked for the exact value', () => {
    expect(formatExact('71.1425', 'vi')).toBe('71,1425');
    expect(formatExact('4870', 'vi')).toBe('4.870');
    expect(formatExact('86.5350318', 'en')).toBe('86.5350318');
  });

  it('shows a malformed value unchanged rather than inventing a number', () => {
    expect(formatDecimal('NaN', 'vi')).toBe('NaN');
  });
});

describe('exact comparisons', () => {
  it('compares decimal strings without floats', () => {
    expect(compareDecimal('98', '100')).toBe(-1);
    expect(compareDecimal('100.000', '100')).toBe(0);
    expect(compareDecimal('78.5', '78.49999999999999999')).toBe(1);
    expect(compareDecimal('-2', '-10')).toBe(1);
    expect(compareDecimal('-0', '0')).toBe(0);
    expect(compareDecimal('0.1', '-5')).toBe(1);
  });

  it('detects zero and digits hidden by rounding', () => {
    expect(isZeroDecimal('0.000')).toBe(true);
    expect(isZeroDecimal('-0')).toBe(true);
    expect(isZeroDecimal('0.001')).toBe(false);
    expect(hasHiddenDigits('71.142')).toBe(true);
    expect(hasHiddenDigits('62.300')).toBe(false);
    expect(hasHiddenDigits('62')).toBe(false);
  });
});
