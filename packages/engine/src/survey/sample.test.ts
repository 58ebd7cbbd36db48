import { describe, expect, it } from 'vitest';
import { samplePlan, sampleSize } from './sample.ts';
import { t95 } from './confidence.ts';

describe('sampleSize: n = N / (1 + N·e²), rounded up', () => {
  it('matches hand-computed values', () => {
    expect(sampleSize(400, 0.05)).toBe(200); // 400 / 2 exactly
    expect(sampleSize(1000, 0.05)).toBe(286); // 285.71…
    expect(sampleSize(100, '0,05')).toBe(80);
    expect(sampleSize(1_000_000, 0.05)).toBe(400); // 399.84…
    expect(sampleSize(50, 0.1)).toBe(34); // 50 / 1.5 = 33.3…
    expect(sampleSize(1, 0.05)).toBe(1);
    expect(sampleSize(0, 0.05)).toBe(0);
  });

  it('refuses a negative or fractional N and a margin outside (0, 1), in Vietnamese', () => {
    expect(() => sampleSize(-1, 0.05)).toThrow('Số giao dịch (N) phải là số nguyên không âm');
    expect(() => sampleSize(10.5, 0.05)).toThrow('Số giao dịch');
    expect(() => sampleSize(100, 0)).toThrow('Sai số (e) phải lớn hơn 0 và nhỏ hơn 1');
    expect(() => sampleSize(100, 5)).toThrow('ví dụ 0,05 cho 5%');
    expect(() => sampleSize(100, 'abc')).toThrow('Sai số');
  });

  it('plans each unit', () => {
    expect(samplePlan([{ unitCode: 'a', transactions: 400 }, { unitCode: 'b', transactions: 20 }], '0.05'))
      .toEqual([{ unitCode: 'a', transactions: 400, target: 200 }, { unitCode: 'b', transactions: 20, target: 20 }]);
  });
});

describe('t95', () => {
  it('uses the table to 30 degrees of freedom, then tends to 1.96', () => {
    expect(t95(1).toString()).toBe('12.706');
    expect(t95(30).toString()).toBe('2.042');
    expect(t95(40).toString()).toBe('2.021');
    expect(t95(60).toString()).toBe('2');
    expect(t95(120).toString()).toBe('1.98');
    expect(t95(100000).toString()).toBe('1.96');
  });
});
